import { describe, expect, it } from 'vitest';
import type { Finding, Inspection } from '../../../machines/inspectionApi';
import { ApiClient } from '../../support/api';
import { useApp } from '../../support/app';
import { inspections as api, SEEDED_INSPECTION } from '../../support/inspections';

/**
 * Each 200 describes the state its own event produced, however many other events are accepted in
 * the same group commit: an inspection's answer lists its findings, and a finding event on another
 * stream, written in the same flush, must not show in it.
 */
const app = useApp({ now: '2026-11-20T03:00:00Z' });

describe('the answer to an inspection event', () => {
  it('is the inspection as that event left it, not as a finding event committed with it did', async () => {
    const [leader, hctp] = await Promise.all(['giamdoc', 'truongphong.hctp'].map((u) => ApiClient.login(app(), u)));
    const seeded = (await api.get(hctp, SEEDED_INSPECTION)).body as Inspection;
    const other = seeded.findings[1];
    expect([seeded.state, other.state]).toEqual(['concluded', 'open']);
    // Sent together, decided against the same state, on two streams: written in one flush, the
    // cancellation first (it is sent first and goes through the same steps).
    const [cancel, report] = await Promise.all([
      api.send(leader, SEEDED_INSPECTION, { type: 'CANCEL', reason: 'Đoàn kiểm tra giải thể' }),
      api.sendFinding(hctp, SEEDED_INSPECTION, other.id, { type: 'REPORT_REMEDIATION', evidence: 'Công văn 77/HCTP' }),
    ]);
    expect([cancel.status, report.status]).toEqual([200, 200]);
    const history = (await api.history(leader, SEEDED_INSPECTION)).body as Array<{ type: string; seq?: number }>;
    const order = history.map((h) => h.type).slice(-2);
    expect(order).toEqual(['CANCEL', 'REPORT_REMEDIATION']);
    const cancelled = cancel.body.inspection as Inspection;
    expect(cancelled.state).toBe('cancelled');
    expect(cancelled.findings.find((f) => f.id === other.id)!.state).toBe('open');
    // The finding's own answer is the finding after its event, with the inspection as it then stood.
    expect((report.body.finding as Finding).state).toBe('remediated');
    const now = (await api.get(leader, SEEDED_INSPECTION)).body as Inspection;
    expect(now.findings.find((f) => f.id === other.id)!.state).toBe('remediated');
  });
});
