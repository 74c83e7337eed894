import type { ChildProcess } from 'node:child_process';
import { Queue } from 'bullmq';
import type { Db } from '../../../src/db/db';
import { openDb } from '../../../src/db/open-db';
import { dropPostgresSchema } from '../../../src/db/postgres';
import { queueNames } from '../../../src/queue/queues';
import { insertTestNotice, publishEmailOutbox, waitUntil, type TestNotice } from '../../helpers/notices';
import { spawnScript } from '../../helpers/processes';
import { startTestSmtp, type TestSmtp } from '../../helpers/smtp';

jest.setTimeout(90_000);

/**
 * A worker process killed with SIGKILL in the middle of SMTP conversations (the server has the message
 * but has not answered), then another worker process: every notice arrives, and the only duplicates carry
 * the same Message-ID. PostgreSQL only: two processes cannot share an in-memory PGlite.
 */
const databaseUrl = process.env.DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test';
const tag = Math.random().toString(36).slice(2, 10);
const schema = `test_mail_crash_${tag}`;
const prefix = `test-mail-crash-${tag}`;

function startWorkerProcess(smtpUrl: string): Promise<ChildProcess> {
  const child = spawnScript('test/helpers/email-worker-process.ts', {
    DATABASE_URL: databaseUrl,
    DB_SCHEMA: schema,
    SMTP_URL: smtpUrl,
    QUEUE_PREFIX: prefix,
    STALE_CLAIM_MS: '3000',
    LOCK_DURATION_MS: '2000',
    STALLED_INTERVAL_MS: '1000',
  });
  let err = '';
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (c: Buffer) => {
      if (c.toString().includes('ready')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`worker process exited (${code}): ${err}`)));
  });
}

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) =>
    child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve()),
  );

describe('email worker killed mid-send (PostgreSQL)', () => {
  let db: Db;
  let smtp: TestSmtp;
  let queue: Queue;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    db = await openDb({ databaseUrl, schema });
    smtp = await startTestSmtp({ delayMs: 1500 });
    queue = new Queue(queueNames.email, { connection: { host: '127.0.0.1', port: 6379 }, prefix });
  });
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await Promise.all(children.map(exited));
    await queue?.obliterate({ force: true });
    await queue?.close();
    await smtp?.close();
    await db?.close();
    await dropPostgresSchema(databaseUrl, schema);
  });

  it('delivers every notice, each under one Message-ID only', async () => {
    const notices: TestNotice[] = [];
    for (let i = 0; i < 12; i++) notices.push(await insertTestNotice(db, { locale: i % 2 ? 'en' : 'vi' }));
    await publishEmailOutbox(db, queue, { attempts: 12, backoff: { type: 'fixed', delay: 1000 } });

    const first = await startWorkerProcess(smtp.url);
    children.push(first);
    // the server holds at least two messages it has not answered yet: kill the sender now
    await smtp.waitFor(2, 20_000);
    first.kill('SIGKILL');
    await exited(first);
    const inFlight = await db.query<{ n: number }>(
      `SELECT count(*)::integer AS n FROM notices WHERE status = 'sending'`,
    );
    expect(inFlight[0]!.n).toBeGreaterThan(0);

    const second = await startWorkerProcess(smtp.url);
    children.push(second);
    const rows = await waitUntil(
      () =>
        db.query<{ id: number; status: string; message_id: string }>(
          'SELECT id, status, message_id FROM notices ORDER BY id',
        ),
      (r) => r.every((n) => n.status === 'sent'),
      60_000,
    );
    expect(rows).toHaveLength(notices.length);

    const received = smtp.messages.map((m) => m.messageId);
    const distinct = new Set(received);
    expect(distinct.size).toBe(notices.length);
    expect([...distinct].sort()).toEqual(notices.map((n) => `<${n.messageId}>`).sort());
    // the messages the dead worker had handed over were sent again, under the same Message-ID
    expect(received.length).toBeGreaterThan(notices.length);
    second.kill('SIGTERM');
    await exited(second);
  });
});
