/**
 * A worker process for the crash test: starts the email worker against a PostgreSQL schema and an SMTP
 * server given in the environment, prints `ready`, and runs until killed.
 */
import pino from 'pino';
import { openDb } from '../../src/db/open-db';
import { createMailer } from '../../src/mail/mailer';
import { startEmailWorker } from '../../workers/email.worker';

async function main(): Promise<void> {
  const env = (name: string): string => {
    const v = process.env[name];
    if (!v) throw new Error(`${name} is required`);
    return v;
  };
  const logger = pino({ level: process.env.LOG_LEVEL ?? 'silent' });
  const db = await openDb({ databaseUrl: env('DATABASE_URL'), schema: env('DB_SCHEMA') });
  const mailer = createMailer({
    smtpUrl: env('SMTP_URL'),
    from: 'no-reply@accolade.example',
    logger,
    maxConnections: 5,
  });
  const worker = startEmailWorker({
    connection: { host: '127.0.0.1', port: 6379 },
    prefix: env('QUEUE_PREFIX'),
    db,
    mailer,
    logger,
    concurrency: 5,
    staleClaimMs: Number(env('STALE_CLAIM_MS')),
    lockDurationMs: Number(env('LOCK_DURATION_MS')),
    stalledIntervalMs: Number(env('STALLED_INTERVAL_MS')),
  });
  await worker.waitUntilReady();
  process.stdout.write('ready\n');
  process.on('SIGTERM', () => {
    void worker
      .close()
      .then(() => mailer.close())
      .then(() => db.close())
      .then(() => process.exit(0));
  });
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
