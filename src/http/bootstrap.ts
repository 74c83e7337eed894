import type { Logger } from 'pino';
import type { Config } from '../config';
import type { Db } from '../db/db';
import { createFirstUser, type UserRecord } from '../db/users';
import { createPasswords, type PasswordHashing } from './passwords';

/**
 * `BOOTSTRAP_ADMIN=username:password`: creates that admin when the database has no user at all (first
 * start). Safe to call from several processes at once; returns the user when this call created it.
 */
export async function bootstrapAdmin(
  db: Db,
  config: Config,
  opts: { logger?: Logger; passwordHashing?: PasswordHashing } = {},
): Promise<UserRecord | null> {
  if (!config.BOOTSTRAP_ADMIN) return null;
  const i = config.BOOTSTRAP_ADMIN.indexOf(':');
  const username = config.BOOTSTRAP_ADMIN.slice(0, i).trim().toLowerCase();
  const password = config.BOOTSTRAP_ADMIN.slice(i + 1);
  const passwords = createPasswords(opts.passwordHashing);
  const user = await createFirstUser(db, {
    username,
    passwordHash: await passwords.hash(password),
    fullName: 'Administrator',
    email: `${username}@localhost`,
    unitId: null,
    roles: ['admin'],
  });
  if (user) opts.logger?.info({ userId: user.id, username }, 'bootstrap admin created');
  return user;
}
