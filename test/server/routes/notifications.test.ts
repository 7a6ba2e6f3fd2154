import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { taskId, PLAN_ID } from '../../support/api';
import { openApp } from '../../support/inProcessApp';

/** GET /api/notifications, POST /api/notifications/read, GET/PATCH /api/me/preferences, the unsubscribe link (in-process). */
let world: Awaited<ReturnType<typeof openApp>>;
beforeAll(async () => {
  world = await openApp('2026-11-20T09:00:00+07:00');
});
afterAll(() => world.close());

describe('notifications made by events', () => {
  it('a result returned by the coordinator reaches the owning unit head at once, linking to the card; read one, then it is not unread', async () => {
    const coordinator = await world.as('vanphong');
    const head = await world.as('truongphong.pbgdpl');
    expect((await head.json('GET', '/api/notifications?unread=1')).body).toEqual([]);
    const returned = await coordinator.json('POST', `/api/tasks/${taskId('1.2')}/events`, { type: 'RETURN', reason: 'Thiếu danh sách đính kèm' });
    expect(returned.status).toBe(200);

    const unread = await head.json('GET', '/api/notifications?unread=1');
    expect(unread.status).toBe(200);
    expect(unread.body).toEqual([
      {
        id: expect.any(String), at: '2026-11-20T02:00:00.000Z', kind: 'returned', read: false, link: `/?task=${taskId('1.2')}`,
        text: expect.stringMatching(/^Kết quả nhiệm vụ 1\.2 «.+» bị trả lại: Thiếu danh sách đính kèm$/),
      },
    ]);
    // Nobody else got it: not the coordinator, not another unit's head.
    expect((await coordinator.json('GET', '/api/notifications')).body).toEqual([]);
    expect((await (await world.as('truongphong.hctp')).json('GET', '/api/notifications')).body).toEqual([]);

    const id = unread.body[0].id;
    expect((await head.call('POST', '/api/notifications/read', { ids: [id] })).status).toBe(204);
    expect((await head.json('GET', '/api/notifications?unread=1')).body).toEqual([]);
    expect((await head.json('GET', '/api/notifications')).body).toMatchObject([{ id, read: true }]);
    // Marking it again changes nothing.
    expect((await head.call('POST', '/api/notifications/read', { all: true })).status).toBe(204);
  });

  it('a submission reaches the coordinator; all: true marks every one read', async () => {
    const coordinator = await world.as('vanphong');
    const head = await world.as('truongphong.pbgdpl');
    expect((await head.json('POST', `/api/tasks/${taskId('1.2')}/events`, { type: 'SUBMIT', evidence: 'Bổ sung danh sách' })).status).toBe(200);
    const unread = (await coordinator.json('GET', '/api/notifications?unread=1')).body;
    expect(unread.map((n: { kind: string }) => n.kind)).toEqual(['submitted']);
    expect(unread[0].text).toMatch(/^Phòng Phổ biến, giáo dục pháp luật đã gửi kết quả nhiệm vụ 1\.2 «.+» để duyệt\.$|đã gửi kết quả nhiệm vụ 1\.2/);
    expect((await coordinator.call('POST', '/api/notifications/read', { all: true })).status).toBe(204);
    expect((await coordinator.json('GET', '/api/notifications?unread=1')).body).toEqual([]);
  });

  it('another user’s notification is not found, and bad bodies are refused', async () => {
    const head = await world.as('truongphong.pbgdpl');
    const [theirs] = (await head.json('GET', '/api/notifications')).body;
    const other = await world.as('truongphong.hctp');
    const refused = await other.json('POST', '/api/notifications/read', { ids: [theirs.id] });
    expect(refused.status).toBe(404);
    expect(refused.body.error.code).toBe('not_found');
    expect((await other.json('POST', '/api/notifications/read', {})).status).toBe(400);
    expect((await other.json('POST', '/api/notifications/read', { all: true, everything: 1 })).status).toBe(400);
  });

  it('a review tells each unit head whose tasks it lists as lagging', async () => {
    const coordinator = await world.as('vanphong');
    const created = await coordinator.json('POST', `/api/plans/${PLAN_ID}/reviews`, { period: 'Y' });
    expect(created.status).toBe(201);
    const review = created.body.review as { id: string; lagging: Array<{ ownerUnitId: string }> };
    const hctpLagging = review.lagging.filter((t) => t.ownerUnitId === 'HCTP').length;
    expect(hctpLagging).toBeGreaterThan(0);
    const notices = (await (await world.as('truongphong.hctp')).json('GET', '/api/notifications?unread=1')).body;
    expect(notices).toEqual([
      expect.objectContaining({
        kind: 'reviewLagging', link: `/reviews/${review.id}`,
        text: `Sơ kết kỳ Y năm 2026 (ngày 20/11/2026): đơn vị có ${hctpLagging} nhiệm vụ chậm tiến độ.`,
      }),
    ]);
    // A unit with nothing lagging is not told.
    const units = new Set(review.lagging.map((t) => t.ownerUnitId));
    expect(units.has('CC1')).toBe(false);
    expect((await (await world.as('truongphong.cc1')).json('GET', '/api/notifications')).body).toEqual([]);
  });

  it('a finding recorded with a remediation task tells the inspected unit’s head, linking to the task', async () => {
    const coordinator = await world.as('vanphong');
    const leader = await world.as('giamdoc');
    const head = await world.as('truongphong.cc1');
    const inspector = await world.as('thanhtra');
    const created = await coordinator.json('POST', '/api/inspections', {
      planId: PLAN_ID, title: 'Kiểm tra CCHC tại Phòng Công chứng số 1', targetUnitId: 'CC1', scheduledOn: '2026-11-25',
      teamUserIds: ['u-thanhtra'], leadUserId: 'u-thanhtra',
    });
    expect(created.status).toBe(201);
    const id = created.body.inspection.id;
    expect((await leader.json('POST', `/api/inspections/${id}/events`, { type: 'NOTIFY' })).status).toBe(200);
    expect((await head.json('POST', `/api/inspections/${id}/events`, { type: 'SUBMIT_SELF_REPORT', report: 'Báo cáo tự kiểm tra' })).status).toBe(200);
    expect((await inspector.json('POST', `/api/inspections/${id}/events`, { type: 'START_FIELDWORK' })).status).toBe(200);
    const finding = await inspector.json('POST', `/api/inspections/${id}/findings`, {
      areaId: 'area-3', description: 'Chưa niêm yết thủ tục hành chính', recommendation: 'Niêm yết đầy đủ', deadline: '2026-12-15', createTask: true,
    });
    expect(finding.status).toBe(201);
    const taskOfFinding = finding.body.finding.taskId as string;
    const notices = (await head.json('GET', '/api/notifications?unread=1')).body;
    expect(notices).toEqual([
      expect.objectContaining({ kind: 'findingAssigned', link: `/?task=${taskOfFinding}`, text: expect.stringMatching(/^Kiểm tra CCHC tại Phòng Công chứng số 1: đơn vị được giao khắc phục nhiệm vụ .+, hạn 15\/12\/2026\.$/) }),
    ]);
  });

  it('notifications are not part of the plan’s public history', async () => {
    const history = (await (await world.as('giamdoc')).json('GET', `/api/plans/${PLAN_ID}/history`)).body as Array<Record<string, unknown>>;
    expect(history.some((e) => e.type === 'RETURN')).toBe(true);
    // A notification entry would show its recipient and text (an inspection's NOTIFY is another thing).
    expect(history.filter((e) => e.type === 'READ' || 'userId' in e || 'link' in e)).toEqual([]);
  });
});

