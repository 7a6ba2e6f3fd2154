import { afterAll, describe, expect, it } from 'vitest';
import { ApiClient, taskId } from '../../support/api';
import { startServer, type RunningServer } from '../../support/server';
import { startSmtp } from './smtp';

/**
 * Real server processes with SMTP_URL set: the first starts at 07:00 agency time (before
 * REMINDER_TIME), a unit head's address is set, and the server is down at 07:30; started again at
 * 08:00 (TIENDO_NOW a week before task 6.4's deadline of 30/06) it makes the day's reminder once
 * and mails it, in Vietnamese, with working links; a third start the same day makes and mails nothing.
 */
describe('a fresh start a week before a deadline, with a mail server', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  const servers: RunningServer[] = [];
  afterAll(async () => {
    for (const s of servers) await s.stop().catch(() => {});
    await smtp?.close();
  });

  it('delivers the reminder once, with a link to the card and an unsubscribe link that works', { timeout: 120_000 }, async () => {
    smtp = await startSmtp();
    const env = (now: string) => ({ TIENDO_NOW: now, SMTP_URL: smtp.url, MAIL_FROM: 'Tiến Độ <nhacviec@sotuphap.example.vn>', PUBLIC_URL: 'https://tiendo.example.vn' });
    const first = await startServer({ env: env('2026-06-23T07:00:00+07:00') });
    servers.push(first);
    const leader = await ApiClient.login(first.url, 'giamdoc');
    const cc1 = (await leader.json<Array<{ id: string; username: string }>>('GET', '/api/users')).body.find((u) => u.username === 'truongphong.cc1')!;
    expect((await leader.json('PATCH', `/api/users/${cc1.id}`, { email: 'cc1@sotuphap.example.vn' })).status).toBe(200);
    expect((await (await ApiClient.login(first.url, 'truongphong.cc1')).json('GET', '/api/notifications')).body).toEqual([]);
    await first.stop();

    const second = await startServer({ dataDir: first.dataDir, env: env('2026-06-23T08:00:00+07:00') });
    servers.push(second);
    const head = await ApiClient.login(second.url, 'truongphong.cc1');
    const mine = (await head.json<Array<{ kind: string; link: string; text: string }>>('GET', '/api/notifications?unread=1')).body;
    expect(mine).toEqual([
      expect.objectContaining({ kind: 'deadlineSoon', link: `/?task=${taskId('6.4')}`, text: expect.stringMatching(/^Nhiệm vụ 6\.4 «.+» đến hạn ngày 30\/06\/2026 \(còn 7 ngày\)\.$/) }),
    ]);
    await smtp.receivedCount(1);
    const [mail] = smtp.received;
    expect(mail).toMatchObject({ to: 'cc1@sotuphap.example.vn', subject: '[Tiến Độ] Nhắc việc: nhiệm vụ sắp đến hạn' });
    expect(mail.text).toContain(`Xem chi tiết: https://tiendo.example.vn/?task=${taskId('6.4')}`);
    // A clean stop waits for the outbox's pass, so the send is recorded before the process ends.
    await second.stop();

    const third = await startServer({ dataDir: first.dataDir, env: env('2026-06-23T09:00:00+07:00') });
    servers.push(third);
    const again = await ApiClient.login(third.url, 'truongphong.cc1');
    expect((await again.json<unknown[]>('GET', '/api/notifications')).body).toHaveLength(1);
    // Sent once, recorded, nothing waiting: this start sends nothing again.
    expect((await again.json<{ mail: unknown }>('GET', '/api/health?detail')).body.mail).toEqual({ sent: 1, failed: 0, queued: 0 });

    // The mail's unsubscribe link, opened on this server (PUBLIC_URL stands for it), turns mail reminders off.
    const link = new URL(mail.listUnsubscribe!);
    expect(mail.text).toContain(mail.listUnsubscribe!);
    const res = await fetch(`${third.url}${link.pathname}${link.search}`);
    expect(res.status).toBe(200);
    expect((await again.json<{ emailReminders: boolean }>('GET', '/api/me/preferences')).body.emailReminders).toBe(false);
    expect(smtp.received).toHaveLength(1);
  });
});
