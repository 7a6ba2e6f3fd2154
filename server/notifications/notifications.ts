import { localDate } from '../../machines/dates';
import type { Notification } from '../../machines/notificationsApi';
import { CALENDAR_KINDS, digestDueOn, digestIsEmpty, digestLines, digestOf, digestText, remindersDue, type Audience, type DigestChoice } from '../../machines/reminders';
import type { Engine } from '../engine/engine';
import type { PlanRecord } from '../engine/records';
import { AppError } from '../errors';
import type { Hub } from '../live/hub';
import type { AccountStorePort, StoredUser } from '../store/accountsPort';
import type { LogEntry, NewLogEntry } from '../store/entries';
import { StreamConflictError, type Append } from '../store/port';
import { noticesFor, type EventNotice } from './events';
import { reminderFacts } from './facts';
import { NOTIFICATION_KIND, notificationsOf, type NoticeSection, type NotificationRecord, type PlanWithNotifications } from './kind';

/** A notification to make: its id says what it is about, so making it twice is one notification. */
export interface Draft {
  id: string;
  planId: string;
  userId: string;
  kind: Notification['kind'];
  day: string;
  text: string;
  link: string;
  sections?: NoticeSection[];
  mailTo?: string;
}

const SYSTEM = { id: 'system', username: 'system' };
/** How many times a batch is retried after other writers made some of its notifications first. */
const MAX_ATTEMPTS = 8;

/** Who an audience is: the heads of a unit, or the coordinators; never a disabled account. */
export function audienceOf(users: readonly StoredUser[], to: Audience): StoredUser[] {
  return users.filter((u) => !u.disabled && ('unitId' in to ? u.role === 'unitHead' && u.unitId === to.unitId : u.role === to.role));
}

/** A user's digest choice: coordinators get it daily unless they say otherwise; others only when they ask. */
export const digestChoiceOf = (u: StoredUser): DigestChoice => u.digest ?? (u.role === 'coordinator' ? 'daily' : 'off');

export const toView = (n: NotificationRecord): Notification => ({ id: n.id, at: n.at, kind: n.kind, text: n.text, link: n.link, read: n.read });

/**
 * In-app notifications (API.md "Notifications and reminders"): made from accepted events as they
 * arrive (this instance's and, with PostgreSQL, other instances'), and from the calendar by
 * `runDay`; listed and marked read per user; pushed to the user's open streams. Every write goes
 * through the store as `notification` entries (./kind.ts), so exactly-once is the store's to decide.
 */
export class Notifications {
  /** Event notices being written, in order: `idle()` waits for them (tests, shutdown). */
  private chain: Promise<unknown> = Promise.resolve();
  private readonly made = new Set<(n: NotificationRecord) => void>();
  /** Accepted events whose notices are not written yet (writeWaiting). */
  private readonly waiting: Array<{ entry: LogEntry; planId: string; notices: EventNotice[] }> = [];

  constructor(
    readonly engine: Engine,
    private readonly accounts: AccountStorePort,
    hub: Hub | undefined,
    /** Whether mail is configured (SMTP_URL): calendar reminders then carry the address they go to. */
    private readonly mailEnabled = false,
  ) {
    engine.onCommit((entry, plan) => {
      if (entry.kind === NOTIFICATION_KIND) {
        const n = (plan as PlanWithNotifications).notifications?.[entry.streamId!];
        if (!n) return;
        if (entry.type === 'NOTIFY' || entry.type === 'READ') hub?.sendToUser(n.userId, 'notification', toView(n));
        if (entry.type === 'NOTIFY') for (const l of this.made) l(n);
        return;
      }
      const notices = noticesFor(entry, plan);
      if (!notices.length) return;
      this.waiting.push({ entry, planId: plan.id, notices });
      if (this.waiting.length === 1) this.enqueue(() => this.writeWaiting());
    });
  }

  /**
   * Every notice waiting now, in one append. One job per event, each waiting for its own commit,
   * fell behind a steady stream of moves (a queue of closures that grew by thousands a second, and
   * notices minutes late); a batch takes whatever arrived while the previous one was written.
   */
  private async writeWaiting(): Promise<void> {
    const batch = this.waiting.splice(0);
    const users = await this.accounts.listStoredUsers();
    const drafts = batch.flatMap(({ entry, planId, notices }) =>
      notices.flatMap((notice) =>
        audienceOf(users, notice.to).map((u) => ({
          id: `e${entry.seq}.${u.id}`, planId, userId: u.id, kind: notice.kind, day: localDate(entry.at), text: notice.text, link: notice.link,
        })),
      ),
    );
    await this.write(drafts);
  }

  /** Called with each notification made (here or by another instance), e.g. to kick the outbox. */
  onMade(listener: (n: NotificationRecord) => void): void {
    this.made.add(listener);
  }

  /** Resolves once every event notice queued so far is written. */
  idle(): Promise<void> {
    return this.chain.then(() => undefined);
  }

  private enqueue(job: () => Promise<unknown>): void {
    this.chain = this.chain.then(job).catch((e) => console.error('Tiến Độ: a notification could not be written', e));
  }

