import type { Queryable } from '../../db/db';
import { getSetting } from '../../db/settings';
import { type Policy, resolvePolicy } from '../../domain/policy';

/** The stored policy over the defaults (settings key `policy`), read now (not the engine's cached copy). */
export async function readPolicy(q: Queryable): Promise<Policy> {
  return resolvePolicy(await getSetting(q, 'policy'));
}
