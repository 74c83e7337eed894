import type { Role } from '../../../machines/contract';
import { isUniqueViolation } from '../../db/db';
import { createUser as insertUser, findUserByUsername, type UserRecord } from '../../db/users';
import { requireRole } from '../access';
import { fieldError } from '../input';
import type { Actor, EngineDeps } from '../types';
import { checkUserUnit } from './user-unit';

export interface NewUserInput {
  username: string;
  password: string;
  fullName: string;
  email: string;
  unitId?: number | null | undefined;
  roles: Role[];
  locale?: 'vi' | 'en' | undefined;
}

/** An admin creates a user; the password is hashed by `hash` (the sign-in code's), never stored as given. */
export async function createUser(
  deps: Pick<EngineDeps, 'db'>,
  actor: Actor,
  input: NewUserInput,
  hash: (password: string) => Promise<string>,
): Promise<UserRecord> {
  const { db } = deps;
  requireRole(actor, 'admin');
  await checkUserUnit(db, input.unitId, input.roles);
  if (await findUserByUsername(db, input.username)) throw fieldError('username', 'is taken');
  try {
    return await insertUser(db, {
      username: input.username,
      passwordHash: await hash(input.password),
      fullName: input.fullName,
      email: input.email,
      unitId: input.unitId ?? null,
      roles: input.roles,
      ...(input.locale ? { locale: input.locale } : {}),
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw fieldError('username', 'is taken');
    throw e;
  }
}
