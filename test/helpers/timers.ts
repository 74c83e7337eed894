import type { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import pino from 'pino';
import type { Db } from '../../src/db/db';
import { createMailer, type Mailer } from '../../src/mail/mailer';
import { createOutboxRelay, type OutboxRelay } from '../../src/queue/outbox-relay';
import { createQueues, type Queues } from '../../src/queue/queues';
import type { BuiltEngineDeps } from '../../src/workflow/engine/engine-deps';
import { startEmailWorker } from '../../workers/email.worker';
import { startTimersWorker } from '../../workers/timers.worker';
import { testEngineDeps } from './engine';

export const redisConnection = { host: '127.0.0.1', port: 6379 };

/**
 * Deletes every key of one queue prefix: what FLUSHALL does to this prefix's queues, without touching
 * the other test files sharing the Redis server.
 */
export async function deletePrefixKeys(prefix: string, url = 'redis://127.0.0.1:6379'): Promise<number> {
  const r = new Redis(url);
  try {
    let cursor = '0';
    let deleted = 0;
    do {
      const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) deleted += await r.del(...keys);
    } while (cursor !== '0');
    return deleted;
  } finally {
    r.disconnect();
  }
}

/**
 * What a process of the product wires together for deadlines, in small: a producer connection that
 * fails fast (as in `src/runtime.ts`), the queues on a prefix, the outbox relay, the engine kicking it,
 * and on demand the real timers and email workers.
 */
export interface TimersHarness {
  prefix: string;
  redis: Redis;
  queues: Queues;
  relay: OutboxRelay;
  engine: BuiltEngineDeps;
  startTimersWorker(): Promise<Worker>;
  startEmailWorker(smtpUrl: string): Promise<Worker>;
  close(): Promise<void>;
}

export function timersHarness(db: Db, opts: { prefix: string; redisUrl?: string }): TimersHarness {
  const logger = pino({ level: process.env.LOG_LEVEL ?? 'silent' });
  const redis = new Redis(opts.redisUrl ?? 'redis://127.0.0.1:6379', {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    retryStrategy: (times) => Math.min(times * 100, 500),
  });
  redis.on('error', () => undefined);
  const queues = createQueues(redis, opts.prefix);
  const relay = createOutboxRelay({ db, queues, logger, now: () => new Date(), publishTimeoutMs: 1000 });
  const engine = testEngineDeps(db, { outbox: relay });
  const workers: Worker[] = [];
  const mailers: Mailer[] = [];
  return {
    prefix: opts.prefix,
    redis,
    queues,
    relay,
    engine,
    async startTimersWorker() {
      const w = startTimersWorker({
        connection: { ...redisConnection, maxRetriesPerRequest: null },
        prefix: opts.prefix,
        engine,
        logger,
      });
      workers.push(w);
      await w.waitUntilReady();
      return w;
    },
    async startEmailWorker(smtpUrl: string) {
      const mailer = createMailer({ smtpUrl, from: 'no-reply@accolade.example', logger });
      mailers.push(mailer);
      const w = startEmailWorker({
        connection: { ...redisConnection, maxRetriesPerRequest: null },
        prefix: opts.prefix,
        db,
        mailer,
        logger,
      });
      workers.push(w);
      await w.waitUntilReady();
      return w;
    },
    async close() {
      await Promise.all(workers.map((w) => w.close()));
      for (const m of mailers) m.close();
      await relay.stop();
      await deletePrefixKeys(opts.prefix);
      if (redis.status === 'ready') await queues.close().catch(() => undefined);
      redis.disconnect();
    },
  };
}
