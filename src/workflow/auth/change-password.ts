import type { Db } from '../../db/db';
import { deleteUserSessions } from '../../db/sessions';
import { findUserById, getPasswordHash, setPasswordHash } from '../../db/users';
import { AppError } from '../../errors';
import { recordAdminChange } from '../audit/record-admin-change';
import type { PasswordPort } from './passwords';

export interface ChangePasswordInput {
  currentPassword: string;
  newPassword: string;
}

/**
 * Changes a user's password (API `POST /api/auth/password` and the page alike): the current one must be
 * right and the new one different; every session of the user ends (the caller starts a new one for the
 * current browser). Returns the new `passwordChangedAt`. Length rules are the caller's input schema.
 */
export async function changePassword(
  deps: { db: Db; passwords: PasswordPort; now?: () => Date },
  userId: number,
  input: ChangePasswordInput,
): Promise<Date> {
  const hash = await getPasswordHash(deps.db, userId);
  if (!hash || !(await deps.passwords.verify(hash, input.currentPassword)))
    throw new AppError('VALIDATION_FAILED', 'The current password is wrong', {
      errors: [{ field: 'currentPassword', message: 'is wrong' }],
    });
  if (input.newPassword === input.currentPassword)
    throw new AppError('VALIDATION_FAILED', 'The new password must differ from the current one', {
      errors: [{ field: 'newPassword', message: 'must differ from the current password' }],
    });
  const newHash = await deps.passwords.hash(input.newPassword);
  return deps.db.transaction(async (tx) => {
    const changedAt = await setPasswordHash(tx, userId, newHash);
    const sessionsEnded = await deleteUserSessions(tx, userId);
    const user = await findUserById(tx, userId);
    await recordAdminChange(tx, {
      actor: {
        userId,
        name: user?.fullName ?? '',
        roles: user?.roles ?? [],
        unitId: user?.unitId ?? null,
      },
      kind: 'user',
      action: 'user.passwordChanged',
      target: { id: userId, label: user?.username ?? null },
      details: { sessionsEnded },
      at: deps.now?.() ?? changedAt,
    });
    return changedAt;
  });
}
