import type { Db, Queryable } from '../../db/db';
import { insertOutbox } from '../../db/outbox';
import type { JobDefinition } from '../../queue/queues';
import { currentTrace } from '../../trace';
import type { OutboxKicker } from '../types';

/**
 * The transactional outbox as the engine reaches it: `add(job, payload)` writes the job's row in the
 * caller's transaction (published to BullMQ after commit by the relay, and by its sweep after a crash)
 * and counts it, so that whoever commits knows whether to kick the relay. Job definitions (queue, name,
 * payload schema, id, options) are in `src/queue/queues.ts`.
 */
export interface TxOutbox {
  add<P>(job: JobDefinition<P>, payload: P, opts?: { jobId?: string; runAt?: Date }): Promise<void>;
  /** Rows added in this transaction. */
  readonly count: number;
}

export function txOutbox(tx: Queryable): TxOutbox {
  let count = 0;
  return {
    async add(job, payload, opts = {}) {
      const data = job.payload.parse(payload) as Record<string, unknown>;
      // The request that caused the job, for its worker's logs and its email's header (not part of the
      // job's identity: its id comes from the payload alone).
      const requestId = currentTrace()?.requestId;
      if (requestId) data.requestId = requestId;
      await insertOutbox(tx, {
        queue: job.queue,
        jobName: job.name,
        jobId: opts.jobId ?? job.idOf(payload),
        payload: data,
        ...(opts.runAt ? { runAt: opts.runAt } : {}),
      });
      count++;
    },
    get count() {
      return count;
    },
  };
}

/**
 * One database transaction with an outbox; after commit the relay is kicked when the transaction added
 * a job (a hint: the relay's sweep publishes anything a crash leaves behind). A retried transaction
 * (deadlock) starts a new outbox count.
 */
export async function withOutbox<T>(
  deps: { db: Db; outbox?: OutboxKicker | undefined },
  fn: (tx: Queryable, outbox: TxOutbox) => Promise<T>,
): Promise<T> {
  let added = 0;
  const result = await deps.db.transaction(async (tx) => {
    const outbox = txOutbox(tx);
    const r = await fn(tx, outbox);
    added = outbox.count;
    return r;
  });
  if (added > 0) deps.outbox?.kick();
  return result;
}
