import { z } from 'zod';
import { idParamSchema } from '../../domain/ids';
import { countRecordStates } from '../../workflow/records/list-records';
import type { EngineDeps } from '../../workflow/types';
import type { RouteRegistry } from '../registry';
import { queryBoolean } from '../schemas';

/** How many dossiers or nominations each state holds under a list's filters (the inbox's counts). */
const countsQuery = z
  .object({
    campaignId: idParamSchema.optional(),
    unitId: idParamSchema.optional(),
    awardCode: z.string().max(32).optional(),
    overdue: queryBoolean.optional(),
  })
  .strict();

const countsSchema = z
  .object({
    counts: z.record(z.string(), z.number().int()).describe('state → how many'),
    total: z.number().int(),
  })
  .meta({ id: 'StateCounts' });

export function recordCountsRoutes(registry: RouteRegistry, deps: { engine: EngineDeps }): void {
  const { engine } = deps;
  for (const [type, plural] of [
    ['dossier', 'dossiers'],
    ['nomination', 'nominations'],
  ] as const)
    registry.add({
      method: 'get',
      path: `/api/state-counts/${plural}`,
      summary: `How many ${plural} each state holds, with the list's filters (scoped as the list)`,
      tags: [plural],
      auth: 'user',
      query: countsQuery,
      responses: { 200: countsSchema },
      handler: ({ actor, query }) => countRecordStates(engine, actor, type, query),
    });
}
