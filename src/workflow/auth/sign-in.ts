import type { Queryable } from '../../db/db';
import { findUserForLogin, type UserRecord } from '../../db/users';
import { AppError } from '../../errors';
import type { PasswordPort } from './passwords';

export interface SignInInput {
  username: string;
  password: string;
}

/**
 * Checks a username and password: the one implementation behind `POST /api/auth/login` and the sign-in
 * page. A wrong username, a wrong password and an inactive account answer alike, in the same time (an
 * unknown user's password is checked against a dummy hash): nothing tells whether the account exists.
 * Starting the session is the caller's (HTTP) business.
 */
export async function signIn(
  deps: { db: Queryable; passwords: PasswordPort },
  input: SignInInput,
): Promise<UserRecord> {
  const found = await findUserForLogin(deps.db, input.username.trim().toLowerCase());
  const ok = found
    ? await deps.passwords.verify(found.passwordHash, input.password)
    : await deps.passwords.verifyNobody(input.password);
  if (!found || !ok || !found.active) throw new AppError('UNAUTHENTICATED', 'Wrong username or password');
  const { passwordHash: _hash, ...user } = found;
  return user;
}

/** The instant a fresh session's password proof counts from (never before the last password change). */
export const authInstant = (user: UserRecord, now = Date.now()): number =>
  Math.max(now, user.passwordChangedAt.getTime());
