import { afterAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api';
import { generatePlanFile, generatedTaskIds } from '../support/planFile';
import { startServer, type RunningServer } from '../support/server';

/**
 * Durability: a server SIGKILLed in the middle of a few hundred concurrent transitions restarts
 * with every transition that got a 200, and a readable store.
 */
describe('a server killed mid-burst', () => {
  const planFile = generatePlanFile({ units: 4, tasks: 600 });
  const tasks = generatedTaskIds(planFile);
  let server: RunningServer | undefined;
  afterAll(() => server?.stop());

  it('keeps every acknowledged transition', async () => {
    server = await startServer({ env: { SEED_FILE: planFile } });
    const heads = new Map<string, ApiClient>();
    for (const unit of new Set(tasks.map((t) => t.unit))) {
      heads.set(unit, await ApiClient.login(server.url, `truongphong.${unit.toLowerCase()}`));
    }
    const acknowledged: string[] = [];
    let failed = 0;
    const killAfter = 100;
    let killing: Promise<void> | undefined;
    const running = server;
    await Promise.all(
      tasks.map(async ({ id, unit }) => {
        try {
          const res = await heads.get(unit)!.request('POST', `/api/tasks/${id}/events`, { type: 'START' });
          if (res.status === 200) {
            acknowledged.push(id);
            if (acknowledged.length === killAfter) killing = running.kill();
          } else failed++;
          await res.body?.cancel();
        } catch {
          failed++; // connection cut by the kill: never acknowledged
        }
      }),
    );
    await killing;
    expect(acknowledged.length).toBeGreaterThanOrEqual(killAfter);
    // The kill must have landed mid-burst, or this test proves nothing.
    expect(acknowledged.length, `acknowledged ${acknowledged.length}, failed ${failed}`).toBeLessThan(tasks.length);

    server = await startServer({ dataDir: running.dataDir, env: { SEED_FILE: planFile } });
    const reader = await ApiClient.login(server.url, 'giamdoc');
    expect((await reader.json('GET', '/api/health')).body).toEqual({ ok: true });
    const plan = await reader.plan();
    const state = new Map(plan.tasks.map((t) => [t.id, t]));
    const lost = acknowledged.filter((id) => state.get(id)?.state !== 'inProgress');
    expect(lost).toEqual([]);
    for (const id of acknowledged.slice(0, 20)) {
      const history = await reader.json<Array<{ type: string }>>('GET', `/api/tasks/${id}/history`);
      expect(history.body.map((h) => h.type)).toEqual(['START']);
    }
    // Whatever was started beyond the acknowledged ones was durable too, never half-written.
    const started = plan.tasks.filter((t) => t.state === 'inProgress');
    for (const t of started) expect(t.version).toBe(2);
  }, 120_000);
});
