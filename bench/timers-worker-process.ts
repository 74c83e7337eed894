/**
 * One timers worker process for `bench/timers.ts`: what `workers/main.ts` runs for deadlines (the timers
 * worker firing through `fireTimer`), against the bench's PostgreSQL schema and queue prefix, given in the
 * environment. Prints `ready` once listening, and stops on SIGTERM after its active jobs.
 */
import pino from 'pino';
import { openDb } from '../src/db/open-db';
import { testEngineDeps } from '../test/helpers/engine';
import { startTimersWorker } from '../workers/timers.worker';

async function main(): Promise<void> {
  const need = (name: string): string => {
    const v = process.env[name];
    if (!v) throw new Error(`${name} is required`);
    return v;
  };
  const concurrency = Number(need('BENCH_TIMERS_CONCURRENCY'));
  const db = await openDb({
    databaseUrl: need('DATABASE_URL'),
    schema: need('DB_SCHEMA'),
    poolSize: concurrency + 2,
  });
  const engine = testEngineDeps(db, { cacheMs: 5000 });
  const worker = startTimersWorker({
    connection: { host: '127.0.0.1', port: 6379, maxRetriesPerRequest: null },
    prefix: need('QUEUE_PREFIX'),
    engine,
    logger: pino({ level: 'silent' }),
    concurrency,
  });
  await worker.waitUntilReady();
  process.stdout.write('ready\n');
  process.once('SIGTERM', () => {
    void worker
      .close()
      .then(() => db.close())
      .then(() => process.exit(0));
  });
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
