import { countNoticesByStatus } from '../../db/notices';
import { unpublishedSummary } from '../../db/outbox';
import { armedSummary } from '../../db/timers';
import { requireRole } from '../access';
import type { Actor, EngineDeps } from '../types';
import { within } from '../within';

/** Each queue's job counts (from the composition root; null when it has no queues or Redis is away). */
export type QueueCounts = () => Promise<Record<string, Record<string, number>>>;

export interface OutboxStatus {
  outbox: { unpublished: number; oldestUnpublishedSeconds: number | null; failedAttempts: number };
  timers: { armed: number; overdue: number; oldestOverdueSeconds: number | null };
  notices: Record<string, number>;
  queues: Record<string, Record<string, number>> | null;
}

/**
 * Is anything stuck between PostgreSQL and Redis? What waits in the outbox and for how long, the armed
 * timers and those overdue by more than a minute (late or missing jobs), the notices by status, and the
 * queues' own counts.
 */
export async function readOutboxStatus(
  deps: Pick<EngineDeps, 'db' | 'now'>,
  actor: Actor,
  queueCounts?: QueueCounts,
): Promise<OutboxStatus> {
  requireRole(actor, 'admin');
  const at = deps.now();
  const [outbox, timers, notices] = await Promise.all([
    unpublishedSummary(deps.db),
    armedSummary(deps.db, new Date(at.getTime() - 60_000)),
    countNoticesByStatus(deps.db),
  ]);
  const ageOf = (d: Date | null) =>
    d ? Math.max(0, Math.round((at.getTime() - new Date(d).getTime()) / 100) / 10) : null;
  return {
    outbox: {
      unpublished: outbox.unpublished,
      oldestUnpublishedSeconds: ageOf(outbox.oldest),
      failedAttempts: outbox.failedAttempts,
    },
    timers: {
      armed: timers.armed,
      overdue: timers.overdue,
      oldestOverdueSeconds: ageOf(timers.oldestOverdue),
    },
    notices,
    queues: queueCounts ? await within(queueCounts(), 1000, null) : null,
  };
}
