import { Hono } from 'hono';
import { CreateInspectionBody, FindingBody, FindingEventBody, InspectionEventBody } from '../../machines/inspectionApi';
import { publicUser } from '../store/accountsPort';
import type { AppEnv, Deps } from '../http/context';
import { requestKey } from '../http/idempotency';
import { readBody } from '../http/respond';
import { decideFinding, decideFindingStep, decideInspection, decideNewInspection } from '../engine/decide/inspection';
import { getFinding, getInspection } from '../engine/inspections/lookup';
import { findingView, inspectionsOf, inspectionView, programmeView } from '../engine/inspections/views';
import { historyView } from '../engine/views';
import { AppError } from '../errors';
import type { Actor } from '../../machines/roles';

/** API.md "Inspections": the programme, one inspection, its lifecycle, its findings and their history. */
export function inspectionRoutes({ engine, accounts, files }: Deps) {
  const app = new Hono<AppEnv>();
  const now = () => engine.clock();
  // File ids become references (with each file's sha256) before deciding; the deciders record them.
  const withFiles = async <B extends { files?: string[] }>(body: B, actor: Actor) => ({ ...body, resolvedFiles: await files!.resolve(body.files, actor) });
  const plansFor = (planId: string | undefined) => (planId === undefined ? engine.listPlans() : [engine.getPlan(planId)]);

  app.get('/', (c) => {
    const actor = c.get('actor');
    return c.json(plansFor(c.req.query('planId')).flatMap((plan) => inspectionsOf(plan).map((i) => inspectionView(plan, i, actor, now()))));
  });
  // Before '/:id', which would take these names as ids.
  app.get('/programme', (c) => {
    const planId = c.req.query('planId') ?? engine.listPlans()[0]?.id;
    if (!planId) throw new AppError('bad_request', 'Cần chọn kế hoạch (planId).');
    return c.json(programmeView(engine.getPlan(planId), c.get('actor'), now()));
  });
  // Who can be named to a team, and whose names the pages show (team, timeline): every enabled
  // account's public fields, for any logged-in user; the accounts list itself stays the leader's.
  app.get('/people', async (c) => {
    const users = await accounts.listUsers();
    return c.json(users.filter((u) => !u.disabled).map(({ disabled: _d, ...u }) => u));
  });
  app.post('/', async (c) => {
    const body = await readBody(c, CreateInspectionBody);
    const actor = c.get('actor');
    const known = new Set<string>();
    for (const id of new Set(body.teamUserIds.map((x) => x.trim()))) {
      const user = await accounts.findById(id);
      if (user && !user.disabled) known.add(publicUser(user).id);
    }
    const at = engine.now();
    let id = '';
    const answer = await engine.execute(() => {
      const plan = engine.listPlans().find((p) => p.id === body.planId);
      const decided = decideNewInspection(plan, actor, body, known, at);
      if (decided.ok) id = decided.entries[0].streamId!;
      return decided;
    }, { answer: (plan) => ({ inspection: inspectionView(plan, plan.inspections![id], actor, now()) }) });
    return c.json(answer, 201);
  });
  app.get('/:id', (c) => {
    const { plan, inspection } = getInspection(engine, c.req.param('id'));
    return c.json(inspectionView(plan, inspection, c.get('actor'), now()));
  });
  app.get('/:id/history', async (c) => {
    const { inspection } = getInspection(engine, c.req.param('id'));
    const streams = await Promise.all([
      engine.streamEvents('inspection', inspection.id),
      ...inspection.findingIds.map((id) => engine.streamEvents('finding', id)),
    ]);
    const entries = streams.flat().sort((a, b) => a.seq - b.seq);
    return c.json(entries.map((e) => ({ ...historyView(e), ...(e.kind === 'finding' ? { findingId: e.streamId } : {}) })));
  });
  app.post('/:id/events', async (c) => {
    const actor = c.get('actor');
    const body = await withFiles(await readBody(c, InspectionEventBody), actor);
    const at = engine.now();
    const id = c.req.param('id');
    const answer = await engine.execute(() => {
      const { plan, inspection } = getInspection(engine, id);
      return decideInspection(plan, inspection, actor, body, at, now());
    }, {
      idem: requestKey(c, { kind: 'inspection', id }),
      answer: (plan) => ({ inspection: inspectionView(plan, plan.inspections![id], actor, now()) }),
    });
    return c.json(answer);
  });
  app.post('/:id/findings', async (c) => {
    const actor = c.get('actor');
    const body = await withFiles(await readBody(c, FindingBody), actor);
    const at = engine.now();
    const id = c.req.param('id');
    let findingId = '';
    const answer = await engine.execute(() => {
      const { plan, inspection } = getInspection(engine, id);
      const decided = decideFinding(plan, inspection, actor, body, at);
      if (decided.ok) findingId = decided.entries[0].streamId!;
      return decided;
    }, {
      answer: (plan) => {
        const inspection = plan.inspections![id];
        return { finding: findingView(plan, inspection, inspection.findings[findingId], actor, now()) };
      },
    });
    return c.json(answer, 201);
  });
  app.post('/:id/findings/:findingId/events', async (c) => {
    const actor = c.get('actor');
    const body = await withFiles(await readBody(c, FindingEventBody), actor);
    const at = engine.now();
    const id = c.req.param('id');
    const findingId = c.req.param('findingId');
    const answer = await engine.execute(() => {
      const { plan, inspection } = getInspection(engine, id);
      return decideFindingStep(plan, inspection, getFinding(inspection, findingId), actor, body, at, now());
    }, {
      idem: requestKey(c, { kind: 'finding', id: findingId }),
      answer: (plan) => {
        const inspection = plan.inspections![id];
        return { finding: findingView(plan, inspection, inspection.findings[findingId], actor, now()) };
      },
    });
    return c.json(answer);
  });
  return app;
}
