import { DelayedError, UnrecoverableError, Worker, type ConnectionOptions, type Job } from 'bullmq';
import type { Logger } from 'pino';
import { traceOfJob, withTrace } from '../src/trace';
import { queueNames, timerJob } from '../src/workflow/jobs';
import { fireTimer } from '../src/workflow/engine/fire-timer';
import type { EngineDeps } from '../src/workflow/types';

/**
 * Fires durable deadlines. Thin: validate the payload, let the engine re-read and decide. A job that
 * arrives early (clock skew) is pushed back to the stored due time without using an attempt.
 */
export function startTimersWorker(opts: {
  connection: ConnectionOptions;
  prefix: string;
  engine: EngineDeps;
  logger: Logger;
  concurrency?: number;
}): Worker {
  const worker = new Worker(
    queueNames.timers,
    (job: Job, token?: string) =>
      withTrace(traceOfJob(job), async () => {
        const parsed = timerJob.payload.safeParse(job.data);
        if (!parsed.success) throw new UnrecoverableError('bad timer payload');
        const r = await fireTimer(opts.engine, parsed.data);
        if (r.outcome === 'early' && token) {
          await job.moveToDelayed(r.dueAt.getTime(), token);
          throw new DelayedError();
        }
        opts.logger.debug({ timerId: parsed.data.timerId, jobId: job.id, outcome: r.outcome }, 'timer job');
        return r.outcome;
      }),
    { connection: opts.connection, prefix: opts.prefix, concurrency: opts.concurrency ?? 10 },
  );
  worker.on('failed', (job, err) =>
    opts.logger.warn({ jobId: job?.id, err: err.message, attempts: job?.attemptsMade }, 'timer job failed'),
  );
  worker.on('error', (err) => opts.logger.warn({ err: err.message }, 'timers worker error'));
  return worker;
}
