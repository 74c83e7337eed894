import { listIncidents as readIncidents, type NoticeRow } from '../../db/notices';
import { requireRole } from '../access';
import { defaultStaleClaimMs } from '../notices/deliver-notice';
import { decodeCursor, encodeCursor, type Page } from '../page';
import type { Actor, EngineDeps } from '../types';

/**
 * Email notices that need an administrator (failed, or abandoned mid-send longer than `staleClaimMs`
 * ago; with `includeUnsent`, those kept unsent for want of SMTP), newest first.
 */
export async function listIncidents(
  deps: Pick<EngineDeps, 'db' | 'now'>,
  actor: Actor,
  q: { limit: number; cursor?: string | undefined; includeUnsent?: boolean; staleClaimMs?: number },
): Promise<Page<NoticeRow>> {
  requireRole(actor, 'admin');
  const after = decodeCursor(q.cursor);
  const page = await readIncidents(deps.db, {
    limit: q.limit,
    cursor: after === 0 ? null : String(after),
    staleBefore: new Date(deps.now().getTime() - (q.staleClaimMs ?? defaultStaleClaimMs)),
    includeUnsent: q.includeUnsent ?? false,
  });
  return {
    items: page.items,
    nextCursor: page.nextCursor === null ? null : encodeCursor(Number(page.nextCursor)),
  };
}
