import { Hono } from 'hono';
import type { Actor } from '../../machines/roles';
import { CreateParBody, ParAppraisalBody, ParCriterionPatch, ParEventBody, ParScoreBody, ParTaskBody } from '../../machines/parApi';
import { decideAppraisal, decideEditCriterion, decideNewPar, decideParLifecycle, decideParTask, decideScore } from '../engine/decide/par';
import { getPar, planOfYear } from '../engine/par/lookup';
import { parMessages as m } from '../engine/par/messages';
import { liveOf, parIndexesOf, parSummary, parView } from '../engine/par/views';
import { taskView } from '../engine/views';
import { AppError } from '../errors';
import type { AppEnv, Deps } from '../http/context';
import { readBody } from '../http/respond';
import { DEFAULT_PERCENT_RULE } from '../../machines/percent';
import { PAR_IMPORT_HEADERS, PAR_OPTIONAL_HEADERS, validateParRows } from '../reports/parImportRows';
import { parExportWorkbook, parTemplateWorkbook } from '../reports/parWorkbook';
import { readTable } from '../reports/readTable';
import { xlsx } from './exports';
import { rowsRefused, uploadLimit, withUpload, yearField } from './uploadForm';

export const PAR_IMPORT_PATH = '/api/par/import';

/** API.md "PAR Index self-assessment": the indexes of a year, one index, its lifecycle, its criteria. */
export function parRoutes({ engine, files }: Deps) {
  const app = new Hono<AppEnv>();
  const now = () => engine.clock();
  const yearOf = (raw: string | undefined) => {
    if (raw === undefined) return undefined;
    const year = Number(raw);
    if (!Number.isInteger(year)) throw new AppError('bad_request', 'Năm (year) phải là số nguyên, ví dụ 2026.');
    return year;
  };
  const view = (id: string, actor: Actor) => {
    const { plan, index } = getPar(engine, id);
    return parView(plan, index, actor, now());
  };

  app.get('/', (c) => {
    const year = yearOf(c.req.query('year'));
    return c.json(
      engine
        .listPlans()
        .filter((p) => year === undefined || p.year === year)
        .flatMap((plan) => parIndexesOf(plan).map((index) => {
          const { areas: _areas, ...summary } = parSummary(index, liveOf(plan, now()));
          return summary;
        })),
    );
  });

  app.post('/', async (c) => {
    const body = await readBody(c, CreateParBody);
    const actor = c.get('actor');
    const at = engine.now();
    const [entry] = await engine.execute(() => {
      let criteria = body.criteria;
      if (body.copyFrom !== undefined) {
        if (criteria) throw new AppError('bad_request', 'Chỉ gửi một trong hai: criteria hoặc copyFrom.');
        criteria = getPar(engine, body.copyFrom).index.criteria;
      }
      return decideNewPar(planOfYear(engine, body.year, body.planId), actor, body, criteria, at);
    });
    return c.json({ index: view(entry.streamId!, actor) }, 201);
  });

  app.get('/template.xlsx', async (c) => xlsx(c, await parTemplateWorkbook(), 'mau-chi-so-cchc.xlsx'));

  // An index from the template's .xlsx, as a draft on the plan of its year (whose units the file names).
  app.post('/import', uploadLimit, (c) =>
    withUpload(c, ['coordinator', 'leader'], 'nhập bộ chỉ số CCHC từ tệp Excel', async ({ file, fields }) => {
      const year = yearField(fields.year);
      const title = fields.title?.trim() ? fields.title.trim().slice(0, 500) : `Tự đánh giá, chấm điểm Chỉ số CCHC năm ${year}`;
      const planId = fields.planId?.trim() || undefined;
      const plan = planOfYear(engine, year, planId);
      if (!plan) throw new AppError('bad_request', m.noPlanForYear(year, planId), { field: 'planId' });
      const read = await readTable(await file.arrayBuffer(), PAR_IMPORT_HEADERS, PAR_OPTIONAL_HEADERS);
      const outcome = read.ok ? validateParRows(read.rows, plan.units) : read;
      if (!outcome.ok) throw rowsRefused(outcome.rows, 'tiêu chí');
      const actor = c.get('actor');
      const at = engine.now();
      const [entry] = await engine.execute(() =>
        decideNewPar(planOfYear(engine, year, planId), actor, { year, title, planId }, outcome.criteria, at),
      );
      return c.json({ index: view(entry.streamId!, actor) }, 201);
    }),
  );

  app.get('/:id/export.xlsx', async (c) => {
    const { plan, index } = getPar(engine, c.req.param('id'));
    const body = await parExportWorkbook(parView(plan, index, c.get('actor'), now()), plan.units, plan.settings.percentRule ?? DEFAULT_PERCENT_RULE);
    return xlsx(c, body, `chi-so-cchc-${index.id}.xlsx`);
  });

  app.get('/:id', (c) => c.json(view(c.req.param('id'), c.get('actor'))));

  app.get('/:id/history', async (c) => {
    const { index } = getPar(engine, c.req.param('id'));
    const entries = await engine.streamEvents('par', index.id);
    return c.json(entries.map((e) => ({ seq: e.seq, at: e.at, type: e.type, by: e.by, from: e.from, to: e.to, ...e.payload })));
  });

  app.post('/:id/events', async (c) => {
    const body = await readBody(c, ParEventBody);
    const actor = c.get('actor');
    const at = engine.now();
    await engine.execute(() => {
      const { plan, index } = getPar(engine, c.req.param('id'));
      return decideParLifecycle(plan, index, actor, body, liveOf(plan, now()), at);
    });
    return c.json({ index: view(c.req.param('id'), actor) });
  });

  const criterionOf = (id: string, code: string, actor: Actor) => {
    const index = view(id, actor);
    const find = (nodes: typeof index.areas): (typeof index.areas)[number] | undefined => {
      for (const n of nodes) {
        if (n.code === code) return n;
        const inner = find(n.children ?? []);
        if (inner) return inner;
      }
      return undefined;
    };
    const node = find(index.areas);
    if (!node) throw new AppError('not_found', m.criterionNotFound(code));
    return node;
  };

  app.patch('/:id/criteria/:code', async (c) => {
    const body = await readBody(c, ParCriterionPatch);
    const actor = c.get('actor');
    const at = engine.now();
    await engine.execute(() => {
      const { plan, index } = getPar(engine, c.req.param('id'));
      return decideEditCriterion(plan, index, c.req.param('code'), actor, body, liveOf(plan, now()), at);
    });
    return c.json({ criterion: criterionOf(c.req.param('id'), c.req.param('code'), actor) });
  });

  app.put('/:id/criteria/:code/score', async (c) => {
    const body = await readBody(c, ParScoreBody);
    const actor = c.get('actor');
    const at = engine.now();
    // Each id must name an upload of this user's or a file already attached anywhere (evidence of a
    // plan task picked again): the same check a task's SUBMIT makes.
    const attached = await files!.resolve(body.files, actor);
    await engine.execute(() => {
      const { plan, index } = getPar(engine, c.req.param('id'));
      return decideScore(plan, index, c.req.param('code'), actor, body, attached, liveOf(plan, now()), at);
    });
    return c.json({ criterion: criterionOf(c.req.param('id'), c.req.param('code'), actor) });
  });

  app.put('/:id/criteria/:code/appraisal', async (c) => {
    const body = await readBody(c, ParAppraisalBody);
    const actor = c.get('actor');
    const at = engine.now();
    await engine.execute(() => {
      const { plan, index } = getPar(engine, c.req.param('id'));
      return decideAppraisal(plan, index, c.req.param('code'), actor, body, liveOf(plan, now()), at);
    });
    return c.json({ criterion: criterionOf(c.req.param('id'), c.req.param('code'), actor) });
  });

  app.post('/:id/criteria/:code/task', async (c) => {
    const body = await readBody(c, ParTaskBody);
    const actor = c.get('actor');
    const at = engine.now();
    const [entry] = await engine.execute(() => {
      const { plan, index } = getPar(engine, c.req.param('id'));
      return decideParTask(plan, index, c.req.param('code'), actor, body, liveOf(plan, now()), at);
    });
    const { plan, task } = engine.getTask(entry.taskId!);
    return c.json({ task: taskView(plan, task, actor, now()) }, 201);
  });
  return app;
}
