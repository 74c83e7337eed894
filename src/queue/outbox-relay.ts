import type { Logger } from 'pino';
import type { Db } from '../db/db';
import { lockUnpublished, markPublished, markPublishFailed, type OutboxRow } from '../db/outbox';
import { outboxJobOptions, type Queues } from './queues';

/**
 * Hands committed outbox rows to BullMQ. `kick()` after a commit publishes promptly; `sweep()` on an
 * interval publishes whatever a crash or a Redis outage left behind. A row is marked published only
 * after BullMQ accepted its job; publishing twice is harmless because job ids are deterministic.
 */
export interface OutboxRelay {
  kick(): void;
  /** Publishes until nothing is left (or Redis refuses); returns how many rows were published. */
  drain(): Promise<number>;
  start(intervalMs: number): void;
  stop(): Promise<void>;
}

export function createOutboxRelay(deps: {
  db: Db;
  queues: Queues;
  logger: Logger;
  now: () => Date;
  batch?: number;
  /**
   * How long to wait for Redis before leaving the rows to the next sweep (default 2 s). BullMQ waits
   * for a connection that never became ready without end, and the batch's transaction (the only
   * connection, on PGlite) would wait with it.
   */
  publishTimeoutMs?: number;
}): OutboxRelay {
  const batch = deps.batch ?? 200;
  const timeoutMs = deps.publishTimeoutMs ?? 2000;
  let running: Promise<number> | null = null;
  let again = false;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;

  const queueOf = (name: string) => {
    const q = (deps.queues as unknown as Record<string, Queues['timers'] | undefined>)[name];
    if (!q || typeof q.add !== 'function') throw new Error(`unknown queue ${name}`);
    return q;
  };

  /** Settles like `p`, or rejects after `timeoutMs`. */
  function within<T>(p: Promise<T>, what: string): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`${what}: no answer from Redis in ${timeoutMs} ms`)),
        timeoutMs,
      );
    });
    return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
  }

  /** Before taking rows: is Redis there at all? (Checked outside any transaction.) */
  async function queuesReady(): Promise<boolean> {
    try {
      await within(
        Promise.all([deps.queues.timers.waitUntilReady(), deps.queues.email.waitUntilReady()]),
        'connect',
      );
      return true;
    } catch {
      return false;
    }
  }

  async function publishBatch(): Promise<{ published: number; failed: number }> {
    return deps.db.transaction(async (tx) => {
      const rows = await lockUnpublished(tx, batch);
      if (rows.length === 0) return { published: 0, failed: 0 };
      const now = deps.now().getTime();
      const results = await Promise.allSettled(
        rows.map((r: OutboxRow) =>
          within(
            queueOf(r.queue).add(r.job_name, r.payload, {
              ...outboxJobOptions[r.queue],
              jobId: r.job_id,
              ...(r.run_at && r.run_at.getTime() > now ? { delay: r.run_at.getTime() - now } : {}),
            }),
            `publish ${r.job_id}`,
          ),
        ),
      );
      const ok = rows.filter((_, i) => results[i]?.status === 'fulfilled').map((r) => r.id);
      const failed = rows.filter((_, i) => results[i]?.status === 'rejected').map((r) => r.id);
      await markPublished(tx, ok, deps.now());
      if (failed.length > 0) {
        const first = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
        await markPublishFailed(
          tx,
          failed,
          String((first?.reason as Error | undefined)?.message ?? first?.reason),
        );
      }
      return { published: ok.length, failed: failed.length };
    });
  }

  async function drainOnce(): Promise<number> {
    let total = 0;
    if (!(await queuesReady())) {
      deps.logger.warn('outbox relay: Redis is not reachable, the sweep will retry');
      return total;
    }
    for (;;) {
      const { published, failed } = await publishBatch();
      total += published;
      if (failed > 0) {
        deps.logger.warn({ published, failed }, 'outbox relay: queue unavailable, the sweep will retry');
        return total;
      }
      if (published < batch) return total;
    }
  }

  async function drain(): Promise<number> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let total = 0;
      do {
        again = false;
        total += await drainOnce();
      } while (again && !stopped);
      return total;
    })();
    try {
      return await running;
    } finally {
      running = null;
    }
  }

  return {
    kick() {
      if (stopped) return;
      drain().catch((e: unknown) => deps.logger.error({ err: e }, 'outbox relay failed'));
    },
    drain,
    start(intervalMs: number) {
      if (timer) return;
      timer = setInterval(() => {
        drain().catch((e: unknown) => deps.logger.error({ err: e }, 'outbox sweep failed'));
      }, intervalMs);
      timer.unref();
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      timer = null;
      if (running) await running.catch(() => 0);
    },
  };
}
