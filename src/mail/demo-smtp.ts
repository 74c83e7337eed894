import type { Logger } from 'pino';
import { SMTPServer } from 'smtp-server';
import type { DemoMailbox } from './demo-mailbox';

/**
 * The demo's own SMTP receiver: `npm run demo` without SMTP_URL points its mailer here, so every email
 * the workers send lands in the demo mailbox (demo-mailbox.ts) instead of nowhere. Loopback only, any
 * credentials or none, no TLS (nothing leaves the machine). A message is answered `250` only once it is
 * stored, so the email ledger's `sent` means "in the mailbox".
 */

export interface DemoSmtp {
  port: number;
  /** For the mailer (SMTP_URL). */
  url: string;
  close(): Promise<void>;
}

/** Larger than any notice: a signed submission carries the documents and the dossiers' files. */
const MAX_MESSAGE_BYTES = 100 * 1024 * 1024;

export async function startDemoSmtp(opts: { mailbox: DemoMailbox; logger: Logger }): Promise<DemoSmtp> {
  const log = opts.logger.child({ component: 'demo-smtp' });
  const server = new SMTPServer({
    name: 'accolade-demo',
    banner: 'Accolade demo mailbox',
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    disableReverseLookup: true,
    size: MAX_MESSAGE_BYTES,
    logger: false,
    closeTimeout: 1000,
    onAuth(auth, _session, cb) {
      cb(null, { user: auth.username ?? 'demo' });
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('error', (e: Error) => cb(e));
      stream.on('end', () => {
        if (stream.sizeExceeded) {
          cb(Object.assign(new Error('Message too large for the demo mailbox'), { responseCode: 552 }));
          return;
        }
        const envelope = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
          to: session.envelope.rcptTo.map((r) => r.address),
        };
        opts.mailbox.store(Buffer.concat(chunks), envelope).then(
          (m) => {
            log.info({ mailId: m.id, to: envelope.to, subject: m.subject }, 'demo mailbox: message received');
            cb();
          },
          (e: unknown) => {
            log.error({ err: e }, 'demo mailbox: message could not be stored');
            cb(Object.assign(new Error('Mailbox unavailable'), { responseCode: 451 }));
          },
        );
      });
    },
  });
  server.on('error', (e) => log.warn({ err: e }, 'demo SMTP receiver error'));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.server.address();
  if (!address || typeof address === 'string') throw new Error('demo SMTP receiver has no port');
  return {
    port: address.port,
    url: `smtp://127.0.0.1:${address.port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
