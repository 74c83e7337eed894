import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Queue, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import pino from 'pino';
import type { Db } from '../src/db/db';
import { openDb } from '../src/db/open-db';
import { dropPostgresSchema } from '../src/db/postgres';
import { createOutboxRelay } from '../src/queue/outbox-relay';
import { createQueues, queueNames } from '../src/queue/queues';
import { createDossier } from '../src/workflow/dossiers/create-dossier';
import { createCampaign } from '../src/workflow/campaigns/create-campaign';
import { sendEvent } from '../src/workflow/engine/send-event';
import { seedOrg, testEngineDeps } from '../test/helpers/engine';
import { spawnScript } from '../test/helpers/processes';
import { deletePrefixKeys } from '../test/helpers/timers';
import { startTimersWorker } from '../workers/timers.worker';
import { percentile } from './stats';

/**
 * Durable deadlines at volume, on PostgreSQL (DATABASE_URL, default the local test database) and the
 * local Redis, each part on its own queue prefix:
 *  (a) 100,000 pending deadlines (timer and outbox rows written in bulk SQL, published by the real outbox
 *      relay): Redis memory per deadline;
 *  (b) 10,000 deadlines due within the same 10 seconds, fired by the real timers worker through
 *      `fireTimer` (lock the record and claim the timer of its current state entry in one statement, ask
 *      the machine): lateness = fired_at − due_at; (b1) with the worker in this process, (b2) with
 *      BENCH_TIMERS_PROCESSES (default 2) worker processes side by side, as a deployment scales;
 *  (c) in the same run, bare BullMQ delayed jobs (10,000 due within 10 s, a worker that does nothing):
 *      their lateness, and the ratio.
 * Figures are printed, not asserted (bench/README.md keeps the latest).
 */
const pendingN = Number(process.env.BENCH_TIMERS_PENDING ?? 100_000);
const firingN = Number(process.env.BENCH_TIMERS_FIRING ?? 10_000);
const windowMs = 10_000;
const concurrency = Number(process.env.BENCH_TIMERS_CONCURRENCY ?? 10);
const processes = Number(process.env.BENCH_TIMERS_PROCESSES ?? 2);
/**
 * The records the deadlines belong to. A record has a handful of timers at a time (its state's deadline,
 * reminders, escalation), so 10,000 deadlines due together belong to a few thousand records: 2,500 gives
 * four each. (Fewer records make firings queue on the same record's lock, which real load does not.)
 */
const recordsN = Number(process.env.BENCH_TIMERS_RECORDS ?? 2500);
const redisUrl = 'redis://127.0.0.1:6379';
const connection = { host: '127.0.0.1', port: 6379, maxRetriesPerRequest: null };
const logger = pino({ level: 'silent' });

const ms = (v: number) => `${v.toFixed(0)} ms`;
const summary = (sorted: number[]) => ({
  p50: percentile(sorted, 50),
  p99: percentile(sorted, 99),
  max: sorted[sorted.length - 1] ?? NaN,
});

/** Memory of every key under a prefix (MEMORY USAGE, exact), and the server's used_memory. */
async function prefixMemory(r: Redis, prefix: string): Promise<{ keys: number; bytes: number }> {
  let cursor = '0';
  let keys = 0;
  let bytes = 0;
  do {
    const [next, batch] = await r.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 2000);
    cursor = next;
    if (batch.length === 0) continue;
    const p = r.pipeline();
    for (const k of batch) p.call('MEMORY', 'USAGE', k, 'SAMPLES', '0');
    for (const [err, v] of (await p.exec()) ?? []) if (!err) bytes += Number(v ?? 0);
    keys += batch.length;
  } while (cursor !== '0');
  return { keys, bytes };
}

async function usedMemory(r: Redis): Promise<number> {
  const info = await r.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? NaN);
}

/** Timer rows and their outbox rows for `n` deadlines, in two statements (as the engine would write them). */
async function insertDeadlines(
  db: Db,
  n: number,
  recordIds: number[],
  entrySeqs: number[],
  dueFrom: Date,
  spreadMs: number,
  tag: string,
): Promise<void> {
  await db.query(
    `INSERT INTO timers (record_type, record_id, entry_seq, kind, rung, due_at, status, period)
     SELECT 'dossier', r.id, r.seq, $5 || '-' || g, 'deadline',
            $1::timestamptz + (random() * $2) * interval '1 millisecond', 'armed', '{"seconds":10}'
       FROM generate_series(1, $3::int) g
       JOIN (SELECT * FROM unnest($4::int[], $6::int[]) WITH ORDINALITY AS u(id, seq, i)) r
         ON r.i = 1 + (g % cardinality($4::int[]))`,
    [dueFrom, spreadMs, n, recordIds, tag, entrySeqs],
  );
  await db.query(
    `INSERT INTO outbox (queue, job_name, job_id, payload, run_at)
     SELECT 'timers', 'fire', 'tmr-' || id, jsonb_build_object('timerId', id, 'recordType', record_type, 'recordId', record_id), due_at
       FROM timers WHERE kind LIKE $1 || '-%' ORDER BY id`,
    [tag],
  );
}

