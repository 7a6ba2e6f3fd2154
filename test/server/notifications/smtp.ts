import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  listUnsubscribe?: string;
}

/**
 * A real SMTP server in the test process (smtp-server), parsing what it receives with mailparser.
 * `down()` closes it and `up()` listens again on the same port: the mail server down, then back.
 */
export async function startSmtp(): Promise<{
  url: string;
  received: ReceivedMail[];
  /** Resolves once `count` mails have arrived in all. */
  receivedCount(count: number): Promise<void>;
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}> {
  const received: ReceivedMail[] = [];
  const waiters: Array<{ count: number; resolve(): void }> = [];
  const arrived = () => {
    for (const w of [...waiters]) if (received.length >= w.count) waiters.splice(waiters.indexOf(w), 1) && w.resolve();
  };
  let port = 0;
  let server: SMTPServer;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server = new SMTPServer({
        authOptional: true,
        disabledCommands: ['STARTTLS', 'AUTH'],
        logger: false,
        onData(stream, _session, callback) {
          simpleParser(stream)
            .then((mail: ParsedMail) => {
              const to = Array.isArray(mail.to) ? mail.to.map((a) => a.text).join(', ') : (mail.to?.text ?? '');
              // mailparser gathers List-* headers under `list`.
              const unsub = (mail.headers.get('list') as { unsubscribe?: { url?: string } } | undefined)?.unsubscribe;
              received.push({
                to, subject: mail.subject ?? '', text: mail.text ?? '', html: typeof mail.html === 'string' ? mail.html : '',
                messageId: mail.messageId ?? '',
                listUnsubscribe: unsub?.url,
              });
              callback();
              arrived();
            })
            .catch(callback);
        },
      });
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        port = (server.server.address() as AddressInfo).port;
        resolve();
      });
    });
  await listen();
  const close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  const receivedCount = (count: number) =>
    new Promise<void>((resolve) => {
      waiters.push({ count, resolve });
      arrived();
    });
  return { url: `smtp://127.0.0.1:${port}`, received, receivedCount, down: close, up: listen, close };
}
