import { z } from 'zod';
import { DIGEST_CHOICES, NOTIFICATION_KINDS, type DigestChoice, type NotificationKind } from './reminders';

/** Notification and preference shapes (API.md "Notifications and reminders"), for server and client. */

export interface Notification {
  id: string;
  at: string;
  kind: NotificationKind;
  text: string;
  link: string;
  read: boolean;
}

export interface Preferences {
  email?: string;
  emailReminders: boolean;
  digest: DigestChoice;
}

/** An email address as accounts and preferences take it; null (or "") removes it. */
export const EmailField = z.union([z.literal('').transform(() => null), z.null(), z.email({ message: 'địa chỉ email không hợp lệ' }).max(254)]);

export const PreferencesBody = z
  .strictObject({
    email: EmailField.optional(),
    emailReminders: z.boolean().optional(),
    digest: z.enum(DIGEST_CHOICES).optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: 'cần ít nhất một lựa chọn cần đổi' });
export type PreferencesBody = z.infer<typeof PreferencesBody>;

export const MarkReadBody = z
  .strictObject({ ids: z.array(z.string().min(1).max(300)).max(1000).optional(), all: z.literal(true).optional() })
  .refine((b) => b.ids !== undefined || b.all === true, { message: 'cần `ids` hoặc `all: true`' });
export type MarkReadBody = z.infer<typeof MarkReadBody>;

export { NOTIFICATION_KINDS };
