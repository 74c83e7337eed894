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
  deps: Pick<EngineDeps, 'db'>,
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
    const u = await writeUser(tx, user.id, patch);
    if (newHash !== undefined) await setPasswordHash(tx, user.id, newHash);
    if (change.active === false || newHash !== undefined) await deleteUserSessions(tx, user.id);
    if (change.active === false) await revokeUserTokens(tx, user.id);
    return u;
  });
  return { user: updated!, passwordReset: newHash !== undefined };
}
