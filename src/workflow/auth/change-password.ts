import type { Queryable } from '../../db/db';
import { deleteUserSessions } from '../../db/sessions';
import { getPasswordHash, setPasswordHash } from '../../db/users';
import { AppError } from '../../errors';
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
  deps: { db: Queryable; passwords: PasswordPort },
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
  const changedAt = await setPasswordHash(deps.db, userId, await deps.passwords.hash(input.newPassword));
  await deleteUserSessions(deps.db, userId);
  return changedAt;
}
