import type { Queryable } from '../../db/db';
import { updateUser } from '../../db/users';
import { AppError } from '../../errors';
import type { Actor } from '../types';

export const userLocales = ['vi', 'en'] as const;
export type UserLocale = (typeof userLocales)[number];

/** The signed-in user's language (pages and emails): `vi` or `en`. */
export async function setUserLocale(
  deps: { db: Queryable },
  actor: Actor,
  locale: string,
): Promise<UserLocale> {
  if (!(userLocales as readonly string[]).includes(locale))
    throw new AppError('VALIDATION_FAILED', 'unknown locale', {
      errors: [{ field: 'locale', message: `must be one of ${userLocales.join(', ')}` }],
    });
  if (actor.userId === null) throw new AppError('UNAUTHENTICATED', 'Sign in first');
  const u = await updateUser(deps.db, actor.userId, { locale });
  if (!u) throw new AppError('NOT_FOUND', 'no such user');
  return locale as UserLocale;
}
