import { afterAll, describe, expect, it } from 'vitest';
import { ApiClient, taskId } from '../support/api';
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
});
