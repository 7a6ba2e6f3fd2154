import nodemailer from 'nodemailer';
import { formatDateVi } from '../../machines/dates';
import type { NotificationKind } from '../../machines/reminders';
import type { NotificationRecord } from './kind';

/** Mail settings from the environment (README "Settings"): without SMTP_URL nothing is mailed. */
export interface MailSettings {
  smtpUrl: string;
  from: string;
  /** The address the board is reached at, for links in mail (no trailing slash). */
  publicUrl: string;
}

export function mailSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): MailSettings | undefined {
  if (!env.SMTP_URL) return undefined;
  return {
    smtpUrl: env.SMTP_URL,
    from: env.MAIL_FROM || 'Tiến Độ <tiendo@localhost>',
    publicUrl: (env.PUBLIC_URL || `http://${env.HOST ?? '127.0.0.1'}:${env.PORT ?? 8787}`).replace(/\/+$/, ''),
  };
}

export interface MailMessage {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  headers: Record<string, string>;
}

/** What sends a message: nodemailer's SMTP transport in the app. */
export interface MailTransport {
  send(message: MailMessage): Promise<{ messageId?: string }>;
  close(): void;
}

export function smtpTransport(smtpUrl: string): MailTransport {
  // Short timeouts: a mail server that hangs is a failed attempt, retried later by the outbox.
  const transport = nodemailer.createTransport(smtpUrl, { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 } as never);
  return {
    send: async (m) => {
      const info = await transport.sendMail(m);
      return { messageId: info.messageId };
    },
    close: () => transport.close(),
  };
}

const SUBJECTS: Partial<Record<NotificationKind, string>> = {
  deadlineSoon: 'Nhắc việc: nhiệm vụ sắp đến hạn',
  deadlineToday: 'Nhắc việc: nhiệm vụ đến hạn hôm nay',
  overdue: 'Đôn đốc: nhiệm vụ đã quá hạn',
  remediationDue: 'Nhắc việc: khắc phục kiến nghị sau kiểm tra',
  reviewDue: 'Nhắc việc: hạn gửi báo cáo cải cách hành chính',
};

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/**
 * A reminder or digest as a mail: Vietnamese subject and body, plain text and HTML, a link to the
 * card (or page) and an unsubscribe link that turns this user's mail reminders off. The Message-ID
 * is the notification's, so a receiving server can tell a repeat apart.
 */
export function composeMail(n: NotificationRecord, user: { name: string; email?: string }, unsubscribeUrl: string | undefined, settings: MailSettings): MailMessage {
  const subject = `[Tiến Độ] ${n.kind === 'digest' ? `Tổng hợp công việc ngày ${formatDateVi(n.day)}` : (SUBJECTS[n.kind] ?? 'Thông báo')}`;
  const url = (link: string) => `${settings.publicUrl}${link}`;
  const sections = n.sections ?? [];
  const text = [
    `Kính gửi ${user.name},`,
    '',
    n.text,
    ...sections.flatMap((s) => ['', `${s.heading}:`, ...s.items.map((i) => `- ${i.text}: ${url(i.link)}`)]),
    '',
    `Xem chi tiết: ${url(n.link)}`,
    '',
    '--',
    'Tiến Độ – theo dõi kế hoạch cải cách hành chính. Thư này được gửi tự động, vui lòng không trả lời.',
    ...(unsubscribeUrl ? [`Không muốn nhận email nhắc việc? Tắt tại: ${unsubscribeUrl}`] : []),
  ].join('\n');
  const html = [
    '<!doctype html><html lang="vi"><body>',
    `<p>Kính gửi ${escapeHtml(user.name)},</p>`,
    `<p>${escapeHtml(n.text)}</p>`,
    ...sections.map((s) => `<h3>${escapeHtml(s.heading)}</h3><ul>${s.items.map((i) => `<li><a href="${escapeHtml(url(i.link))}">${escapeHtml(i.text)}</a></li>`).join('')}</ul>`),
    `<p><a href="${escapeHtml(url(n.link))}">Xem chi tiết</a></p>`,
    '<hr><p style="color:#555;font-size:90%">Tiến Độ – theo dõi kế hoạch cải cách hành chính. Thư này được gửi tự động, vui lòng không trả lời.',
    ...(unsubscribeUrl ? [`<br><a href="${escapeHtml(unsubscribeUrl)}">Tắt email nhắc việc</a>`] : []),
    '</p></body></html>',
  ].join('\n');
  const host = new URL(settings.publicUrl).hostname || 'tiendo';
  return {
    from: settings.from,
    to: n.mail!.to,
    subject,
    text,
    html,
    messageId: `<${encodeURIComponent(n.id).replace(/%/g, '=')}@${host}>`,
    headers: unsubscribeUrl ? { 'List-Unsubscribe': `<${unsubscribeUrl}>` } : {},
  };
}

/** The link that turns a user's mail reminders off (GET /api/unsubscribe). */
export const unsubscribeUrl = (settings: MailSettings, userId: string, token: string) =>
  `${settings.publicUrl}/api/unsubscribe?u=${encodeURIComponent(userId)}&t=${encodeURIComponent(token)}`;
