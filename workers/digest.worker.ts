import { UnrecoverableError, Worker, type ConnectionOptions, type Job, type Queue } from 'bullmq';
import type { Logger } from 'pino';
import { traceOfJob, withTrace } from '../src/trace';
import { defaultTimeZone, localDate } from '../src/domain/business-date';
import { digestJob, queueNames } from '../src/workflow/jobs';
import { queueDailyDigest, type QueueDigestDeps } from '../src/workflow/notices/queue-daily-digest';

export interface DigestWorkerDeps {
  connection: ConnectionOptions;
  prefix: string;
  db: QueueDigestDeps['db'];
  logger: Logger;
  publicUrl: string;
  now?: () => Date;
  /** Business time zone used when the job does not name one. */
  timeZone?: string;
}

/** What the scheduler's (fixed) job data carries: the time zone in which "today" is computed. */
interface ScheduledDigestData {
  timeZone: string;
}

function isScheduled(data: unknown): data is ScheduledDigestData {
  return (
    typeof data === 'object' && data !== null && typeof (data as { timeZone?: unknown }).timeZone === 'string'
  );
}

/**
 * The digest queue's worker. A job with `{date}` (a manual run) builds that day's digest; a job from the
 * scheduler carries fixed data, so the date is "today" in the business time zone at the time it runs.
 */
export function startDigestWorker(deps: DigestWorkerDeps): Worker {
  const now = deps.now ?? (() => new Date());
  const worker = new Worker(
    queueNames.digest,
    (job: Job): Promise<{ date: string; created: number }> =>
      withTrace(traceOfJob(job), async () => {
        if (job.name !== digestJob.name) throw new UnrecoverableError(`unknown digest job ${job.name}`);
        const explicit = digestJob.payload.safeParse(job.data);
        let date: string;
        if (explicit.success) date = explicit.data.date;
        else if (isScheduled(job.data)) date = localDate(now(), job.data.timeZone);
        else throw new UnrecoverableError(`bad digest payload: ${explicit.error.message}`);
        const created = await queueDailyDigest({ db: deps.db, now, publicUrl: deps.publicUrl }, date);
        deps.logger.info({ jobId: job.id, date, created }, 'daily digest queued');
        return { date, created };
      }),
    { connection: deps.connection, prefix: deps.prefix, concurrency: 1 },
  );
  worker.on('error', (err) => deps.logger.error({ err }, 'digest worker error'));
  return worker;
}

/**
 * Runs the digest every day at `hour` o'clock in `tz` (idempotent: upserting the scheduler again replaces
 * it). The job data is fixed for every run, so it names the time zone, not the date.
 */
export async function scheduleDigest(
  queue: Queue,
  hour: number,
  tz: string = defaultTimeZone,
): Promise<void> {
  if (!Number.isInteger(hour) || hour < 0 || hour > 23) throw new Error(`bad digest hour ${hour}`);
  const data: ScheduledDigestData = { timeZone: tz };
  await queue.upsertJobScheduler(
    digestJob.schedulerId,
    { pattern: `0 ${hour} * * *`, tz },
    { name: digestJob.name, data, opts: { attempts: 5, backoff: { type: 'exponential', delay: 10_000 } } },
  );
}
