import type { Logger } from 'pino';
import type { Db } from '../db/db';
import { armedAmong, armedTimersPage } from '../db/timers';
import { type Queues, timerJob } from './queues';

/**
 * Rebuilds the schedule from PostgreSQL: every armed timer must have its delayed job in Redis. After a
 * Redis restart with no data (or a FLUSHALL) the jobs are gone; this puts them back, and a timer already
 * past due gets a job that runs at once. Running it in several processes at once is harmless: job ids
 * are deterministic.
 */
export async function sweepTimers(deps: {
  db: Db;
  queues: Queues;
  logger: Logger;
  now: () => Date;
}): Promise<number> {
  let after = 0;
  let rearmed = 0;
  for (;;) {
    const page = await armedTimersPage(deps.db, after, 500);
    if (page.length === 0) break;
    after = page[page.length - 1]!.id;
    const states = await Promise.all(page.map((t) => deps.queues.timers.getJobState(timerJob.jobId(t.id))));
    const candidates = page.filter((_, i) => ['unknown', 'completed', 'failed'].includes(states[i]!));
    // A job may have fired its timer between the page's read and its state's: only a timer still armed
    // now that its job is gone or finished needs a new one (else a fired deadline would get a second job).
    const stillArmed = await armedAmong(
      deps.db,
      candidates.map((t) => t.id),
    );
    const now = deps.now().getTime();
    await Promise.all(
      page.map(async (t, i) => {
        const state = states[i];
        if (!stillArmed.has(t.id)) return;
        // A finished job for a timer still armed: it ran before the row could be claimed (e.g. it failed
        // every attempt while the database was away). Replace it.
        if (state === 'completed' || state === 'failed')
          await deps.queues.timers.remove(timerJob.jobId(t.id));
        await deps.queues.timers.add(
          timerJob.name,
          { timerId: t.id, recordType: t.record_type, recordId: t.record_id },
          { ...timerJob.options, jobId: timerJob.jobId(t.id), delay: Math.max(0, t.due_at.getTime() - now) },
        );
        rearmed++;
      }),
    );
  }
  if (rearmed > 0) deps.logger.info({ rearmed }, 'timer sweep re-armed missing jobs');
  return rearmed;
}
