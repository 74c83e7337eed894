import type { Role } from '../../../machines/contract';
import { deleteUserSessions } from '../../db/sessions';
import { revokeUserTokens } from '../../db/tokens';
import {
  countActiveUsersWithRole,
  setPasswordHash,
  updateUser as writeUser,
  type UserPatch,
} from '../../db/users';
import type { UserRecord } from '../../db/users';
import { AppError } from '../../errors';
import { requireRole } from '../access';
import { changedFields, recordAdminChange } from '../audit/record-admin-change';
import type { Actor, EngineDeps } from '../types';
import { getUser } from './get-user';
import { checkUserUnit } from './user-unit';

export interface UserChange {
  roles?: Role[] | undefined;
  active?: boolean | undefined;
  locale?: 'vi' | 'en' | undefined;
  fullName?: string | undefined;
  email?: string | undefined;
  unitId?: number | null | undefined;
  password?: string | undefined;
}

/**
 * An admin changes a user: roles, active, locale, unit, name, email, or resets the password.
 * Deactivating ends their sessions and revokes their API tokens; a reset ends their sessions. The last
 * active admin cannot lose the admin role or be deactivated.
 */
export async function updateUser(
  deps: Pick<EngineDeps, 'db'> & Partial<Pick<EngineDeps, 'now'>>,
  actor: Actor,
  id: number,
  change: UserChange,
  hash: (password: string) => Promise<string>,
): Promise<{ user: UserRecord; passwordReset: boolean }> {
  const { db } = deps;
  requireRole(actor, 'admin');
  const user = await getUser(deps, actor, id);
  const roles = change.roles ?? user.roles;
  const unitId = change.unitId === undefined ? user.unitId : change.unitId;
  if (change.unitId !== undefined || change.roles !== undefined) await checkUserUnit(db, unitId, roles);
  const losesAdmin =
    user.roles.includes('admin') && user.active && (!roles.includes('admin') || change.active === false);
  if (losesAdmin && (await countActiveUsersWithRole(db, 'admin', user.id)) === 0)
    throw new AppError('CONFLICT', 'This is the last active admin');
  const patch: UserPatch = {
    ...(change.roles !== undefined ? { roles: change.roles } : {}),
    ...(change.active !== undefined ? { active: change.active } : {}),
    ...(change.locale !== undefined ? { locale: change.locale } : {}),
    ...(change.fullName !== undefined ? { fullName: change.fullName } : {}),
    ...(change.email !== undefined ? { email: change.email } : {}),
    ...(change.unitId !== undefined ? { unitId: change.unitId } : {}),
  };
  const newHash = change.password !== undefined ? await hash(change.password) : undefined;
  const updated = await db.transaction(async (tx) => {
    const u = (await writeUser(tx, user.id, patch))!;
    if (newHash !== undefined) await setPasswordHash(tx, user.id, newHash);
    const sessionsEnded =
      change.active === false || newHash !== undefined ? await deleteUserSessions(tx, user.id) : 0;
    const tokensRevoked = change.active === false ? await revokeUserTokens(tx, user.id) : 0;
    const at = deps.now?.();
    const target = { id: u.id, label: u.username };
    const audit = (kind: 'user' | 'role', action: string, details: Record<string, unknown>) =>
      recordAdminChange(tx, { actor, kind, action, target, details, at });
    // One row per kind of change: roles, access (disable / enable), password, the other fields.
    const roleChange = changedFields({ roles: [...user.roles].sort() }, { roles: [...u.roles].sort() });
    if (roleChange.roles)
      await audit('role', 'role.changed', {
        from: user.roles,
        to: u.roles,
        added: u.roles.filter((r) => !user.roles.includes(r)),
        removed: user.roles.filter((r) => !u.roles.includes(r)),
      });
    if (user.active && !u.active) await audit('user', 'user.disabled', { sessionsEnded, tokensRevoked });
    if (!user.active && u.active) await audit('user', 'user.enabled', {});
    if (newHash !== undefined) await audit('user', 'user.passwordReset', { sessionsEnded });
    const changes = changedFields(
      { fullName: user.fullName, email: user.email, unitId: user.unitId, locale: user.locale },
      { fullName: u.fullName, email: u.email, unitId: u.unitId, locale: u.locale },
    );
    if (Object.keys(changes).length > 0) await audit('user', 'user.updated', { changes });
    return u;
  });
  return { user: updated, passwordReset: newHash !== undefined };
}