/** A timers worker in a process of its own (`bench/timers-worker-process.ts`), once it is listening. */
function startWorkerProcess(databaseUrl: string, schema: string, prefix: string): Promise<ChildProcess> {
  const child = spawnScript('bench/timers-worker-process.ts', {
    DATABASE_URL: databaseUrl,
    DB_SCHEMA: schema,
    QUEUE_PREFIX: prefix,
    BENCH_TIMERS_CONCURRENCY: String(concurrency),
  });
  child.stderr.pipe(process.stderr);
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (c: Buffer) => {
      if (c.toString().includes('ready')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`bench worker process exited (${code})`)));
  });
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`bench: ${what} not done in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function runTimersBench(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test';
  const tag = randomBytes(4).toString('hex');
  const schema = `bench_timers_${tag}`;
  const db = await openDb({ databaseUrl, schema, poolSize: concurrency + 4 });
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  const prefixes = [
    `bench-timers-a-${tag}`,
    `bench-timers-b-${tag}`,
    `bench-timers-c-${tag}`,
    `bench-timers-d-${tag}`,
  ] as const;
  try {
    const hz = (await redis.config('GET', 'hz'))[1];
    console.log(
      `Redis hz ${hz} (precision of delayed jobs is about 1000/hz ms; \`redis-cli config set hz 100\`), worker concurrency ${concurrency}, PostgreSQL`,
    );

    // Records the deadlines belong to: draft dossiers (the machine takes no DEADLINE_PASSED there, so
    // firing one is the engine's whole check-and-claim path without a transition).
    const org = await seedOrg(db);
    const engine = testEngineDeps(db, { cacheMs: 5000 });
    const campaign = await createCampaign(engine, org.actors.office, {
      title: 'Bench',
      kind: 'annual',
      year: 2026,
      nominationDeadline: '2026-12-31',
    });
    await sendEvent(engine, org.actors.office, {
      recordType: 'campaign',
      id: campaign.id,
      event: { type: 'OPEN' },
    });
    const dossiers: number[] = [];
    for (let i = 0; i < recordsN; i++)
      dossiers.push(
        (await createDossier(engine, org.actors.clerkA, { campaignId: campaign.id, title: `D${i}` })).id,
      );
    const seqs = (
      await db.query<{ id: number; entry_seq: number }>(
        'SELECT id, entry_seq FROM dossiers WHERE id = ANY($1::int[]) ORDER BY id',
        [dossiers],
      )
    ).map((r) => r.entry_seq);
    dossiers.sort((a, b) => a - b);

    // (a) 100,000 pending deadlines through the relay.
    {
      const queues = createQueues(redis, prefixes[0]);
      const relay = createOutboxRelay({ db, queues, logger, now: () => new Date(), batch: 1000 });
      await relay.drain(); // what setting up the records wrote (not measured)
      await insertDeadlines(
        db,
        pendingN,
        dossiers,
        seqs,
        new Date(Date.now() + 86_400_000),
        3_600_000,
        'pend',
      );
      const before = await usedMemory(redis);
      const t0 = Date.now();
      const published = await relay.drain();
      const publishS = (Date.now() - t0) / 1000;
      const after = await usedMemory(redis);
      const mine = await prefixMemory(redis, prefixes[0]);
      const delayed = await queues.timers.getDelayedCount();
      console.log(
        `(a) ${published} deadlines published by the relay in ${publishS.toFixed(1)} s (${(published / publishS).toFixed(0)}/s); ${delayed} delayed jobs`,
      );
      console.log(
        `    Redis memory: ${(mine.bytes / 1024 / 1024).toFixed(1)} MiB in ${mine.keys} keys under the prefix = ${(mine.bytes / published).toFixed(0)} bytes per deadline (MEMORY USAGE); used_memory delta ${((after - before) / published).toFixed(0)} bytes per deadline (whole server, noisy)`,
      );
      await relay.stop();
      await queues.close();
      await deletePrefixKeys(prefixes[0]);
      await db.query(`DELETE FROM outbox; DELETE FROM timers WHERE kind LIKE 'pend-%'`);
    }

    // (b) 10,000 deadlines due within the same 10 s, fired by the real timers worker: in this process,
    // then in `processes` worker processes side by side (how a deployment scales its workers).
    const fire = async (
      label: string,
      prefix: string,
      startWorkers: () => Promise<() => Promise<void>>,
    ): Promise<ReturnType<typeof summary>> => {
      const queues = createQueues(redis, prefix);
      const relay = createOutboxRelay({ db, queues, logger, now: () => new Date(), batch: 1000 });
      const stopWorkers = await startWorkers();
      const dueFrom = new Date(Date.now() + 8_000);
      await insertDeadlines(db, firingN, dossiers, seqs, dueFrom, windowMs, 'fire');
      const t0 = Date.now();
      await relay.drain();
      const publishMs = Date.now() - t0;
      if (Date.now() > dueFrom.getTime()) console.log('    (publishing ran past the first due time)');
      await waitFor(
        async () =>
          (
            await db.query<{ n: number }>(
              `SELECT count(*)::int AS n FROM timers WHERE kind LIKE 'fire-%' AND status = 'armed'`,
            )
          )[0]!.n === 0,
        120_000,
        'firing',
      );
      const late = (
        await db.query<{ ms: number }>(
          `SELECT extract(epoch FROM fired_at - due_at) * 1000 AS ms FROM timers WHERE kind LIKE 'fire-%' AND status = 'fired'`,
        )
      )
        .map((r) => Number(r.ms))
        .sort((a, b) => a - b);
      const result = summary(late);
      console.log(
        `${label} ${late.length} deadlines fired through fireTimer (published in ${ms(publishMs)}): lateness p50 ${ms(result.p50)}, p99 ${ms(result.p99)}, max ${ms(result.max)}`,
      );
      await stopWorkers();
      await relay.stop();
      await queues.close();
      await deletePrefixKeys(prefix);
      await db.query(`DELETE FROM outbox; DELETE FROM timers WHERE kind LIKE 'fire-%'`);
      return result;
    };
    const inProcess = await fire('(b1) one worker process (this one):', prefixes[1], async () => {
      const worker = startTimersWorker({ connection, prefix: prefixes[1], engine, logger, concurrency });
      await worker.waitUntilReady();
      return () => worker.close();
    });
    const spread = await fire(`(b2) ${processes} worker processes:`, prefixes[3], async () => {
      const children = await Promise.all(
        Array.from({ length: processes }, () => startWorkerProcess(databaseUrl, schema, prefixes[3])),
      );
      return async () => {
        await Promise.all(children.map((c) => new Promise((r) => (c.once('exit', r), c.kill('SIGTERM')))));
      };
    });
    const engineLate = spread.p99 < inProcess.p99 ? spread : inProcess;

    // (c) Baseline: bare BullMQ delayed jobs, a worker that does nothing.
    {
      const queue = new Queue(queueNames.timers, { connection, prefix: prefixes[2] });
      const late: number[] = [];
      const worker = new Worker(
        queueNames.timers,
        (job: Job) => {
          late.push(Date.now() - (job.timestamp + (job.opts.delay ?? 0)));
          return Promise.resolve();
        },
        { connection, prefix: prefixes[2], concurrency },
      );
      await worker.waitUntilReady();
      const dueFrom = Date.now() + 5_000;
      const jobs = Array.from({ length: firingN }, (_, i) => ({
        i,
        due: dueFrom + Math.random() * windowMs,
      }));
      for (let k = 0; k < jobs.length; k += 1000) {
        const now = Date.now();
        await queue.addBulk(
          jobs.slice(k, k + 1000).map((j) => ({
            name: 'fire',
            data: { timerId: j.i + 1 },
            opts: { jobId: `tmr-${j.i + 1}`, delay: Math.max(0, j.due - now), removeOnComplete: true },
          })),
        );
      }
      await waitFor(() => Promise.resolve(late.length >= firingN), 120_000, 'baseline');
      late.sort((a, b) => a - b);
      const base = summary(late);
      console.log(
        `(c) ${late.length} bare BullMQ delayed jobs: lateness p50 ${ms(base.p50)}, p99 ${ms(base.p99)}, max ${ms(base.max)}`,
      );
      console.log(
        `    engine (best of b1, b2) / bare: p50 ${(engineLate.p50 / base.p50).toFixed(1)}×, p99 ${(engineLate.p99 / base.p99).toFixed(1)}×`,
      );
      console.log(
        `Target: p99 lateness under 1 s — ${engineLate.p99 < 1000 ? 'met' : 'NOT met'} (${ms(engineLate.p99)}).`,
      );
      await worker.close();
      await queue.close();
      await deletePrefixKeys(prefixes[2]);
    }
  } finally {
    for (const p of prefixes) await deletePrefixKeys(p).catch(() => undefined);
    redis.disconnect();
    await db.close();
    await dropPostgresSchema(databaseUrl, schema);
  }
}

if (require.main === module)
  runTimersBench().then(
    () => process.exit(0),
    (e: unknown) => {
      process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exit(1);
    },
  );
