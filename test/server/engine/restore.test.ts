import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../machines/roles';
import { seedIfEmpty } from '../../../seed/seedStore';
import { Engine } from '../../../server/engine/engine';
import { EmbeddedStore } from '../../../server/store/embedded/embeddedStore';
import { planDetail, progressOf } from '../../../server/engine/views';

/**
 * test/fixtures/store-v1 is a store written by task machine v1 (review state `submitted`, owner in
 * `context.unit`), in its snapshot file and in its log. It must restore, migrated, either way.
 */
const FIXTURE = fileURLToPath(new URL('../../fixtures/store-v1', import.meta.url));
const NOW = new Date('2026-11-20T03:00:00Z');
const coordinator: Actor = { id: 'u-vanphong', username: 'vanphong', role: 'coordinator', unitId: 'VP' };

function copyFixture(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tiendo-v1-'));
  cpSync(FIXTURE, dir, { recursive: true });
  return dir;
}

async function check(dataDir: string) {
  const engine = await Engine.open({ store: await EmbeddedStore.open(dataDir), clock: () => NOW });
  const plan = engine.getPlan('stp-2026');
  const progress = progressOf(plan, NOW);
  expect(progress).toMatchObject({ total: 28, done: 18, doneOnTime: 14, doneLate: 4, inReview: 3 });
  const review = planDetail(plan, coordinator, NOW).tasks.filter((t) => t.state === 'inReview');
  expect(review.map((t) => t.code)).toEqual(['1.2', '3.3', '5.2']);
  expect(review[0]).toMatchObject({ ownerUnitId: 'PBGDPL', allowedEvents: ['APPROVE', 'RETURN'] });
  // The migrated task still moves, and the new event is stored at the current machine version.
  const { task } = await engine.sendTaskEvent('stp-2026-1.2', coordinator, { type: 'APPROVE' }, NOW.toISOString());
  expect(task.machine).toMatchObject({ v: 2, value: 'done', context: { ownerUnitId: 'PBGDPL' } });
  await engine.close();
}

describe('restoring a store written by an older task machine', () => {
  it('migrates the v1 snapshot file', async () => {
    await check(copyFixture());
  });

  it('migrates v1 log entries when the snapshot is gone and state is rebuilt from the log', async () => {
    const dir = copyFixture();
    rmSync(join(dir, 'plans'), { recursive: true });
    await check(dir);
  });

  it('restarts with what it wrote after migrating', async () => {
    const dir = copyFixture();
    await check(dir);
    const engine = await Engine.open({ store: await EmbeddedStore.open(dir), clock: () => NOW });
    expect(progressOf(engine.getPlan('stp-2026'), NOW)).toMatchObject({ done: 19, inReview: 2 });
    expect((await engine.history('stp-2026-1.2')).map((e) => e.type)).toEqual(['START', 'SUBMIT', 'APPROVE']);
    await engine.close();
  });
});

describe('a plan rebuilt from the log and the same plan restored from its snapshot', () => {
  it('serialise to the same bytes, and so do the snapshots written from them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tiendo-bytes-'));
    // The seed leaves moved tasks, a deadline change and an inspection with findings, and a snapshot.
    await seedIfEmpty(dir, { password: 'tiendo-demo' });
    const snapshotFile = join(dir, 'plans', 'stp-2026.json');
    const written = readFileSync(snapshotFile, 'utf8');
    const restored = await Engine.open({ store: await EmbeddedStore.open(dir), clock: () => NOW });
    const fromSnapshot = JSON.stringify(restored.listPlans());
    await restored.close();

    rmSync(join(dir, 'plans'), { recursive: true });
    const rebuilt = await Engine.open({ store: await EmbeddedStore.open(dir), clock: () => NOW });
    expect(rebuilt.getPlan('stp-2026').inspections).toBeDefined();
    expect(JSON.stringify(rebuilt.listPlans())).toBe(fromSnapshot);
    await rebuilt.close(); // writes the snapshot again, from the rebuilt plan
    expect(readFileSync(snapshotFile, 'utf8')).toBe(written);
  });
});
