import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** As sent in the header, with angle brackets. */
  messageId: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  attachments: ParsedMail['attachments'];
  parsed: ParsedMail;
}

export interface TestSmtp {
  port: number;
  url: string;
  /** Every message whose DATA was fully received (before the server answers, see `delayMs`). */
  messages: ReceivedMail[];
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

export interface TestSmtpOptions {
  /** Listen on this port (to restart a stopped server where a mailer still points); default a free one. */
  port?: number;
  /**
   * Hold the answer to DATA this long. The message is recorded before the answer, so a client killed
   * meanwhile models the ambiguous "server has it, sender does not know" case.
   */
  delayMs?: number;
  /** Parse messages (default true); a benchmark counts only. */
  parse?: boolean;
}

/** An in-process SMTP server (auth optional, no STARTTLS) collecting what it receives. */
export async function startTestSmtp(opts: TestSmtpOptions = {}): Promise<TestSmtp> {
  const messages: ReceivedMail[] = [];
  const waiters = new Set<() => void>();
  const notify = () => waiters.forEach((w) => w());
  const parse = opts.parse ?? true;

  const server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    closeTimeout: 100,
    disableReverseLookup: true,
    onAuth(_auth, _session, cb) {
      cb(null, { user: 'test' });
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        const to = session.envelope.rcptTo.map((r) => r.address);
        const record = async () => {
          if (!parse) {
            messages.push({
              messageId: '',
              to,
              subject: '',
              text: '',
              html: '',
              attachments: [],
              parsed: {} as ParsedMail,
            });
            return;
          }
          const parsed = await simpleParser(raw);
          messages.push({
            messageId: parsed.messageId ? `<${parsed.messageId.replace(/^<|>$/g, '')}>` : '',
            to,
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
            attachments: parsed.attachments,
            parsed,
          });
        };
        record()
          .then(() => {
            notify();
            if (opts.delayMs) setTimeout(() => cb(), opts.delayMs);
            else cb();
          })
          .catch((e: Error) => cb(e));
      });
    },
  });
  server.on('error', () => undefined);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.server.address();
  if (!address || typeof address === 'string') throw new Error('smtp server has no port');
  const port = address.port;

  return {
    port,
    url: `smtp://user:secret@127.0.0.1:${port}`,
    messages,
    waitFor(n, timeoutMs = 10_000) {
      if (messages.length >= n) return Promise.resolve(messages);
      return new Promise((resolve, reject) => {
        const check = () => {
          if (messages.length >= n) {
            cleanup();
            resolve(messages);
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`waited ${timeoutMs} ms for ${n} messages, got ${messages.length}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
      });
    },
    close() {
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