describe('preferences', () => {
  it('defaults: mail reminders on, the digest daily for a coordinator and off for a unit head', async () => {
    expect((await (await world.as('vanphong')).json('GET', '/api/me/preferences')).body).toEqual({ emailReminders: true, digest: 'daily' });
    expect((await (await world.as('truongphong.tgpl')).json('GET', '/api/me/preferences')).body).toEqual({ emailReminders: true, digest: 'off' });
  });

  it('sets the address and choices; an invalid address or an unknown preference is a 400 naming it, and changes nothing', async () => {
    const head = await world.as('truongphong.tgpl');
    const bad = await head.json('PATCH', '/api/me/preferences', { email: 'không-phải-email', digest: 'weekly' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('bad_request');
    expect(bad.body.error.message).toContain('email');
    const unknown = await head.json('PATCH', '/api/me/preferences', { sms: true });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body.error)).toContain('sms');
    expect((await head.json('PATCH', '/api/me/preferences', { digest: 'hourly' })).status).toBe(400);
    expect((await head.json('GET', '/api/me/preferences')).body).toEqual({ emailReminders: true, digest: 'off' });

    const ok = await head.json('PATCH', '/api/me/preferences', { email: 'tgpl@sotuphap.example.vn', digest: 'weekly' });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ email: 'tgpl@sotuphap.example.vn', emailReminders: true, digest: 'weekly' });
    expect((await head.json('GET', '/api/me')).body.user.email).toBe('tgpl@sotuphap.example.vn');
    expect(JSON.stringify((await head.json('GET', '/api/me')).body)).not.toMatch(/unsubscribe|token/i);
  });

  it('the unsubscribe link from a mail turns mail reminders off without a session; a wrong token changes nothing', async () => {
    const user = (await world.accounts.findByUsername('truongphong.tgpl'))!;
    expect(user.unsubscribeToken).toMatch(/^[\w-]{20,}$/);
    const wrong = await world.app.request(`/api/unsubscribe?u=${user.id}&t=${'x'.repeat(user.unsubscribeToken!.length)}`);
    expect(wrong.status).toBe(404);
    expect((await world.accounts.findById(user.id))!.emailReminders).toBeUndefined();
    const res = await world.app.request(`/api/unsubscribe?u=${encodeURIComponent(user.id)}&t=${user.unsubscribeToken}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Đã tắt email nhắc việc');
    expect((await (await world.as('truongphong.tgpl')).json('GET', '/api/me/preferences')).body).toMatchObject({ emailReminders: false });
  });

  it('admins set addresses on accounts; an invalid one is a 400 naming the field', async () => {
    const leader = await world.as('giamdoc');
    const target = (await world.accounts.findByUsername('truongphong.hctp'))!;
    const bad = await leader.json('PATCH', `/api/users/${target.id}`, { email: 'hctp@' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('email');
    const ok = await leader.json('PATCH', `/api/users/${target.id}`, { email: 'hctp@sotuphap.example.vn' });
    expect(ok.status).toBe(200);
    expect(ok.body.user.email).toBe('hctp@sotuphap.example.vn');
    const removed = await leader.json('PATCH', `/api/users/${target.id}`, { email: null });
    expect(removed.status).toBe(200);
    expect(removed.body.user.email).toBeUndefined();
  });

  it('GET /api/health?detail reports mail counts only where mail is configured (SMTP_URL)', async () => {
    const res = await world.app.request('/api/health?detail');
    expect(await res.json()).not.toHaveProperty('mail');
  });
});
