import type { Role } from '../../../machines/contract';
import { listUsers as readUsers, type UserRecord } from '../../db/users';
import { requireRole } from '../access';
import { decodeCursor, type Page, pageOfRows } from '../page';
import type { Actor, EngineDeps } from '../types';

/** Users, oldest first, filtered by unit, role, activity or a name/username fragment. */
export async function listUsers(
  deps: Pick<EngineDeps, 'db'>,
  actor: Actor,
  q: {
    limit: number;
    cursor?: string | undefined;
    unitId?: number | undefined;
    role?: Role | undefined;
    active?: boolean | undefined;
    q?: string | undefined;
  },
): Promise<Page<UserRecord>> {
  requireRole(actor, 'admin');
  const rows = await readUsers(deps.db, {
    limit: q.limit + 1,
    afterId: decodeCursor(q.cursor),
    ...(q.unitId !== undefined ? { unitId: q.unitId } : {}),
    ...(q.role !== undefined ? { role: q.role } : {}),
    ...(q.active !== undefined ? { active: q.active } : {}),
    ...(q.q !== undefined ? { q: q.q } : {}),
  });
  return pageOfRows(rows, q.limit, (u) => u);
}
