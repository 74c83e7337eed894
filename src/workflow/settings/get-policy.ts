import type { Policy } from '../../domain/policy';
import { requireRole } from '../access';
import type { Actor, EngineDeps } from '../types';
import { readPolicy } from './read-policy';

/** The policy in force: the stored values over the defaults. */
export async function getPolicy(deps: Pick<EngineDeps, 'db'>, actor: Actor): Promise<Policy> {
  requireRole(actor, 'admin');
  return readPolicy(deps.db);
}
