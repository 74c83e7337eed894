import { policyPatchSchema, policySchema } from '../../domain/policy';
import { changePolicy } from '../../workflow/settings/change-policy';
import { getPolicy } from '../../workflow/settings/get-policy';
import type { EngineDeps } from '../../workflow/types';
import type { RouteRegistry } from '../registry';

export function registerSettingsRoutes(
  registry: RouteRegistry,
  deps: { engine: EngineDeps; onSettingChanged?: ((key: string) => void) | undefined },
): void {
  const { engine } = deps;

  registry.add({
    method: 'get',
    path: '/api/settings/policy',
    summary: 'The policy in force (stored values over the defaults)',
    tags: ['settings'],
    auth: ['admin'],
    responses: { 200: policySchema },
    handler: ({ actor }) => getPolicy(engine, actor),
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
    handler: ({ actor, body }) =>
      changePolicy({ db: engine.db, now: engine.now, onSettingChanged: deps.onSettingChanged }, actor, body),
  });
}
