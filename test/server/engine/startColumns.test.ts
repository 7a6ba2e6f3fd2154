import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../machines/roles';
import { seedIfEmpty } from '../../../seed/seedStore';
import { Engine } from '../../../server/engine/engine';
import { planDetail } from '../../../server/engine/views';
import { EmbeddedStore } from '../../../server/store/embedded/embeddedStore';
import type { EventStore } from '../../../server/store/port';

/**
 * The embedded store starts the engine from its head columns (typed arrays) instead of visiting
 * every entry. Both ways must leave the engine in the same state: plans, every history, stream
 * versions (a next move is accepted), idempotency keys, with part of the log past the snapshots.
 */
const NOW = new Date('2026-11-20T03:00:00Z');
const coordinator: Actor = { id: 'u-vanphong', username: 'vanphong', role: 'coordinator', unitId: 'VP' };
const leader: Actor = { id: 'u-giamdoc', username: 'giamdoc', role: 'leader', unitId: 'BGD' };

async function state(store: EventStore, moveTaskId: string) {
  const engine = await Engine.open({ store, clock: () => NOW });
  const plans = engine.listPlans().map((p) => planDetail(p, coordinator, NOW));
  const histories: Record<string, string[]> = {};
  for (const t of plans.flatMap((p) => p.tasks)) histories[t.id] = (await engine.history(t.id)).map((e) => `${e.seq}:${e.type}`);
  const planEvents = await Promise.all(plans.map(async (p) => (await engine.planEvents(p.id)).map((e) => e.seq)));
  const inspectionId = (await engine.planEvents(plans[0].id)).find((e) => e.kind === 'inspection')!.streamId!;
  const inspections = (await engine.streamEvents('inspection', inspectionId)).map((e) => e.seq);
  const keyed = await engine.acceptedWithKey('key-after-snapshot');
  // The versions the start-up counted are what the next commit expects: a conflict would throw.
  const moved = await engine.sendTaskEvent(moveTaskId, leader, { type: 'CANCEL', reason: 'Kiểm tra khởi động' }, NOW.toISOString());
  await store.close(); // no final snapshot: the next start replays the tail again
  return { plans, histories, planEvents, inspections, keyed: keyed && { body: keyed.bodyHash, seq: keyed.entry.seq }, version: moved.task.version, before: histories[moveTaskId].length };
}

describe('start-up from head columns', () => {
  it('restores exactly what the per-entry replay restores', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tiendo-columns-'));
    await seedIfEmpty(dir, { password: 'tiendo-demo' });
    // Moves after the seed's snapshot, one with an idempotency key, closed without a snapshot.
    const engine = await Engine.open({ dataDir: dir, clock: () => NOW, snapshotDelayMs: 3_600_000 });
    const open = engine.listPlans()[0];
    const started = Object.values(open.tasks).filter((t) => t.machine.value === 'notStarted');
    expect(started.length).toBeGreaterThanOrEqual(2);
    for (const t of started) await engine.sendTaskEvent(t.id, coordinator, { type: 'START' }, NOW.toISOString());
    await engine.sendTaskEvent(started[0].id, leader, { type: 'CANCEL', reason: 'Trùng nhiệm vụ' }, NOW.toISOString(), {
      idem: { key: 'key-after-snapshot', bodyHash: 'h1', userId: leader.id, stream: { kind: 'task', id: started[0].id } },
    });
    await engine.store.close();

    const byColumns = await EmbeddedStore.open(dir);
    expect(byColumns.headColumns().count).toBeGreaterThan(50);
    const [moveA, moveB] = [started[1].id, Object.values(open.tasks).find((t) => t.machine.value === 'inProgress')!.id];
    expect(moveB).not.toBe(moveA);
    const a = await state(byColumns, moveA);
    // The same log, with the column start-up switched off: the engine visits every entry.
    const plain = await EmbeddedStore.open(dir);
    const b = await state(Object.assign(Object.create(plain) as EmbeddedStore, { headColumns: undefined }), moveB);
    // b ran after a's extra move: compare everything a saw before it, then the moves themselves.
    expect(a.keyed).toEqual({ body: 'h1', seq: expect.any(Number) });
    expect(b.keyed).toEqual(a.keyed);
    expect(b.inspections).toEqual(a.inspections);
    expect(a.version).toBe(a.before + 2); // version 1 is the task as the plan created it
    expect(b.version).toBe(b.before + 2);
    expect(b.histories[moveA]).toEqual([...a.histories[moveA], expect.stringMatching(/^\d+:CANCEL$/)]);
    for (const id of Object.keys(a.histories).filter((id) => id !== moveA)) expect(b.histories[id], id).toEqual(a.histories[id]);
    expect(b.planEvents[0].slice(0, -1)).toEqual(a.planEvents[0]);
    expect(b.planEvents.slice(1)).toEqual(a.planEvents.slice(1));
    expect(b.plans[0].tasks.filter((t) => t.id !== moveA)).toEqual(a.plans[0].tasks.filter((t) => t.id !== moveA));
  });
});
