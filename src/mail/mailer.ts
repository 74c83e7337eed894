import nodemailer from 'nodemailer';
import type { Logger } from 'pino';

export interface MailAttachment {
  filename: string;
  content: Buffer;
  contentType?: string;
}

export interface OutgoingMail {
  to: string;
  subject: string;
  html: string;
  text: string;
  /** Deterministic, without angle brackets (`<hex>@accolade`); the same on every re-send. */
  messageId: string;
  attachments?: MailAttachment[];
  /** Extra headers (e.g. `X-Request-Id`: the request that caused the notice). */
  headers?: Record<string, string>;
}

export interface SendResult {
  accepted: string[];
  rejected: string[];
  response: string;
}

export interface Mailer {
  /** False when no SMTP_URL is configured: notices are logged and kept, not sent. */
  readonly enabled: boolean;
  send(msg: OutgoingMail): Promise<SendResult>;
  close(): void;
}

export interface MailerOptions {
  smtpUrl?: string | undefined;
  from: string;
  logger: Logger;
  /** Pool size (nodemailer default 5). */
  maxConnections?: number;
  /** Messages per connection before it is recycled (nodemailer default 100). */
  maxMessages?: number;
  /** Socket inactivity timeout; keep it under the ledger's stale-claim timeout. */
  socketTimeoutMs?: number;
}

type Address = string | { address: string };
const addressOf = (a: Address): string => (typeof a === 'string' ? a : a.address);

/** The SMTP URL without its password, for logs. */
export function redactSmtpUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'smtp://(unparseable)';
  }
}

/**
 * One pooled SMTP transport for the process (created from `SMTP_URL`), or a disabled mailer when none is
 * configured. The deliverer checks `enabled` before calling `send`; a call anyway is a programming error.
 */
export function createMailer(opts: MailerOptions): Mailer {
  const log = opts.logger.child({ component: 'mailer' });
  if (!opts.smtpUrl) {
    log.info('SMTP_URL is not set: emails are logged and kept in the ledger, not sent');
    return {
      enabled: false,
      send() {
        return Promise.reject(new Error('mailer is disabled (no SMTP_URL)'));
      },
      close() {},
    };
  }
  const transport = nodemailer.createTransport(
    {
      url: opts.smtpUrl,
      pool: true,
      maxConnections: opts.maxConnections ?? 5,
      maxMessages: opts.maxMessages ?? 100,
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: opts.socketTimeoutMs ?? 60_000,
    },
    { from: opts.from },
  );
  transport.on('error', (err: Error) => log.warn({ err }, 'SMTP pool error'));
  log.info({ smtp: redactSmtpUrl(opts.smtpUrl) }, 'SMTP transport ready (pooled)');
  return {
    enabled: true,
    async send(msg) {
      const info = (await transport.sendMail({
        to: msg.to,
        subject: msg.subject,
        html: msg.html,
        text: msg.text,
        messageId: msg.messageId,
        ...(msg.attachments ? { attachments: msg.attachments } : {}),
        ...(msg.headers ? { headers: msg.headers } : {}),
      })) as { accepted?: Address[]; rejected?: Address[]; response?: string };
      return {
        accepted: (info.accepted ?? []).map(addressOf),
        rejected: (info.rejected ?? []).map(addressOf),
        response: info.response ?? '',
      };
    },
    close() {
      transport.close();
    },
  };
}
