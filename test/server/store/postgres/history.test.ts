import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../../machines/roles';
import { readPlanFile, toPlanDefinition } from '../../../../seed/referencePlan';
import { seedIfEmpty } from '../../../../seed/seedStore';
import { Engine } from '../../../../server/engine/engine';
import { taskView } from '../../../../server/engine/views';
import { EmbeddedStore } from '../../../../server/store/embedded/embeddedStore';
import { PgStore } from '../../../../server/store/postgres/pgStore';
import { generatePlanFile } from '../../../support/planFile';
import { copyLogIntoPostgres, dropSchema, freshSchema, pgUrl } from '../../../support/postgres';

/**
 * The engine on PostgreSQL and on the embedded store, the same log and the same commits: every
 * history read (from the database's tables, and from the log's offset index) must answer the same,
 * and a start replays only what lies past the snapshots.
 */
const url = pgUrl();
const NOW = new Date('2026-11-20T03:00:00Z');
const AT = NOW.toISOString();
const PLAN = 'stp-2026';
const KEY = 'pg-history-key';
const coordinator: Actor = { id: 'u-vanphong', username: 'vanphong', role: 'coordinator', unitId: 'VP' };
const leader: Actor = { id: 'u-giamdoc', username: 'giamdoc', role: 'leader', unitId: 'BGD' };
/** A request keyed KEY for a task, as the task route hands it to the engine; `replays` counts answers from the log. */
const keyedStart = (engine: Engine, taskId: string, replays = { count: 0 }) =>
  engine.sendTaskEvent(taskId, coordinator, { type: 'START' }, AT, {
    idem: { key: KEY, bodyHash: 'h-start', userId: coordinator.id, stream: { kind: 'task', id: taskId }, replayed: () => replays.count++ },
    // As the route answers it.
    answer: (plan) => JSON.parse(JSON.stringify({ task: taskView(plan, plan.tasks[taskId], coordinator, NOW) })) as unknown,
  });

const open = (store: EventStoreLike) => Engine.open({ store, clock: () => NOW, snapshotDelayMs: 3_600_000 });
type EventStoreLike = Parameters<typeof Engine.open>[0]['store'];

/** Every history read the engine offers, for every plan, task and other stream it holds. */
async function everything(engine: Engine): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const plan of engine.listPlans().sort((a, b) => a.id.localeCompare(b.id))) {
    const events = await engine.planEvents(plan.id);
    out[`plan ${plan.id}`] = events;
    // The same history page by page (as-of, trend and reviews walk it so): same entries, small pages.
    const sizes: number[] = [];
    const paged = [];
    for await (const page of engine.planPages(plan.id, 7)) {
      sizes.push(page.length);
      paged.push(...page);
    }
    expect(paged).toEqual(events);
    expect(sizes.every((n) => n > 0 && n <= 7) && sizes.length === Math.ceil(events.length / 7)).toBe(true);
    out[`plan ${plan.id} pages`] = sizes;
    // Only the entries a filter names (the trend's: task events into or out of done; reviews' kind).
    for (const filter of [{ kinds: ['task'], types: ['APPROVE', 'REOPEN'] }, { kinds: ['inspection'] }, { types: ['CREATE'] }]) {
      const picked = [];
      for await (const page of engine.planPages(plan.id, 5, filter)) picked.push(...page);
      expect(picked).toEqual(events.filter((e) => (!filter.kinds || filter.kinds.includes(e.kind)) && (!filter.types || filter.types.includes(e.type))));
      out[`plan ${plan.id} ${JSON.stringify(filter)}`] = picked.map((e) => e.seq);
    }
    for (const id of plan.taskIds) out[`task ${id}`] = await engine.history(id);
    for (const e of events) if (e.streamId) out[`${e.kind} ${e.streamId}`] ??= await engine.streamEvents(e.kind, e.streamId);
    for (const date of ['2026-03-31', '2026-09-30', '2026-11-20']) out[`${plan.id} as of ${date}`] = await engine.planAsOf(plan.id, date);
  }
  return out;
}

/** A replay that records where it started and how many entries it handed the engine. */
function spy(store: PgStore) {
  const seen = { after: [] as number[], visited: 0 };
  const replay = store.replay.bind(store);
  store.replay = (visit, after) => {
    seen.after.push(after ?? 0);
    return replay((item) => {
      seen.visited++;
      visit(item);
    }, after);
  };
  return seen;
}

