import { findUserById, type UserRecord } from '../../db/users';
import { AppError } from '../../errors';
import { requireRole } from '../access';
import type { Actor, EngineDeps } from '../types';

export async function getUser(deps: Pick<EngineDeps, 'db'>, actor: Actor, id: number): Promise<UserRecord> {
  requireRole(actor, 'admin');
  const u = await findUserById(deps.db, id);
  if (!u) throw new AppError('NOT_FOUND', 'No such user');
  return u;
}
