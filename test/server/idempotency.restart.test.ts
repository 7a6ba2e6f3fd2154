import { afterAll, describe, expect, it } from 'vitest';
import { ApiClient, PLAN_ID, taskId } from '../support/api';
import { SEEDED_INSPECTION, userId } from '../support/inspections';
import { startServer, type RunningServer } from '../support/server';

/**
 * An Idempotency-Key is recorded in the event's own log entry, so a client whose answer was lost in
 * a crash can retry after the restart and get the original result, not a second move.
 */
describe('Idempotency-Key across a crash', () => {
  let server: RunningServer | undefined;
  afterAll(() => server?.stop());

  it('a retry after SIGKILL and restart answers the original move; another body with the key is refused', async () => {
    server = await startServer({ env: { TIENDO_NOW: '2026-11-20T03:00:00Z' } });
    const dataDir = server.dataDir;
    const hctp = await ApiClient.login(server.url, 'truongphong.hctp');
    const path = `/api/tasks/${taskId('3.2')}/events`;
    const body = { type: 'SUBMIT', evidence: 'Báo cáo số 12/BC-HCTP' };
    const first = await hctp.request('POST', path, body, { 'Idempotency-Key': 'crash-retry-1' });
    expect(first.status).toBe(200);
    const answer = await first.json();
    await server.kill();

    server = await startServer({ dataDir, env: { TIENDO_NOW: '2026-11-20T03:00:00Z' } });
    const again = await ApiClient.login(server.url, 'truongphong.hctp');
    const retry = await again.request('POST', path, body, { 'Idempotency-Key': 'crash-retry-1' });
    expect(retry.status).toBe(200);
    expect(retry.headers.get('idempotency-replayed')).toBe('true');
    expect(await retry.json()).toEqual(answer);
    const history = await (await again.request('GET', `/api/tasks/${taskId('3.2')}/history`)).json();
    expect(history.filter((h: { type: string; evidence?: string }) => h.type === 'SUBMIT' && h.evidence === body.evidence)).toHaveLength(1);

    const other = await again.request('POST', path, { type: 'SUBMIT', evidence: 'Khác' }, { 'Idempotency-Key': 'crash-retry-1' });
    expect(other.status).toBe(422);
    expect((await other.json()).error.code).toBe('idempotency_mismatch');
  });

  it('inspection and finding events: a retry after SIGKILL and restart answers the original event, sent once', async () => {
    await server?.stop();
    server = await startServer({ env: { TIENDO_NOW: '2026-11-20T03:00:00Z' } });
    const dataDir = server.dataDir;
    const leader = await ApiClient.login(server.url, 'giamdoc');
    const hctp = await ApiClient.login(server.url, 'truongphong.hctp');
    const team = { teamUserIds: [userId('truongphong.ttr'), userId('thanhtra')], leadUserId: userId('truongphong.ttr') };
    const created = await leader.request('POST', '/api/inspections', {
      planId: PLAN_ID, title: 'Kiểm tra CCHC tại Công chứng số 1', targetUnitId: 'CC1', scheduledOn: '2026-11-25', ...team,
    });
    expect(created.status).toBe(201);
    const inspectionId: string = (await created.json()).inspection.id;
    const seeded = await (await hctp.request('GET', `/api/inspections/${SEEDED_INSPECTION}`)).json();
    const findingId: string = seeded.findings[1].id;
    const sends = [
      { api: 'leader', path: `/api/inspections/${inspectionId}/events`, body: { type: 'NOTIFY' }, key: 'notify-after-crash' },
      { api: 'hctp', path: `/api/inspections/${SEEDED_INSPECTION}/findings/${findingId}/events`, body: { type: 'REPORT_REMEDIATION', evidence: 'Công văn 77/HCTP' }, key: 'remediate-after-crash' },
    ] as const;
    const first = [];
    for (const s of sends) {
      const res = await (s.api === 'leader' ? leader : hctp).request('POST', s.path, s.body, { 'Idempotency-Key': s.key });
      expect(res.status).toBe(200);
      first.push(await res.json());
    }
    await server.kill();

    server = await startServer({ dataDir, env: { TIENDO_NOW: '2026-11-20T03:00:00Z' } });
    const clients = { leader: await ApiClient.login(server.url, 'giamdoc'), hctp: await ApiClient.login(server.url, 'truongphong.hctp') };
    for (const [i, s] of sends.entries()) {
      const retry = await clients[s.api].request('POST', s.path, s.body, { 'Idempotency-Key': s.key });
      expect(retry.status, s.path).toBe(200);
      expect(retry.headers.get('idempotency-replayed')).toBe('true');
      expect(await retry.json()).toEqual(first[i]);
    }
    const history = await (await clients.leader.request('GET', `/api/inspections/${inspectionId}/history`)).json();
    expect(history.map((h: { type: string }) => h.type)).toEqual(['CREATE', 'NOTIFY']);
    const findings = await (await clients.leader.request('GET', `/api/inspections/${SEEDED_INSPECTION}/history`)).json();
    expect(findings.filter((h: { type: string; findingId?: string }) => h.type === 'REPORT_REMEDIATION' && h.findingId === findingId)).toHaveLength(1);
    // The same key with another body is another request.
    const other = await clients.leader.request('POST', sends[0].path, { type: 'CANCEL', reason: 'Khác' }, { 'Idempotency-Key': sends[0].key });
    expect(other.status).toBe(422);
    expect((await other.json()).error.code).toBe('idempotency_mismatch');
  }, 120_000);
});
