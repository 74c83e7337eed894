import { UnrecoverableError, Worker, type ConnectionOptions, type Job } from 'bullmq';
import type { Logger } from 'pino';
import { traceOfJob, withTrace } from '../src/trace';
import {
  deliverNotice,
  NoticeInvalidError,
  type DeliverNoticeDeps,
  type DeliverOutcome,
} from '../src/workflow/notices/deliver-notice';
import { emailJob, queueNames } from '../src/workflow/jobs';

export interface EmailWorkerDeps {
  connection: ConnectionOptions;
  prefix: string;
  db: DeliverNoticeDeps['db'];
  mailer: DeliverNoticeDeps['mailer'];
  logger: Logger;
  concurrency?: number;
  now?: () => Date;
  /** Ledger stale-claim timeout (default 2 minutes). */
  staleClaimMs?: number;
  /** BullMQ job lock; a worker that dies loses its jobs to another after about this long. */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  timeZone?: string;
  loadAttachments?: DeliverNoticeDeps['loadAttachments'];
  observe?: DeliverNoticeDeps['observe'];
}

/**
 * The email queue's worker: validates the payload (ids only) and hands the notice to `deliverNotice`,
 * which owns the at-most-once-per-claim logic. Bad payloads and unrenderable notices are not retried.
 */
export function startEmailWorker(deps: EmailWorkerDeps): Worker {
  const now = deps.now ?? (() => new Date());
  const worker = new Worker(
    queueNames.email,
    (job: Job): Promise<DeliverOutcome> =>
      withTrace(traceOfJob(job), async (): Promise<DeliverOutcome> => {
        const parsed = emailJob.payload.safeParse(job.data);
        if (job.name !== emailJob.name || !parsed.success)
          throw new UnrecoverableError(
            `bad email job ${job.name}: ${parsed.error?.message ?? 'unknown name'}`,
          );
        const { noticeId } = parsed.data;
        const started = Date.now();
        try {
          const outcome = await deliverNotice(
            {
              db: deps.db,
              mailer: deps.mailer,
              logger: deps.logger,
              now,
              ...(deps.staleClaimMs !== undefined ? { staleClaimMs: deps.staleClaimMs } : {}),
              ...(deps.timeZone ? { timeZone: deps.timeZone } : {}),
              ...(deps.loadAttachments ? { loadAttachments: deps.loadAttachments } : {}),
              ...(deps.observe ? { observe: deps.observe } : {}),
            },
            noticeId,
            { attempt: job.attemptsMade + 1, maxAttempts: job.opts.attempts ?? 1 },
          );
          deps.logger.debug({ jobId: job.id, noticeId, outcome, ms: Date.now() - started }, 'email job done');
          return outcome;
        } catch (e) {
          if (e instanceof NoticeInvalidError) throw new UnrecoverableError(e.message);
          throw e;
        }
      }),
    {
      connection: deps.connection,
      prefix: deps.prefix,
      concurrency: deps.concurrency ?? 10,
      ...(deps.lockDurationMs ? { lockDuration: deps.lockDurationMs } : {}),
      ...(deps.stalledIntervalMs ? { stalledInterval: deps.stalledIntervalMs } : {}),
    },
  );
  worker.on('error', (err) => deps.logger.error({ err }, 'email worker error'));
  return worker;
}
