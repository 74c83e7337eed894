/**
 * A worker process for the two-process deadline test: what `workers/main.ts` runs (the outbox relay and
 * its sweep, the timer sweep, the timers and email workers), against a PostgreSQL schema, a queue prefix
 * and an SMTP server given in the environment. Prints `ready`, then one line per finished job
 * (`job <queue> <id> <outcome>`), and runs until SIGTERM.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import pino from 'pino';
import { openDb } from '../../src/db/open-db';
import { createRulesPort } from '../../src/workflow/eligibility/rules-port';
import { createMailer } from '../../src/mail/mailer';
import { createOutboxRelay } from '../../src/queue/outbox-relay';
import { createQueues } from '../../src/queue/queues';
import { sweepTimers } from '../../src/queue/timer-sweep';
import { buildEngineDeps } from '../../src/workflow/engine/engine-deps';
import { startEmailWorker } from '../../workers/email.worker';
import { startTimersWorker } from '../../workers/timers.worker';

async function main(): Promise<void> {
  const env = (name: string): string => {
    const v = process.env[name];
    if (!v) throw new Error(`${name} is required`);
    return v;
  };
  const logger = pino({ level: process.env.LOG_LEVEL ?? 'silent' });
  const prefix = env('QUEUE_PREFIX');
  const db = await openDb({ databaseUrl: env('DATABASE_URL'), schema: env('DB_SCHEMA') });
  const redis = new Redis('redis://127.0.0.1:6379', { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  redis.on('error', () => undefined);
  const queues = createQueues(redis, prefix);
  const now = () => new Date();
  const relay = createOutboxRelay({ db, queues, logger, now });
  const engine = buildEngineDeps({
    db,
    logger,
    rules: createRulesPort(),
    publicUrl: 'http://accolade.test',
    dataDir: join(tmpdir(), 'accolade-engine-files'),
    timeZone: 'Asia/Ho_Chi_Minh',
    outbox: relay,
    cacheMs: 0,
  });
  const mailer = createMailer({ smtpUrl: env('SMTP_URL'), from: 'no-reply@accolade.example', logger });
  const connection = { host: '127.0.0.1', port: 6379, maxRetriesPerRequest: null };
  const workers = [
    startTimersWorker({ connection, prefix, engine, logger }),
    startEmailWorker({ connection, prefix, db, mailer, logger }),
  ];
  for (const w of workers) {
    w.on('completed', (job, outcome) =>
      process.stdout.write(`job ${w.name} ${job.id} ${JSON.stringify(outcome)}\n`),
    );
    // A failed attempt (retried by BullMQ) is reported too, so a test can tell a slow retry from a lost job.
    w.on('failed', (job, err) =>
      process.stdout.write(`failed ${w.name} ${job?.id ?? '?'} ${JSON.stringify(err.message)}\n`),
    );
    await w.waitUntilReady();
  }
  // Both sweeps, often: several processes sweeping at once must be harmless.
  relay.start(300);
  const sweep = setInterval(() => {
    sweepTimers({ db, queues, logger, now }).catch(() => undefined);
  }, 500);
  process.stdout.write('ready\n');
  process.on('SIGTERM', () => {
    clearInterval(sweep);
    void Promise.all(workers.map((w) => w.close()))
      .then(() => relay.stop())
      .then(() => queues.close())
      .then(() => {
        redis.disconnect();
        mailer.close();
        return db.close();
      })
      .then(() => process.exit(0));
  });
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
