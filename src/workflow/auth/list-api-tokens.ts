import { listAllTokens, listTokens, type ApiTokenRecord } from '../../db/tokens';
import { requireRole } from '../access';
import { decodeCursor, encodeCursor, type Page } from '../page';
import type { Actor, EngineDeps } from '../types';

/** The caller's own API tokens (no secrets). */
export function listOwnApiTokens(deps: Pick<EngineDeps, 'db'>, actor: Actor): Promise<ApiTokenRecord[]> {
  return listTokens(deps.db, actor.userId!);
}

/** Every user's API tokens, newest first, for an admin (live only unless `includeRevoked`). */
export async function listAllApiTokens(
  deps: Pick<EngineDeps, 'db'>,
  actor: Actor,
  q: { limit: number; cursor?: string | undefined; includeRevoked?: boolean | undefined },
): Promise<Page<ApiTokenRecord & { username: string }>> {
  requireRole(actor, 'admin');
  const rows = await listAllTokens(deps.db, {
    limit: q.limit + 1,
    beforeId: decodeCursor(q.cursor),
    includeRevoked: q.includeRevoked ?? false,
  });
  const kept = rows.slice(0, q.limit);
  const last = kept[kept.length - 1];
  return { items: kept, nextCursor: rows.length > q.limit && last ? encodeCursor(last.id) : null };
}
