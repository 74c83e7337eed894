import { putSetting } from '../../db/settings';
import { type Policy, policyPatchSchema, resolvePolicy } from '../../domain/policy';
import { requireRole } from '../access';
import { parseInput } from '../input';
import type { Actor, EngineDeps } from '../types';
import { readPolicy } from './read-policy';

/** An admin changes the policy: the keys given replace the stored ones; answers the whole policy. */
export async function changePolicy(
  deps: Pick<EngineDeps, 'db'> & { onSettingChanged?: ((key: string) => void) | undefined },
  actor: Actor,
  input: unknown,
): Promise<Policy> {
  requireRole(actor, 'admin');
  const patch = parseInput(policyPatchSchema, input);
  const policy = await deps.db.transaction(async (tx) => {
    const merged = resolvePolicy({ ...(await readPolicy(tx)), ...patch });
    await putSetting(tx, 'policy', merged, actor.userId);
    return merged;
  });
  deps.onSettingChanged?.('policy');
  return policy;
}
