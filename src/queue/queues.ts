import { Queue, type ConnectionOptions, type JobsOptions } from 'bullmq';
import { z } from 'zod';
import { recordTypes } from '../../machines/contract';
import { idSchema } from '../domain/ids';

/**
 * The queues and their jobs. Payloads carry ids only (nothing secret, nothing large): workers re-read the
 * database, which is the truth. Every job id is deterministic (no `:`, never all digits) so a relay that
 * publishes the same outbox row twice adds the job once.
 */
export const queueNames = { timers: 'timers', email: 'email', digest: 'digest' } as const;
export type QueueName = (typeof queueNames)[keyof typeof queueNames];

/**
 * What the outbox needs of a job to write its row: its queue, its name, its payload's schema and its
 * deterministic id from the payload (`idOf`). The relay publishes the row with the job's `options`.
 */
export interface JobDefinition<P> {
  queue: QueueName;
  name: string;
  payload: z.ZodType<P>;
  idOf: (payload: P) => string;
  options?: JobsOptions;
}

export const timerJob = {
  queue: queueNames.timers,
  name: 'fire',
  /**
   * The timer, and the record it belongs to (ids only) so that the worker locks the record and claims the
   * timer in one statement. Jobs published before the record was named carry the timer alone.
   */
  payload: z.object({
    timerId: idSchema,
    recordType: z.enum(recordTypes).optional(),
    recordId: idSchema.optional(),
  }),
  jobId: (timerId: number) => `tmr-${timerId}`,
  idOf: (p: { timerId: number }) => `tmr-${p.timerId}`,
  options: {
    attempts: 10,
    backoff: { type: 'exponential', delay: 1000 },
    removeOnComplete: { age: 3600, count: 5000 },
    removeOnFail: { age: 7 * 86400 },
  } satisfies JobsOptions,
};

export const emailJob = {
  queue: queueNames.email,
  name: 'deliver',
  payload: z.object({ noticeId: idSchema }),
  jobId: (noticeId: number) => `ntc-${noticeId}`,
  idOf: (p: { noticeId: number }) => `ntc-${p.noticeId}`,
  /** An admin's resend: a new job id, so that BullMQ does not take it for the finished first one. */
  retryJobId: (noticeId: number, retry: number) => `ntc-${noticeId}-r${retry}`,
  options: {
    attempts: 8,
    backoff: { type: 'exponential', delay: 2000 },
    removeOnComplete: { age: 3600, count: 5000 },
    removeOnFail: { age: 30 * 86400 },
  } satisfies JobsOptions,
};

export const digestJob = {
  queue: queueNames.digest,
  name: 'digest',
  payload: z.object({ date: z.iso.date() }),
  schedulerId: 'daily-digest',
};

/** The options of the jobs the outbox writes, by queue: the relay publishes each row with them. */
export const outboxJobOptions: Record<string, JobsOptions | undefined> = {
  [timerJob.queue]: timerJob.options,
  [emailJob.queue]: emailJob.options,
};

export interface Queues {
  timers: Queue;
  email: Queue;
  digest: Queue;
  close(): Promise<void>;
}

/**
 * Producers fail fast when Redis is away (no offline queue): the outbox keeps the work and the relay
 * sweep publishes it when Redis is back.
 */
export function createQueues(connection: ConnectionOptions, prefix: string): Queues {
  const mk = (name: string) => new Queue(name, { connection, prefix });
  const timers = mk(queueNames.timers);
  const email = mk(queueNames.email);
  const digest = mk(queueNames.digest);
  for (const q of [timers, email, digest]) q.on('error', () => undefined);
  return {
    timers,
    email,
    digest,
    async close() {
      await Promise.all([timers.close(), email.close(), digest.close()]);
    },
  };
}
