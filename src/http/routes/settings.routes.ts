import type { Db } from '../../db/db';
import { getSetting, putSetting } from '../../db/settings';
import { policyPatchSchema, policySchema, resolvePolicy } from '../../domain/policy';
import type { RouteRegistry } from '../registry';

export function registerSettingsRoutes(
  registry: RouteRegistry,
  deps: { db: Db; onSettingChanged?: ((key: string) => void) | undefined },
): void {
  const { db } = deps;

  registry.add({
    method: 'get',
    path: '/api/settings/policy',
    summary: 'The policy in force (stored values over the defaults)',
    tags: ['settings'],
    auth: ['admin'],
    responses: { 200: policySchema },
    handler: async () => resolvePolicy(await getSetting(db, 'policy')),
  });

  registry.add({
    method: 'put',
    path: '/api/settings/policy',
    summary: 'Change the policy: the keys given replace the stored ones',
    description: 'Each period is `{workingDays: n}` or `{seconds: n}`. Answers the whole policy in force.',
    tags: ['settings'],
    auth: ['admin'],
    body: policyPatchSchema,
    responses: { 200: policySchema },
    handler: async ({ body, user }) => {
      const policy = await db.transaction(async (tx) => {
        const merged = resolvePolicy({ ...resolvePolicy(await getSetting(tx, 'policy')), ...body });
        await putSetting(tx, 'policy', merged, user.id);
        return merged;
      });
      deps.onSettingChanged?.('policy');
      return policy;
    },
  });
}