  /**
   * The calendar's reminders for one agency day (REMINDER_TIME runs it; so does a start after that
   * time). Each is made once per object, user and day whoever runs it and however often: the
   * answer is how many this call made.
   */
  async runDay(day: string): Promise<number> {
    await this.engine.store.catchUp(this.engine.store.position);
    const users = (await this.accounts.listStoredUsers()).filter((u) => !u.disabled);
    const drafts: Draft[] = [];
    for (const plan of this.engine.listPlans()) {
      if (plan.machine.value !== 'issued') continue;
      const facts = reminderFacts(plan);
      for (const r of remindersDue(facts, day)) {
        for (const u of audienceOf(users, r.to)) {
          drafts.push(this.draft(plan, u, { id: `${day}.${r.kind}.${r.object}.${u.id}`, kind: r.kind, day, text: r.text, link: r.link }));
        }
      }
      for (const u of users) {
        if (!digestDueOn(digestChoiceOf(u), day)) continue;
        const scope = u.role === 'coordinator' || u.role === 'leader' || !u.unitId ? undefined : u.unitId;
        const digest = digestOf(facts, day, scope);
        if (digestIsEmpty(digest)) continue;
        drafts.push(this.draft(plan, u, { id: `${day}.digest.plan:${plan.id}.${u.id}`, kind: 'digest', day, text: digestText(digest, day), link: '/', sections: digestLines(digest) }));
      }
    }
    return this.write(drafts);
  }

  private draft(plan: PlanRecord, u: StoredUser, d: Omit<Draft, 'planId' | 'userId' | 'mailTo'>): Draft {
    const mail = this.mailEnabled && CALENDAR_KINDS.has(d.kind) && u.email && u.emailReminders !== false;
    return { ...d, planId: plan.id, userId: u.id, ...(mail ? { mailTo: u.email } : {}) };
  }

  private exists(d: Draft): boolean {
    const plan = this.engine.listPlans().find((p) => p.id === d.planId) as PlanWithNotifications | undefined;
    return !plan || Object.hasOwn(plan.notifications ?? {}, d.id);
  }

  /**
   * Appends each draft not made yet as a new stream (expected version 0). When another writer made
   * one first (a restart's second run, another instance), the store refuses the batch; this one
   * catches up, drops what now exists, and tries again.
   */
  async write(drafts: readonly Draft[]): Promise<number> {
    const store = this.engine.store;
    for (let attempt = 1; ; attempt++) {
      const seen = new Set<string>();
      const fresh = drafts.filter((d) => !this.exists(d) && !seen.has(d.id) && seen.add(d.id));
      if (!fresh.length) return 0;
      const at = this.engine.now();
      const appends: Append[] = fresh.map((d) => ({ entry: notifyEntry(d, at), expectedVersion: 0 }));
      try {
        await store.append(appends);
        return fresh.length;
      } catch (e) {
        if (!(e instanceof StreamConflictError) || attempt >= MAX_ATTEMPTS) throw e;
        await store.catchUp(store.position);
      }
    }
  }

  /** One user's notifications, newest first. */
  list(userId: string, unreadOnly: boolean): Notification[] {
    return this.recordsOf(userId)
      .filter((n) => !unreadOnly || !n.read)
      .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.id < b.id ? 1 : -1))
      .map(toView);
  }

  private recordsOf(userId: string): Array<NotificationRecord & { planId: string }> {
    return this.engine.listPlans().flatMap((plan) => notificationsOf(plan).filter((n) => n.userId === userId).map((n) => ({ ...n, planId: plan.id })));
  }

  /** Marks some (`ids`) or all of a user's notifications read; an id that is not theirs is not found. */
  async markRead(userId: string, which: { ids?: readonly string[]; all?: boolean }): Promise<void> {
    const store = this.engine.store;
    for (let attempt = 1; ; attempt++) {
      const mine = new Map(this.recordsOf(userId).map((n) => [n.id, n]));
      const missing = (which.ids ?? []).find((id) => !mine.has(id));
      if (missing !== undefined) throw new AppError('not_found', `Không tìm thấy thông báo «${missing}».`);
      const chosen = which.all ? [...mine.values()] : (which.ids ?? []).map((id) => mine.get(id)!);
      const unread = [...new Map(chosen.filter((n) => !n.read).map((n) => [n.id, n])).values()];
      if (!unread.length) return;
      const at = this.engine.now();
      try {
        await store.append(unread.map((n) => ({ entry: stepEntry(n.planId, n.id, 'READ', at), expectedVersion: n.version })));
        return;
      } catch (e) {
        if (!(e instanceof StreamConflictError) || attempt >= MAX_ATTEMPTS) throw e;
        await store.catchUp(store.position);
      }
    }
  }

  /** The notification records of every plan (the outbox reads them). */
  all(): Array<{ plan: PlanRecord; n: NotificationRecord }> {
    return this.engine.listPlans().flatMap((plan) => notificationsOf(plan).map((n) => ({ plan, n })));
  }
}

function notifyEntry(d: Draft, at: string): NewLogEntry {
  const payload: Record<string, unknown> = { userId: d.userId, kind: d.kind, day: d.day, text: d.text, link: d.link };
  if (d.sections) payload.sections = d.sections;
  if (d.mailTo) payload.mailTo = d.mailTo;
  return { at, kind: NOTIFICATION_KIND, planId: d.planId, streamId: d.id, type: 'NOTIFY', by: SYSTEM, from: '', to: 'unread', mv: 1, payload };
}

/** A later entry on a notification's stream (READ, the mail's steps). */
export function stepEntry(planId: string, id: string, type: string, at: string, payload?: Record<string, unknown>): NewLogEntry {
  return { at, kind: NOTIFICATION_KIND, planId, streamId: id, type, by: SYSTEM, from: '', to: '', mv: 1, ...(payload ? { payload } : {}) };
}
