import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../machines/dates';
import type { MailSettings } from '../../../server/notifications/mailer';
import { startReminderScheduler } from '../../../server/notifications/scheduler';
import { notificationsOf } from '../../../server/notifications/kind';
import { PLAN_ID, taskId } from '../../support/api';
import { dropSchema, freshSchema, pgUrl } from '../../support/postgres';
import { startSmtp } from './smtp';
import { actorOf, embeddedSpot, postgresSpot, referencePlanBefore, type Instance, type StoreSpot } from './world';

/**
 * A month of the reference plan (15/06 – 14/07/2026) with the injected clock moved day by day: its
 * recorded moves are played at their times, the reminders are run at 07:30 agency time and the
 * outbox sends to a real SMTP server in this process. Asserts exactly which reminders, notices and
 * mails are made (who, what, when), through a restart in the middle of a day, a server down at 07:30
 * and a mail server down then back. Run on both stores; no sleeps stand in for time.
 */
const FROM = '2026-06-15';
const DAYS = 30;
const at = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00+07:00`);
const url = pgUrl();

const schemaForMonth = freshSchema();
const spots: Array<[string, () => StoreSpot]> = [['embedded', () => embeddedSpot()]];
if (url) spots.push(['postgres', () => postgresSpot(url, schemaForMonth)]);

/** Who gets mail: these addresses, and truongphong.dgts has turned mail reminders off. */
const EMAIL_USERS = ['vanphong', 'truongphong.vp', 'truongphong.hctp', 'truongphong.tgpl', 'truongphong.cc1', 'truongphong.dgts'];
const emailOf = (username: string) => `${username}@sotuphap.example.vn`;

const soon = (day: string, ...pairs: string[]) => pairs.map((p) => `${day} ${p}`);
/** "unit head username, kind, task code" for tasks; each day's list. */
const taskReminders = (day: string, kind: string, codes: Array<[string, string]>) =>
  codes.map(([code, unit]) => `${day} truongphong.${unit} ${kind} task:${taskId(code)}`);
const DUE_0630: Array<[string, string]> = [['3.1', 'vp'], ['3.5', 'hctp'], ['4.1', 'vp'], ['6.2', 'tgpl'], ['6.3', 'dgts'], ['6.4', 'cc1']];
const STILL_OPEN: Array<[string, string]> = [['4.1', 'vp'], ['6.3', 'dgts'], ['6.4', 'cc1']];

/** The calendar's reminders over the month, worked out by hand from the plan's deadlines and its recorded moves. */
const EXPECTED_REMINDERS = [
  ...soon('2026-06-17', `vanphong reviewDue period:${PLAN_ID}/H1-2026`),
  ...soon('2026-06-19', `vanphong reviewDue period:${PLAN_ID}/H1-2026`),
  ...soon('2026-06-20', `vanphong reviewDue period:${PLAN_ID}/H1-2026`),
  ...taskReminders('2026-06-23', 'deadlineSoon', DUE_0630),
  // 27/06 07:30 comes before that morning's approvals of 3.1, 3.5 and 6.2 (09:00).
  ...taskReminders('2026-06-27', 'deadlineSoon', DUE_0630),
  ...taskReminders('2026-06-29', 'deadlineSoon', STILL_OPEN),
  ...taskReminders('2026-06-30', 'deadlineToday', STILL_OPEN),
  ...taskReminders('2026-07-01', 'overdue', STILL_OPEN),
  ...taskReminders('2026-07-08', 'overdue', STILL_OPEN),
  // The digest: nothing due within a week, overdue or waiting before 24/06.
  ...Array.from({ length: 21 }, (_, i) => `${addDays('2026-06-24', i)} vanphong digest plan:${PLAN_ID}`),
].sort();

/** Notices of the recorded moves played in the month: submissions to the coordinator, approvals to the unit head. */
const EXPECTED_NOTICES = [
  ...['3.1', '3.5', '6.2'].map((c) => `2026-06-25 vanphong submitted ${taskId(c)}`),
  ...[['3.1', 'vp'], ['3.5', 'hctp'], ['6.2', 'tgpl']].map(([c, u]) => `2026-06-27 truongphong.${u} approved ${taskId(c)}`),
  ...['4.1', '6.3'].map((c) => `2026-07-12 vanphong submitted ${taskId(c)}`),
  ...[['4.1', 'vp'], ['6.3', 'dgts']].map(([c, u]) => `2026-07-14 truongphong.${u} approved ${taskId(c)}`),
].sort();

describe.each(spots)('a month of reminders on the %s store', (_name, makeSpot) => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let spot: StoreSpot;
  let mail: MailSettings;
  let inst: Instance;
  let now = at(FROM, '06:00');
  const clock = () => now;
  const { planFile, later } = referencePlanBefore(`${FROM}T00:00:00+07:00`);
  const usernames = new Map<string, string>();

  beforeAll(async () => {
    smtp = await startSmtp();
    mail = { smtpUrl: smtp.url, from: 'Tiến Độ <nhacviec@sotuphap.example.vn>', publicUrl: 'https://tiendo.example.vn' };
    spot = makeSpot();
    await spot.seed(planFile);
    inst = await spot.open(clock, mail);
    for (const username of EMAIL_USERS) {
      const u = (await inst.accounts.findByUsername(username))!;
      await inst.accounts.updateUser(u.id, { email: emailOf(username), unsubscribeToken: `tok-${username}`, ...(username === 'truongphong.dgts' ? { emailReminders: false } : {}) });
    }
    for (const u of await inst.accounts.listStoredUsers()) usernames.set(u.id, u.username);
  });
  afterAll(async () => {
    await inst?.close();
    await smtp?.close();
    if (url && spot?.name === 'postgres') await dropSchema(url, schemaForMonth);
  });

  /** Plays the plan's recorded moves up to `t`, each at its own time, then sets the clock to `t`. */
  async function playUntil(t: Date) {
    while (later.length && Date.parse(later[0].at) <= t.getTime()) {
      const e = later.shift()!;
      now = new Date(e.at);
      await inst.engine.sendTaskEvent(taskId(e.task), await actorOf(inst.accounts, e.by), { type: e.type, evidence: e.evidence, reason: e.reason });
      await inst.notifications.idle();
    }
    now = t;
  }

  const records = () => notificationsOf(inst.engine.getPlan(PLAN_ID));
  const described = (kinds: 'calendar' | 'events') =>
    records()
      .filter((n) => (kinds === 'events' ? n.id.startsWith('e') : !n.id.startsWith('e')))
      .map((n) => {
        // A reminder's id is day.kind.object.userId (notifications.ts); an event's notice links to its card.
        const object = kinds === 'events' ? n.link.replace('/?task=', '') : n.id.slice(`${n.day}.${n.kind}.`.length, -`.${n.userId}`.length);
        return `${n.day} ${usernames.get(n.userId)} ${n.kind} ${object}`;
      })
      .sort();

  it('runs the month day by day: each reminder once, to whom it concerns, and each mail once', async () => {
    const madePerDay = new Map<string, number>();
    for (let i = 0; i < DAYS; i++) {
      const day = addDays(FROM, i);
      if (day === '2026-06-30') {
        // The server is down at 07:30; it comes back at 10:15 and makes the day's reminders then, once.
        await playUntil(at(day, '10:15'));
        await inst.close();
        inst = await spot.open(clock, mail);
        const scheduler = startReminderScheduler((d) => inst.notifications.runDay(d).then((n) => madePerDay.set(d, n)), clock, { hour: 7, minute: 30 });
        await scheduler.started;
        scheduler.stop();
      } else {
        await playUntil(at(day, '07:30'));
        madePerDay.set(day, await inst.notifications.runDay(day));
      }
      if (day === '2026-07-01') {
        // The mail server is down: the attempts fail, the app keeps working, the mails wait.
        await smtp.down();
        const failed = await inst.outbox.flush();
        expect(failed).toEqual({ sent: 0, failed: 3, queued: 3 });
        expect(inst.outbox.stats()).toMatchObject({ failed: 3, queued: 3 });
        // Half a minute on, the retry is not due yet (first backoff: a minute); a minute on, it is.
        now = new Date(at(day, '07:30').getTime() + 30_000);
        expect(await inst.outbox.flush()).toEqual({ sent: 0, failed: 0, queued: 3 });
        await smtp.up();
        now = new Date(at(day, '07:31').getTime() + 1000);
      }
      await inst.outbox.flush();
      if (day === '2026-06-27') {
        // A restart in the middle of the day (after the approvals): running the day again makes nothing, mails nothing.
        await playUntil(at(day, '12:00'));
        await inst.close();
        inst = await spot.open(clock, mail);
        expect(await inst.notifications.runDay(day)).toBe(0);
        expect(await inst.outbox.flush()).toMatchObject({ sent: 0, failed: 0 });
      }
    }
    await playUntil(at('2026-07-14', '23:00'));

    expect(described('calendar')).toEqual(EXPECTED_REMINDERS);
    expect(described('events')).toEqual(EXPECTED_NOTICES);
    expect(madePerDay.get('2026-06-30')).toBe(4);
    expect(madePerDay.get('2026-06-23')).toBe(6);

    // Mail: every calendar reminder of a user with an address and reminders on, once; nothing else.
    const expectedMails = EXPECTED_REMINDERS.filter((r) => {
      const user = r.split(' ')[1];
      return EMAIL_USERS.includes(user) && user !== 'truongphong.dgts';
    });
    expect(smtp.received).toHaveLength(expectedMails.length);
    expect(new Set(smtp.received.map((m) => m.messageId)).size).toBe(expectedMails.length);
    const byUser = (list: string[]) => list.reduce<Record<string, number>>((acc, u) => ((acc[u] = (acc[u] ?? 0) + 1), acc), {});
    expect(byUser(smtp.received.map((m) => m.to))).toEqual(byUser(expectedMails.map((r) => emailOf(r.split(' ')[1]))));
    expect(inst.outbox.stats()).toEqual({ sent: expectedMails.length, failed: 3, queued: 0 });
  });

  it('mails are in Vietnamese, plain text and HTML, with a working link to the card and an unsubscribe link', () => {
    const overdue = smtp.received.find((m) => m.to === emailOf('truongphong.cc1') && m.subject.includes('quá hạn'))!;
    expect(overdue.subject).toBe('[Tiến Độ] Đôn đốc: nhiệm vụ đã quá hạn');
    expect(overdue.text).toContain('Kính gửi Trưởng');
    expect(overdue.text).toMatch(/Nhiệm vụ 6\.4 «.+» đã quá hạn 1 ngày \(hạn 30\/06\/2026\)\./);
    expect(overdue.text).toContain(`Xem chi tiết: https://tiendo.example.vn/?task=${taskId('6.4')}`);
    expect(overdue.html).toContain(`href="https://tiendo.example.vn/?task=${taskId('6.4')}"`);
    const unsubscribe = `https://tiendo.example.vn/api/unsubscribe?u=${encodeURIComponent([...usernames].find(([, n]) => n === 'truongphong.cc1')![0])}&t=tok-truongphong.cc1`;
    expect(overdue.text).toContain(unsubscribe);
    expect(overdue.listUnsubscribe).toBe(unsubscribe);

    const digest = smtp.received.find((m) => m.subject === '[Tiến Độ] Tổng hợp công việc ngày 26/06/2026')!;
    expect(digest.to).toBe(emailOf('vanphong'));
    expect(digest.text).toContain('Tổng hợp ngày 26/06/2026: 6 nhiệm vụ đến hạn trong tuần, 0 nhiệm vụ quá hạn, 3 kết quả chờ duyệt, 0 kiến nghị quá hạn khắc phục.');
    expect(digest.text).toContain('Chờ duyệt kết quả:');
    expect(digest.html).toContain('<h3>Đến hạn trong tuần</h3>');
  });
});
