import { z } from 'zod';
import { NOTIFICATION_KINDS, type NotificationKind } from '../../machines/reminders';
import { registerApplier } from '../engine/apply';
import type { PlanRecord } from '../engine/records';
import { registerPayloadSchema, type LogEntry } from '../store/entries';

/**
 * The `notification` stream kind: one stream per notification, its id fixed by what it is about
 * (a reminder: kind, object, user and agency day; an event's notice: the entry and the user). It is
 * made by appending NOTIFY at expected version 0, so a second attempt (after a restart, or from
 * another instance) conflicts in the store and is dropped: exactly once, decided by the store (the
 * embedded log's stream versions, PostgreSQL's unique index). Later entries on the same stream: READ
 * (the user read it), and the mail's outbox steps MAIL_CLAIMED, MAIL_SENT, MAIL_FAILED, MAIL_CANCELLED, each at the
 * version its writer saw, so two instances never both claim one mail. The records live on their
 * plan (snapshotted with it); they are private to their user and never shown in plan history.
 */
export const NOTIFICATION_KIND = 'notification';

export interface MailState {
  to: string;
  /** queued (to send or to retry at retryAt), sending (claimed at claimedAt), sent, failed for good, or cancelled (unsubscribed meanwhile). */
  state: 'queued' | 'sending' | 'sent' | 'failed' | 'cancelled';
  attempts: number;
  /** Attempts the mail server refused or that could not reach it. */
  failures: number;
  retryAt?: string;
  claimedAt?: string;
  lastError?: string;
}

/** A digest's lines, for its mail. */
export interface NoticeSection {
  heading: string;
  items: Array<{ text: string; link: string }>;
}

export interface NotificationRecord {
  id: string;
  userId: string;
  kind: NotificationKind;
  at: string;
  /** The agency day it was made for. */
  day: string;
  text: string;
  link: string;
  sections?: NoticeSection[];
  read: boolean;
  /** The stream's version: what the next entry on it expects. */
  version: number;
  mail?: MailState;
}

export type PlanWithNotifications = PlanRecord & { notifications?: Record<string, NotificationRecord> };

const section = z.object({ heading: z.string(), items: z.array(z.object({ text: z.string(), link: z.string() })) });

const Payload = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('NOTIFY'),
    userId: z.string().min(1),
    kind: z.enum(NOTIFICATION_KINDS),
    day: z.string(),
    text: z.string(),
    link: z.string(),
    sections: z.array(section).optional(),
    mailTo: z.string().optional(),
  }),
  z.object({ type: z.literal('READ') }),
  z.object({ type: z.literal('MAIL_CLAIMED') }),
  z.object({ type: z.literal('MAIL_SENT'), messageId: z.string().optional() }),
  z.object({ type: z.literal('MAIL_FAILED'), error: z.string(), retryAt: z.string().optional() }),
  z.object({ type: z.literal('MAIL_CANCELLED'), reason: z.string() }),
]);
export type NotificationPayload = z.infer<typeof Payload>;

export function applyNotificationEntry(plan: PlanRecord, entry: LogEntry): void {
  const p = { type: entry.type, ...entry.payload } as NotificationPayload;
  const all = ((plan as PlanWithNotifications).notifications ??= {});
  if (p.type === 'NOTIFY') {
    all[entry.streamId!] = {
      id: entry.streamId!, userId: p.userId, kind: p.kind, at: entry.at, day: p.day, text: p.text, link: p.link,
      ...(p.sections ? { sections: p.sections } : {}),
      read: false, version: 1,
      ...(p.mailTo ? { mail: { to: p.mailTo, state: 'queued', attempts: 0, failures: 0 } } : {}),
    };
    return;
  }
  const n = all[entry.streamId!];
  if (!n) throw new Error(`log entry ${entry.seq} names unknown notification ${entry.streamId}`);
  n.version++;
  if (p.type === 'READ') n.read = true;
  else if (n.mail && p.type === 'MAIL_CLAIMED') n.mail = { ...n.mail, state: 'sending', claimedAt: entry.at, attempts: n.mail.attempts + 1 };
  else if (n.mail && p.type === 'MAIL_SENT') n.mail = { ...n.mail, state: 'sent', claimedAt: undefined };
  else if (n.mail && p.type === 'MAIL_FAILED') {
    n.mail = { ...n.mail, state: p.retryAt ? 'queued' : 'failed', retryAt: p.retryAt, claimedAt: undefined, lastError: p.error, failures: n.mail.failures + 1 };
  } else if (n.mail && p.type === 'MAIL_CANCELLED') n.mail = { ...n.mail, state: 'cancelled', claimedAt: undefined, lastError: p.reason };
}

registerApplier(NOTIFICATION_KIND, applyNotificationEntry);
registerPayloadSchema(NOTIFICATION_KIND, Payload);

/** Every notification a plan holds. */
export const notificationsOf = (plan: PlanRecord): NotificationRecord[] => Object.values((plan as PlanWithNotifications).notifications ?? {});
