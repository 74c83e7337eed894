import { getToken, revokeTokenById, type ApiTokenRecord } from '../../db/tokens';
import { findUserById } from '../../db/users';
import { AppError } from '../../errors';
import { hasRole } from '../access';
import { recordAdminChange } from '../audit/record-admin-change';
import type { Actor, EngineDeps } from '../types';

/**
 * Revokes a live API token: its owner may, and an admin may revoke anyone's. Another user's token is
 * NOT_FOUND for a non-admin, as is a token already revoked.
 */
export async function revokeApiToken(
  deps: Pick<EngineDeps, 'db' | 'now'>,
  actor: Actor,
  id: number,
): Promise<ApiTokenRecord> {
  return deps.db.transaction(async (tx) => {
    const t = await getToken(tx, id);
    if (!t || t.revokedAt !== null || (t.userId !== actor.userId && !hasRole(actor, ['admin'])))
      throw new AppError('NOT_FOUND', 'No such token');
    const revoked = await revokeTokenById(tx, id);
    if (!revoked) throw new AppError('NOT_FOUND', 'No such token');
    const owner = await findUserById(tx, t.userId);
    await recordAdminChange(tx, {
      actor,
      kind: 'token',
      action: 'token.revoked',
      target: { id: t.id, label: t.name },
      details: { name: t.name, userId: t.userId, username: owner?.username ?? null },
      at: deps.now(),
    });
    return revoked;
  });
}
