import type { ConnectionOptions } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';
import pino, { type Logger } from 'pino';
import type { Config } from './config';
import type { Db } from './db/db';
import { openDb } from './db/open-db';
import { createQueues, type Queues } from './queue/queues';
import { createOutboxRelay, type OutboxRelay } from './queue/outbox-relay';
import { sweepTimers } from './queue/timer-sweep';
import { seedCatalogue } from './db/award-versions';
import { createRulesPort } from './workflow/eligibility/rules-port';
import { type BuiltEngineDeps, buildEngineDeps } from './workflow/engine/engine-deps';

/**
 * What both composition roots (web, workers) share: configuration, logger, database, Redis, queues, the
 * outbox relay and the engine's dependencies. Only `src/server.ts`, `workers/main.ts` and `src/main.ts`
 * call this: nothing else opens connections.
 */
export interface Runtime {
  config: Config;
  logger: Logger;
  db: Db;
  /** Producer connection: fails fast when Redis is away (the outbox keeps the work). */
  redis: Redis;
  /** Options for workers' connections (blocking commands, retried forever). */
  workerConnection: ConnectionOptions;
  queues: Queues;
  relay: OutboxRelay;
  engine: BuiltEngineDeps;
  redisStatus(): Promise<'up' | 'down'>;
  /** Starts the periodic sweeps (outbox, timers); the web process and the workers both run them. */
  startSweeps(): void;
  close(): Promise<void>;
}

export async function createRuntime(config: Config, name: string): Promise<Runtime> {
  const logger = pino({
    level: config.LOG_LEVEL,
    base: { process: name },
    redact: {
      paths: [
        'password',
        '*.password',
        'token',
        '*.token',
        'req.headers.cookie',
        'req.headers.authorization',
      ],
      remove: true,
    },
  });
  const db = await openDb({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  await seedCatalogue(db);
  const redisOptions: RedisOptions = { lazyConnect: false };
  const redis = new Redis(config.REDIS_URL, {
    ...redisOptions,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    retryStrategy: (times) => Math.min(times * 500, 5000),
  });
  redis.on('error', (e: Error) => logger.debug({ err: e.message }, 'redis connection error'));
  const workerConnection = {
    ...parseRedisUrl(config.REDIS_URL),
    maxRetriesPerRequest: null,
  } as ConnectionOptions;
  const queues = createQueues(redis, config.QUEUE_PREFIX);
  const now = () => new Date();
  const relay = createOutboxRelay({ db, queues, logger, now });
  // The rules read the policy through the engine's cache (called lazily, once `engine` exists).
  const rules = createRulesPort({ policy: () => engine.policy() });
  const engine: BuiltEngineDeps = buildEngineDeps({
    db,
    logger,
    rules,
    publicUrl: config.publicUrl,
    timeZone: config.TZ_BUSINESS,
    dataDir: config.DATA_DIR,
    outbox: relay,
  });
  const intervals: NodeJS.Timeout[] = [];
  return {
    config,
    logger,
    db,
    redis,
    workerConnection,
    queues,
    relay,
    engine,
    async redisStatus() {
      try {
        await Promise.race([
          redis.ping(),
          new Promise((_, rej) => setTimeout(() => rej(new Error('timeout')), 1000)),
        ]);
        return 'up';
      } catch {
        return 'down';
      }
    },
    startSweeps() {
      relay.start(config.SWEEP_INTERVAL_MS);
      const timerSweep = async () => {
        if (redis.status !== 'ready') return;
        await sweepTimers({ db, queues, logger, now });
      };
      const t = setInterval(
        () => {
          timerSweep().catch((e: unknown) =>
            logger.warn({ err: (e as Error).message }, 'timer sweep failed'),
          );
        },
        Math.max(config.SWEEP_INTERVAL_MS * 4, 1000),
      );
      t.unref();
      intervals.push(t);
      // After a restart, rebuild the schedule at once.
      redis.on('ready', () => {
        relay.kick();
        timerSweep().catch((e: unknown) => logger.warn({ err: (e as Error).message }, 'timer sweep failed'));
      });
    },
    async close() {
      for (const t of intervals) clearInterval(t);
      await relay.stop();
      await queues.close().catch(() => undefined);
      redis.disconnect();
      await db.close();
    },
  };
}

export function parseRedisUrl(url: string): RedisOptions {
  const u = new URL(url);
  const db = u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0;
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : 6379,
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(Number.isInteger(db) ? { db } : {}),
    ...(u.protocol === 'rediss:' ? { tls: {} } : {}),
  };
}
