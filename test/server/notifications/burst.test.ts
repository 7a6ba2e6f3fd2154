import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REFERENCE_PLAN_PATH } from '../../../seed/referencePlan';
import { NOTIFICATION_KIND, notificationsOf } from '../../../server/notifications/kind';
import type { Append } from '../../../server/store/port';
import { PLAN_ID } from '../../support/api';
import { dropSchema, freshSchema, pgUrl } from '../../support/postgres';
import { startSmtp } from './smtp';
import { actorOf, embeddedSpot, postgresSpot, type StoreSpot } from './world';

/**
 * A burst of moves: every SUBMIT gets its notice to the coordinator, written in a few appends that
 * each take what arrived meanwhile, not one append per move waiting in line behind the others
 * (which fell minutes behind a steady load and held every waiting move in memory).
 */
const url = pgUrl();
const spots: Array<[string, () => StoreSpot]> = [['embedded', () => embeddedSpot()]];
if (url) spots.push(['PostgreSQL', () => postgresSpot(url, schema)]);
const schema = freshSchema();
afterAll(async () => {
  if (url) await dropSchema(url, schema);
});

describe.each(spots)('notices of a burst of moves (%s)', (_, spotOf) => {
  it('are all made, once each, in far fewer appends than moves', async () => {
    const smtp = await startSmtp();
    const spot = spotOf();
    await spot.seed(REFERENCE_PLAN_PATH);
    const now = new Date('2026-06-25T09:00:00+07:00');
    const inst = await spot.open(() => now, { smtpUrl: smtp.url, from: 'Tiến Độ <nhacviec@sotuphap.example.vn>', publicUrl: 'https://tiendo.example.vn' });
    try {
      const plan = inst.engine.getPlan(PLAN_ID);
      const coordinator = await actorOf(inst.accounts, 'vanphong');
      const open = plan.taskIds.filter((id) => ['notStarted', 'inProgress'].includes(plan.tasks[id].machine.value));
      expect(open.length).toBeGreaterThanOrEqual(6);
      for (const id of open) if (plan.tasks[id].machine.value === 'notStarted') await inst.engine.sendTaskEvent(id, coordinator, { type: 'START' });
      await inst.notifications.idle();
      const before = notificationsOf(inst.engine.getPlan(PLAN_ID)).length;

      let noticeAppends = 0;
      const store = inst.engine.store;
      const append = store.append.bind(store);
      store.append = (appends: readonly Append[]) => {
        if (appends.some((a) => a.entry.kind === NOTIFICATION_KIND)) noticeAppends++;
        return append(appends);
      };
      const heads = await Promise.all(open.map((id) => actorOf(inst.accounts, `truongphong.${plan.tasks[id].machine.context.ownerUnitId.toLowerCase()}`)));
      await Promise.all(open.map((id, i) => inst.engine.sendTaskEvent(id, heads[i], { type: 'SUBMIT', evidence: `Báo cáo số ${i + 1}/BC` })));
      await inst.notifications.idle();

      const made = notificationsOf(inst.engine.getPlan(PLAN_ID)).slice(before);
      const coordinators = (await inst.accounts.listStoredUsers()).filter((u) => u.role === 'coordinator' && !u.disabled);
      expect(made.filter((n) => n.kind === 'submitted')).toHaveLength(open.length * coordinators.length);
      expect(new Set(made.map((n) => n.id)).size).toBe(made.length);
      expect(noticeAppends).toBeGreaterThan(0);
      expect(noticeAppends).toBeLessThan(open.length / 2);
    } finally {
      await inst.close();
      await smtp.close();
    }
  }, 60_000);
});
