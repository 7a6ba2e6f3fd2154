import type { Engine } from '../engine/engine';
import type { Hub } from '../live/hub';
import type { AccountStorePort } from '../store/accountsPort';
import { smtpTransport, type MailSettings } from './mailer';
import { Notifications } from './notifications';
import { Outbox } from './outbox';
import { startReminderScheduler } from './scheduler';

export interface NotificationSettings {
  /** REMINDER_TIME, parsed (scheduler.ts). */
  reminderTime: { hour: number; minute: number };
  /** SMTP_URL, MAIL_FROM, PUBLIC_URL; without them only in-app notifications are made. */
  mail?: MailSettings;
}

export interface RunningNotifications {
  notifications: Notifications;
  outbox?: Outbox;
  /** Resolves when the start's catch-up run (today, if REMINDER_TIME has passed) is done. */
  started: Promise<void>;
  stop(): Promise<void>;
}

/** Notifications, their daily scheduler and, with mail settings, the outbox: what a server process runs. */
export function startNotifications(engine: Engine, accounts: AccountStorePort, hub: Hub, settings: NotificationSettings): RunningNotifications {
  const notifications = new Notifications(engine, accounts, hub, settings.mail !== undefined);
  const outbox = settings.mail && new Outbox(notifications, accounts, smtpTransport(settings.mail.smtpUrl), settings.mail);
  const scheduler = startReminderScheduler((day) => notifications.runDay(day), engine.clock, settings.reminderTime);
  outbox?.start();
  return {
    notifications,
    outbox,
    started: scheduler.started,
    stop: async () => {
      scheduler.stop();
      await outbox?.stop();
    },
  };
}