describe.skipIf(!url)('PostgreSQL store reads history from the database', () => {
  const schema = freshSchema();
  const dir = mkdtempSync(join(tmpdir(), 'tiendo-pghistory-'));
  let reference: Engine;
  let tasks: { t1: string; t2: string; t3: string };
  let keyedAnswer: unknown;
  let snapshotAt: number;

  /** The same commits on both engines: a deadline change, a second plan, a move, an added task, a keyed move. */
  async function commits(engine: Engine): Promise<unknown> {
    const { t1, t2 } = tasks;
    const plan = engine.getPlan(PLAN);
    await engine.sendPlanEvent(PLAN, leader, { type: 'CHANGE_DEADLINE', taskId: t1, deadline: '2026-12-31', reason: 'Lùi hạn theo văn bản 12/UBND' }, AT);
    // Early, so the plan without a snapshot (last test) starts well before the others' snapshots.
    await engine.createPlan(toPlanDefinition(readPlanFile(generatePlanFile({ units: 2, tasks: 4, year: 2027 }))), coordinator, AT);
    await engine.sendTaskEvent(t1, coordinator, { type: 'START' }, AT);
    const task = { areaId: plan.areas[0].id, code: 'PG.1', title: 'Nhiệm vụ bổ sung', ownerUnitId: plan.units[0].id, coordinatingUnitIds: [], output: '', deadline: '2026-12-15' };
    await engine.sendPlanEvent(PLAN, leader, { type: 'ADD_TASK', task, reason: 'Bổ sung theo chỉ đạo' }, AT);
    return keyedStart(engine, t2);
  }

  beforeAll(async () => {
    await seedIfEmpty(dir, { password: 'tiendo-demo' });
    // The seeded log copied verbatim into PostgreSQL.
    await copyLogIntoPostgres(dir, url!, schema);

    reference = await Engine.open({ store: await EmbeddedStore.open(dir), clock: () => NOW, snapshotDelayMs: 3_600_000 });
    const ids = Object.values(reference.getPlan(PLAN).tasks).filter((t) => t.machine.value === 'notStarted').map((t) => t.id).sort();
    expect(ids.length).toBeGreaterThanOrEqual(2);
    // t3 is the task ADD_TASK adds: its history starts with that plan entry.
    tasks = { t1: ids[0], t2: ids[1], t3: `${PLAN}-PG.1` };
    keyedAnswer = await commits(reference);
  });
  afterAll(async () => {
    await reference?.close();
    await dropSchema(url!, schema);
  });

  it('answers every history (task with its deadline change, plan, inspection streams, as-of) as the embedded engine does', async () => {
    const engine = await open(await PgStore.open(url!, { schema }));
    expect(await commits(engine)).toEqual(keyedAnswer);
    const onPg = await everything(engine);
    expect(onPg).toEqual(await everything(reference));
    expect((onPg[`task ${tasks.t1}`] as Array<{ type: string }>).map((e) => e.type)).toEqual(['CHANGE_DEADLINE', 'START']);
    expect(Object.keys(onPg).some((k) => k.startsWith('inspection '))).toBe(true);
    expect(Object.keys(onPg).some((k) => k.startsWith('finding '))).toBe(true);
    const found = await engine.acceptedWithKey(KEY);
    expect(found).toEqual(await reference.acceptedWithKey(KEY));
    snapshotAt = engine.store.position;
    await engine.close(); // writes every plan's snapshot at snapshotAt
  });

  it('restarts from snapshots replaying only the tail, accepts the next move, answers a retried key', async () => {
    // A move past the snapshots, then a stop without a snapshot: the tail to replay.
    const second = await open(await PgStore.open(url!, { schema }));
    for (const engine of [second, reference]) await engine.sendTaskEvent(tasks.t3, coordinator, { type: 'START' }, AT);
    await second.store.close();

    const store = await PgStore.open(url!, { schema });
    const seen = spy(store);
    const engine = await open(store);
    expect(seen.after).toEqual([snapshotAt]);
    expect(seen.visited).toBe(1);
    expect(await everything(engine)).toEqual(await everything(reference));
    expect(engine.listPlans().sort((a, b) => a.id.localeCompare(b.id))).toEqual(reference.listPlans().sort((a, b) => a.id.localeCompare(b.id)));

    // Versions counted from the database for the skipped range: the next moves commit, as on the reference.
    for (const taskId of [tasks.t1, tasks.t3]) {
      const [pg, ref] = [await engine.sendTaskEvent(taskId, leader, { type: 'CANCEL', reason: 'Trùng nhiệm vụ' }, AT), await reference.sendTaskEvent(taskId, leader, { type: 'CANCEL', reason: 'Trùng nhiệm vụ' }, AT)];
      expect(pg.task).toEqual(ref.task);
    }
    // The keyed START again, though the task has moved on: answered from the log, as first answered.
    for (const e of [engine, reference]) {
      const replays = { count: 0 };
      expect(await keyedStart(e, tasks.t2, replays)).toEqual(keyedAnswer);
      expect(replays.count).toBe(1);
    }
    await engine.store.close();
  });

  it('replays a plan without a snapshot from its first entry', async () => {
    const store = await PgStore.open(url!, { schema });
    await store.pool.query('DELETE FROM tiendo_snapshots WHERE plan_id = $1', ['stp-2027']);
    const created = (await reference.planEvents('stp-2027'))[0].seq;
    expect(created).toBeLessThan(snapshotAt);
    const seen = spy(store);
    const engine = await open(store);
    expect(seen.after).toEqual([created - 1]);
    expect(await everything(engine)).toEqual(await everything(reference));
    expect(engine.listPlans().sort((a, b) => a.id.localeCompare(b.id))).toEqual(reference.listPlans().sort((a, b) => a.id.localeCompare(b.id)));
    const [pg, ref] = [await engine.sendTaskEvent(tasks.t2, leader, { type: 'CANCEL', reason: 'Trùng nhiệm vụ' }, AT), await reference.sendTaskEvent(tasks.t2, leader, { type: 'CANCEL', reason: 'Trùng nhiệm vụ' }, AT)];
    expect(pg.task).toEqual(ref.task);
    await engine.store.close();
  });
});
