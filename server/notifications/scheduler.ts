import { Cron } from 'croner';
import { AGENCY_UTC_OFFSET_MINUTES, localDate } from '../../machines/dates';
import { parseReminderTime, reminderTimePassed } from '../../machines/reminders';

export const DEFAULT_REMINDER_TIME = '07:30';

/** REMINDER_TIME as HH:MM (agency time), or an error naming the setting. */
export function reminderTimeFrom(value: string | undefined): { hour: number; minute: number } {
  const time = parseReminderTime(value || DEFAULT_REMINDER_TIME);
  if (!time) throw new Error(`REMINDER_TIME must be HH:MM (24-hour, agency time), not ${value}`);
  return time;
}

/**
 * Runs the day's reminders at REMINDER_TIME agency time, by croner (a scheduler that survives
 * long waits, unlike an XState `after` timer), and once at start when that time has already passed
 * today: a server down at 07:30 makes the day's reminders when it comes back. The day is read from
 * the injected clock (TIENDO_NOW pins it), and the run is idempotent per day (notifications.ts), so
 * a restart or a second instance running it again makes nothing twice.
 */
export function startReminderScheduler(
  run: (day: string) => Promise<unknown>,
  clock: () => Date,
  time: { hour: number; minute: number },
): { stop(): void; started: Promise<void> } {
  const fire = () => run(localDate(clock())).catch((e) => console.error('Tiến Độ: the day’s reminders failed; the next run retries', e));
  const job = new Cron(`${time.minute} ${time.hour} * * *`, { utcOffset: AGENCY_UTC_OFFSET_MINUTES, protect: true }, async () => {
    await fire();
  });
  const started = reminderTimePassed(clock(), time) ? fire().then(() => undefined) : Promise.resolve();
  return { stop: () => job.stop(), started };
}
