import { readDemoPar } from '../../../seed/seedPar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDate } from '../../../machines/dates';
import type { PlanDetail } from '../../../machines/api';
import type { Progress } from '../../../machines/progress';
import { readPlanFile } from '../../../seed/referencePlan';
import { ApiClient, PLAN_ID } from '../../support/api';
import { startApp, type TestApp } from '../../support/app';

/** The plan as it stood on a past date, rebuilt from history (GET …?asOf=YYYY-MM-DD). */
describe('plan as of a past date', () => {
  const history = readPlanFile().demoHistory!;
  const approvedBy = (date: string) => history.filter((e) => e.type === 'APPROVE' && localDate(e.at) <= date).length;
  let server: TestApp;
  let leader: ApiClient;

  beforeAll(async () => {
    server = await startApp({ now: '2026-11-20T03:00:00Z' });
    leader = await ApiClient.login(server, 'giamdoc');
  });
  afterAll(() => server.close());

  it('counts only what was done by the end of that day', async () => {
    for (const date of ['2026-03-14', '2026-06-14', '2026-09-14', '2026-11-13', '2026-11-14']) {
      const { status, body } = await leader.json<Progress>('GET', `/api/plans/${PLAN_ID}/progress?asOf=${date}`);
      expect(status).toBe(200);
      expect(body.done).toBe(approvedBy(date));
      // The demo inspection's remediation task (KT1.1) joined the board on 15/09: counted apart.
      expect(body.total).toBe(28);
      expect(body.extra.total).toBe(date < '2026-09-15' ? 0 : 1);
    }
    expect(approvedBy('2026-06-14')).toBeLessThan(approvedBy('2026-11-14'));
  });

  it('judges overdue against that day, and offers no moves in the past', async () => {
    const { body } = await leader.json<PlanDetail>('GET', `/api/plans/${PLAN_ID}?asOf=2026-04-01`);
    const t22 = body.tasks.find((t) => t.code === '2.2')!; // deadline 31/03, approved 28/03
    expect(t22.state).toBe('done');
    const overdue = body.tasks.filter((t) => t.overdue).map((t) => t.code);
    for (const t of body.tasks) {
      expect(t.allowedEvents).toEqual([]);
      expect(t.overdue).toBe(t.state !== 'done' && t.state !== 'cancelled' && t.deadline < '2026-04-01');
    }
    expect(overdue).not.toContain('2.2');
    expect(body.allowedEvents).toEqual([]);
  });

  it('moves made today do not change the past', async () => {
    const before = await leader.json<Progress>('GET', `/api/plans/${PLAN_ID}/progress?asOf=2026-11-14`);
    const coordinator = await ApiClient.login(server, 'vanphong');
    expect((await coordinator.send('3.3', { type: 'APPROVE' })).status).toBe(200);
    const after = await leader.json<Progress>('GET', `/api/plans/${PLAN_ID}/progress?asOf=2026-11-14`);
    expect(after.body).toEqual(before.body);
    expect((await leader.progress()).done).toBe(before.body.done + 1);
  });

  it('refuses a malformed date and a date before the plan existed', async () => {
    const bad = await leader.json<{ error: { code: string } }>('GET', `/api/plans/${PLAN_ID}/progress?asOf=2026-02-30`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('bad_request');
    const early = await leader.json<{ error: { code: string } }>('GET', `/api/plans/${PLAN_ID}?asOf=2025-12-31`);
    expect(early.status).toBe(404);
  });

  it('lists the plan history with amendments and every task event, oldest first', async () => {
    const { body } = await leader.json<Array<{ seq: number; type: string; taskId?: string }>>('GET', `/api/plans/${PLAN_ID}/history`);
    expect(body.slice(0, 2).map((e) => e.type)).toEqual(['CREATE', 'ISSUE']);
    // Plus the demo inspection: 5 inspection steps, 2 findings, its task's ADD_TASK and START;
    // and the demo PAR Index: 3 dossier rows, CREATE, START_SCORING and one SCORE per scored leaf.
    const demoPar = readDemoPar();
    expect(body.length).toBe(2 + history.length + 9 + 1 + demoPar.dossiers.length + 2 + demoPar.scores.length);
    expect(body.filter((e) => e.type === 'SCORE')).toHaveLength(demoPar.scores.length);
    expect(body.map((e) => e.seq)).toEqual([...body.map((e) => e.seq)].sort((a, b) => a - b));
  });
});
