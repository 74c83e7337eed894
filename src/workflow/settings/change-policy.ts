import { putSetting } from '../../db/settings';
import { type Policy, policyPatchSchema, resolvePolicy } from '../../domain/policy';
import { requireRole } from '../access';
import { changedFields, recordAdminChange } from '../audit/record-admin-change';
import { parseInput } from '../input';
import type { Actor, EngineDeps } from '../types';
import { readPolicy } from './read-policy';

/** An admin changes the policy: the keys given replace the stored ones; answers the whole policy. */
export async function changePolicy(
  deps: Pick<EngineDeps, 'db'> & {
    now?: (() => Date) | undefined;
    onSettingChanged?: ((key: string) => void) | undefined;
  },
  actor: Actor,
  input: unknown,
): Promise<Policy> {
  requireRole(actor, 'admin');
  const patch = parseInput(policyPatchSchema, input);
  const policy = await deps.db.transaction(async (tx) => {
    const before = await readPolicy(tx);
    const merged = resolvePolicy({ ...before, ...patch });
    await putSetting(tx, 'policy', merged, actor.userId);
    const changes = changedFields(before, merged);
    if (Object.keys(changes).length > 0)
      await recordAdminChange(tx, {
        actor,
        kind: 'policy',
        action: 'policy.changed',
        target: { id: 'policy', label: null },
        details: { changes },
        at: deps.now?.(),
      });
    return merged;
  });
  deps.onSettingChanged?.('policy');
  return policy;
}
