import type { Role } from '../../../machines/contract';
import { isUniqueViolation } from '../../db/db';
import { createUser as insertUser, findUserByUsername, type UserRecord } from '../../db/users';
import { requireRole } from '../access';
import { recordAdminChange } from '../audit/record-admin-change';
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
  deps: Pick<EngineDeps, 'db'> & Partial<Pick<EngineDeps, 'now'>>,
  actor: Actor,
  input: NewUserInput,
  hash: (password: string) => Promise<string>,
): Promise<UserRecord> {
  const { db } = deps;
  requireRole(actor, 'admin');
  await checkUserUnit(db, input.unitId, input.roles);
  if (await findUserByUsername(db, input.username)) throw fieldError('username', 'is taken');
  const passwordHash = await hash(input.password);
  try {
    return await db.transaction(async (tx) => {
      const user = await insertUser(tx, {
        username: input.username,
        passwordHash,
        fullName: input.fullName,
        email: input.email,
        unitId: input.unitId ?? null,
        roles: input.roles,
        ...(input.locale ? { locale: input.locale } : {}),
      });
      await recordAdminChange(tx, {
        actor,
        kind: 'user',
        action: 'user.created',
        target: { id: user.id, label: user.username },
        details: {
          username: user.username,
          fullName: user.fullName,
          email: user.email,
          unitId: user.unitId,
          roles: user.roles,
          locale: user.locale,
        },
        at: deps.now?.(),
      });
      return user;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw fieldError('username', 'is taken');
    throw e;
  }
}
