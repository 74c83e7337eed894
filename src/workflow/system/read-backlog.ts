import { unpublishedSummary } from '../../db/outbox';
import type { EngineDeps } from '../types';

export interface Backlog {
  outboxWaiting: number;
  /** Seconds the oldest waiting row has waited; null when nothing waits. */
  oldestWaitingSeconds: number | null;
}

/**
 * What is committed but not yet in Redis, for the metrics (no actor: a scrape is the process looking
 * at itself; the admin's fuller view is `readOutboxStatus`).
 */
export async function readBacklog(deps: Pick<EngineDeps, 'db' | 'now'>): Promise<Backlog> {
  const s = await unpublishedSummary(deps.db);
  const oldest = s.oldest ? new Date(s.oldest).getTime() : null;
  return {
    outboxWaiting: s.unpublished,
    oldestWaitingSeconds: oldest === null ? null : Math.max(0, (deps.now().getTime() - oldest) / 1000),
  };
}
