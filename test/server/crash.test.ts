import { afterAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api';
import { generatePlanFile, generatedTaskIds } from '../support/planFile';
import { startServer, type RunningServer } from '../support/server';

/**
 * Durability: a server SIGKILLed in the middle of a few hundred concurrent transitions restarts
 * with every transition that got a 200, and a readable store. Findings recorded with a
 * remediation task (two entries in one commit) are in the burst too: each acknowledged one is
 * back with its task, and no finding or task is ever back without the other.
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
    // An inspection of U001 in fieldwork, so findings can be recorded during the burst.
    const planId = tasks[0].id.slice(0, tasks[0].id.indexOf('-', tasks[0].id.indexOf('-') + 1));
    const coordinator = await ApiClient.login(server.url, 'vanphong');
    const inspector = await ApiClient.login(server.url, 'thanhtra');
    const created = await coordinator.json<any>('POST', '/api/inspections', {
      planId, title: 'Kiểm tra U001', targetUnitId: 'U001', scheduledOn: '2026-06-01', teamUserIds: ['u-thanhtra'], leadUserId: 'u-thanhtra',
    });
    expect(created.status).toBe(201);
    const inspectionId: string = created.body.inspection.id;
    for (const [who, body] of [
      [coordinator, { type: 'NOTIFY' }],
      [heads.get('U001')!, { type: 'SUBMIT_SELF_REPORT', report: 'Báo cáo tự kiểm tra' }],
      [inspector, { type: 'START_FIELDWORK' }],
    ] as const) {
      expect((await who.json('POST', `/api/inspections/${inspectionId}/events`, body)).status).toBe(200);
    }
    const findingsAcknowledged: Array<{ id: string; taskId: string }> = [];

    const acknowledged: string[] = [];
    let failed = 0;
    const killAfter = 100;
    let killing: Promise<void> | undefined;
    const running = server;
    // Mid-burst, once both kinds of request have been acknowledged.
    const killWhenDue = () => {
      if (!killing && acknowledged.length >= killAfter && findingsAcknowledged.length >= 3) killing = running.kill();
    };
    // 40 chains of moves, each sending its next move as soon as the last is answered: always about
    // 40 in flight (they share group commits), and far more still to come when the kill lands.
    // Beside them, 3 chains of findings with remediation tasks (two entries in one commit each).
    const CHAINS = 40;
    const FINDING_CHAINS = 3;
    let cut = false;
    let findingNo = 0;
    await Promise.all([
      ...Array.from({ length: CHAINS }, async (_, chain) => {
        for (let i = chain; i < tasks.length && !cut; i += CHAINS) {
          const { id, unit } = tasks[i];
          try {
            const res = await heads.get(unit)!.request('POST', `/api/tasks/${id}/events`, { type: 'START' });
            if (res.status === 200) {
              acknowledged.push(id);
              killWhenDue();
            } else failed++;
            await res.body?.cancel();
          } catch {
            failed++; // connection cut by the kill: never acknowledged
            cut = true;
          }
        }
      }),
      ...Array.from({ length: FINDING_CHAINS }, async () => {
        while (!cut && findingNo < 300) {
          const n = ++findingNo;
          try {
            const res = await inspector.request('POST', `/api/inspections/${inspectionId}/findings`, {
              areaId: `area-${(n % 7) + 1}`, description: `Tồn tại số ${n}`, recommendation: 'Khắc phục', createTask: true,
            });
            if (res.status === 201) {
              const { finding } = (await res.json()) as { finding: { id: string; taskId: string } };
              findingsAcknowledged.push(finding);
              killWhenDue();
            } else await res.body?.cancel();
          } catch {
            cut = true; // cut by the kill: never acknowledged
          }
        }
      }),
    ]);
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

    // Finding and remediation task: both back, or neither.
    const inspection = (await reader.json<any>('GET', `/api/inspections/${inspectionId}`)).body;
    const findings = new Map<string, any>(inspection.findings.map((f: any) => [f.id, f]));
    expect(findingsAcknowledged.length, 'findings acknowledged before the kill').toBeGreaterThan(0);
    for (const f of findingsAcknowledged) expect(findings.get(f.id)?.taskId).toBe(f.taskId);
    const remediation = plan.tasks.filter((t) => t.source && 'inspectionId' in t.source && t.source.inspectionId === inspectionId);
    expect(remediation.map((t) => t.id).sort()).toEqual([...findings.values()].map((f) => f.taskId).sort());
    for (const t of remediation) expect(findings.get((t.source as { findingId: string }).findingId)?.taskId).toBe(t.id);
  }, 120_000);
});
