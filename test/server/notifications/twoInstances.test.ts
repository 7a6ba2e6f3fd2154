import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notificationsOf } from '../../../server/notifications/kind';
import { PLAN_ID, taskId } from '../../support/api';
import { dropSchema, freshSchema, pgUrl } from '../../support/postgres';
import { startSmtp } from './smtp';
import { actorOf, postgresSpot, referencePlanBefore, type Instance } from './world';

/**
 * Two instances on one PostgreSQL run the same day at the same moment (both schedulers fire at
 * 07:30), and both outboxes flush together: each reminder is made once and each mail sent once.
 * A notice from a move made through A is made once though both instances see the move.
 */
const url = pgUrl();

describe.skipIf(!url)('reminders with two instances on one PostgreSQL', () => {
  const schema = freshSchema();
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let a: Instance;
  let b: Instance;
  let now = new Date('2026-06-23T07:30:00+07:00');
  const clock = () => now;

  beforeAll(async () => {
    smtp = await startSmtp();
    const mail = { smtpUrl: smtp.url, from: 'Tiến Độ <nhacviec@sotuphap.example.vn>', publicUrl: 'https://tiendo.example.vn' };
    const spot = postgresSpot(url!, schema);
    await spot.seed(referencePlanBefore('2026-06-15T00:00:00+07:00').planFile);
    a = await spot.open(clock, mail);
    b = await spot.open(clock, mail);
    for (const username of ['vanphong', 'truongphong.vp', 'truongphong.hctp', 'truongphong.tgpl', 'truongphong.dgts', 'truongphong.cc1']) {
      const u = (await a.accounts.findByUsername(username))!;
      await a.accounts.updateUser(u.id, { email: `${username}@sotuphap.example.vn` });
    }
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await smtp?.close();
    await dropSchema(url!, schema);
  });

  it('the same day run on both at once makes each reminder once, and each mail is sent once', async () => {
    const [madeA, madeB] = await Promise.all([a.notifications.runDay('2026-06-23'), b.notifications.runDay('2026-06-23')]);
    // 23/06: six tasks due on 30/06, one reminder to each owning unit's head; no digest (nothing due within the week yet).
    expect(madeA + madeB).toBe(6);
    await Promise.all([a.engine.store.catchUp(0), b.engine.store.catchUp(0)]);
    for (const inst of [a, b]) expect(notificationsOf(inst.engine.getPlan(PLAN_ID))).toHaveLength(6);
    const [fa, fb] = await Promise.all([a.outbox.flush(), b.outbox.flush()]);
    expect(fa.sent + fb.sent).toBe(6);
    expect(smtp.received.map((m) => m.to).sort()).toEqual(
      ['truongphong.cc1', 'truongphong.dgts', 'truongphong.hctp', 'truongphong.tgpl', 'truongphong.vp', 'truongphong.vp'].map((u) => `${u}@sotuphap.example.vn`),
    );
    expect(await a.notifications.runDay('2026-06-23')).toBe(0);
    expect(await b.notifications.runDay('2026-06-23')).toBe(0);
  });

  it('a move through A makes its notice once, though both instances see the move', async () => {
    now = new Date('2026-06-25T09:00:00+07:00');
    await a.engine.sendTaskEvent(taskId('3.1'), await actorOf(a.accounts, 'truongphong.vp'), { type: 'SUBMIT', evidence: 'Báo cáo số 12/BC-VP' });
    await b.engine.store.catchUp(0);
    await Promise.all([a.notifications.idle(), b.notifications.idle()]);
    await Promise.all([a.engine.store.catchUp(0), b.engine.store.catchUp(0)]);
    const coordinator = (await a.accounts.findByUsername('vanphong'))!;
    for (const inst of [a, b]) {
      const mine = inst.notifications.list(coordinator.id, true);
      expect(mine.map((n) => n.kind)).toEqual(['submitted']);
      expect(mine[0].text).toMatch(/^Văn phòng Sở đã gửi kết quả nhiệm vụ 3\.1 «.+» để duyệt\.$/);
    }
  });
});
