import { randomBytes } from 'node:crypto';
import type { AccountStorePort } from '../store/accountsPort';
import { StreamConflictError } from '../store/port';
import type { NotificationRecord, PlanWithNotifications } from './kind';
import { composeMail, unsubscribeUrl, type MailSettings, type MailTransport } from './mailer';
import { stepEntry, type Notifications } from './notifications';

/** Attempts before a mail is given up (reported as failed in /api/health?detail). */
export const MAIL_MAX_ATTEMPTS = 8;
/** A claim older than this with no outcome is an instance that died mid-send: the mail is claimed again. */
export const MAIL_LEASE_MS = 10 * 60_000;
/** How often the outbox looks again when nothing else wakes it. */
const POLL_MS = 60_000;

/** Wait before attempt n + 1 after n failed ones: 1, 2, 4, … minutes, at most an hour. */
export const backoffMs = (failedAttempts: number) => Math.min(60_000 * 2 ** (failedAttempts - 1), 3_600_000);

export interface MailStats {
  sent: number;
  failed: number;
  queued: number;
}

/**
 * Mails reminders and digests (notifications made with `mailTo`). Each send is claimed first by a
 * MAIL_CLAIMED entry at the version this instance saw, so of two instances (or a restart racing
 * itself) only one sends; the outcome is recorded as MAIL_SENT or MAIL_FAILED with the time of the
 * next attempt (backoff). The app never waits on the mail server: requests go on while it is down.
 */
export class Outbox {
  private running: Promise<MailStats> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = true;

  constructor(
    private readonly notifications: Notifications,
    private readonly accounts: AccountStorePort,
    private readonly transport: MailTransport,
    private readonly settings: MailSettings,
  ) {}

  private get engine() {
    return this.notifications.engine;
  }

  /** Sent, failed attempts, and mails waiting (to be sent, or retried after a failure). */
  stats(): MailStats {
    const s = { sent: 0, failed: 0, queued: 0 };
    for (const { n } of this.notifications.all()) {
      if (!n.mail) continue;
      s.failed += n.mail.failures;
      if (n.mail.state === 'sent') s.sent++;
      else if (n.mail.state === 'queued' || n.mail.state === 'sending') s.queued++;
    }
    return s;
  }

  /**
   * One pass: every mail due now (never tried, its retry time come, or its claim expired) is
   * claimed, sent and its outcome recorded. Concurrent calls share one pass. Answers this pass's
   * sent and failed counts.
   */
  flush(): Promise<MailStats> {
    this.running ??= this.pass().finally(() => (this.running = undefined));
    return this.running;
  }

  private async pass(): Promise<MailStats> {
    await this.engine.store.catchUp(this.engine.store.position);
    const done = { sent: 0, failed: 0, queued: 0 };
    const now = this.engine.clock().getTime();
    const due = this.notifications.all().filter(({ n }) => isDue(n, now));
    for (const { plan, n } of due) {
      const outcome = await this.deliver(plan.id, n.id);
      if (outcome === 'sent') done.sent++;
      else if (outcome === 'failed') done.failed++;
    }
    done.queued = this.stats().queued;
    return done;
  }

  private current(planId: string, id: string): NotificationRecord | undefined {
    const plan = this.engine.listPlans().find((p) => p.id === planId) as PlanWithNotifications | undefined;
    return plan?.notifications?.[id];
  }

  /** Appends one step at the version last seen; a READ in between moves the version, so it retries on the new one. */
  private async step(planId: string, id: string, type: string, payload?: Record<string, unknown>, expected?: number): Promise<boolean> {
    for (let attempt = 1; attempt <= 8; attempt++) {
      const n = this.current(planId, id);
      if (!n) return false;
      try {
        await this.engine.store.append([{ entry: stepEntry(planId, id, type, this.engine.now(), payload), expectedVersion: expected ?? n.version }]);
        return true;
      } catch (e) {
        if (!(e instanceof StreamConflictError)) throw e;
        await this.engine.store.catchUp(this.engine.store.position);
        // A claim is made only at the version it judged: another writer may have claimed meanwhile.
        if (expected !== undefined) return false;
      }
    }
    return false;
  }

  private async deliver(planId: string, id: string): Promise<'sent' | 'failed' | 'skipped'> {
    const before = this.current(planId, id);
    if (!before || !isDue(before, this.engine.clock().getTime())) return 'skipped';
    const user = await this.accounts.findById(before.userId);
    if (!user || user.disabled || user.emailReminders === false || !user.email) {
      await this.step(planId, id, 'MAIL_CANCELLED', { reason: 'Người nhận đã tắt email nhắc việc hoặc không còn địa chỉ email.' });
      return 'skipped';
    }
    if (!(await this.step(planId, id, 'MAIL_CLAIMED', undefined, before.version))) return 'skipped';
    const claimed = this.current(planId, id)!;
    if (claimed.mail?.state !== 'sending') return 'skipped';
    const token = user.unsubscribeToken ?? (await this.ensureToken(user.id));
    try {
      const info = await this.transport.send(composeMail(claimed, user, token ? unsubscribeUrl(this.settings, user.id, token) : undefined, this.settings));
      await this.step(planId, id, 'MAIL_SENT', info.messageId ? { messageId: info.messageId } : undefined);
      return 'sent';
    } catch (e) {
      const failures = claimed.mail.failures + 1;
      const retryAt = claimed.mail.attempts < MAIL_MAX_ATTEMPTS ? new Date(this.engine.clock().getTime() + backoffMs(failures)).toISOString() : undefined;
      await this.step(planId, id, 'MAIL_FAILED', { error: String((e as Error).message ?? e).slice(0, 500), ...(retryAt ? { retryAt } : {}) });
      return 'failed';
    }
  }

  /** A user with an address set before tokens existed gets one now (kept, so earlier links stay valid). */
  private async ensureToken(userId: string): Promise<string | undefined> {
    const fresh = await this.accounts.findById(userId);
    if (fresh?.unsubscribeToken) return fresh.unsubscribeToken;
    const token = newUnsubscribeToken();
    await this.accounts.updateUser(userId, { unsubscribeToken: token });
    return token;
  }

  /** Sends what is due now and whenever something is made; looks again every minute for retries. */
  start(): void {
    this.stopped = false;
    this.notifications.onMade((n) => {
      if (n.mail && !this.stopped) void this.flush().catch(logError);
    });
    const tick = () => {
      if (this.stopped) return;
      void this.flush().catch(logError).finally(() => {
        if (!this.stopped) this.timer = setTimeout(tick, POLL_MS).unref();
      });
    };
    tick();
  }

  /** Stops looking and waits for a pass under way, so a clean shutdown records what it sent. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
    this.transport.close();
  }
}

export const newUnsubscribeToken = () => randomBytes(18).toString('base64url');

function isDue(n: NotificationRecord, now: number): boolean {
  const m = n.mail;
  if (!m) return false;
  if (m.state === 'queued') return !m.retryAt || Date.parse(m.retryAt) <= now;
  return m.state === 'sending' && m.claimedAt !== undefined && Date.parse(m.claimedAt) + MAIL_LEASE_MS <= now;
}

function logError(e: unknown): void {
  console.error('Tiến Độ: the mail outbox failed a pass', e);
}
