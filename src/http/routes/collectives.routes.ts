import { z } from 'zod';
import { registerWriters } from '../../workflow/access';
import { addCollective, addCollectiveInput } from '../../workflow/people/add-collective';
import { membersInput } from '../../workflow/people/collective-members';
import { getCollective } from '../../workflow/people/get-collective';
import { listCollectives } from '../../workflow/people/list-collectives';
import { pastAwardInput, recordPastAward } from '../../workflow/people/record-past-award';
import { setCollectiveMembers } from '../../workflow/people/set-collective-members';
import type { EngineDeps } from '../../workflow/types';
import {
  collectiveDetailSchema,
  collectiveSchema,
  collectiveView,
  pastAwardSchema,
  pastAwardView,
  personSchema,
  personView,
} from '../register.schemas';
import type { RouteRegistry } from '../registry';
import { idParams } from '../schemas';

/** The collectives (tập thể) of each unit's register, their members of each year and past awards. */
export function collectivesRoutes(registry: RouteRegistry, deps: { engine: EngineDeps }): void {
  const { engine } = deps;

  registry.add({
    method: 'get',
    path: '/api/units/:id/collectives',
    summary: "A unit's collectives (those of units merged into it included)",
    tags: ['people'],
    auth: 'user',
    params: idParams,
    responses: { 200: z.array(collectiveSchema), 404: 'no such unit (or not yours)' },
    handler: async ({ actor, params }) =>
      (await listCollectives(engine, actor, params.id)).map(collectiveView),
  });

  registry.add({
    method: 'post',
    path: '/api/units/:id/collectives',
    summary: 'Add a collective (tập thể) to a unit’s register, optionally with its members of a year',
    tags: ['people'],
    auth: registerWriters,
    params: idParams,
    body: addCollectiveInput,
    responses: { 201: collectiveSchema },
    handler: async ({ actor, params, body }) =>
      collectiveView(await addCollective(engine, actor, params.id, body)),
  });

  registry.add({
    method: 'get',
    path: '/api/collectives/:id',
    summary: 'A collective with its members of a year (default: this year), past awards and nominations',
    tags: ['people'],
    auth: 'user',
    params: idParams,
    query: z.object({ year: z.coerce.number().int().min(1945).max(2100).optional() }).strict(),
    responses: { 200: collectiveDetailSchema, 404: 'not found (or not yours)' },
    handler: async ({ actor, params, query }) => {
      const c = await getCollective(engine, actor, params.id, query.year);
      return {
        ...collectiveView(c),
        year: c.year,
        members: c.members.map(personView),
        pastAwards: c.pastAwards.map(pastAwardView),
        nominations: c.nominations,
      };
    },
  });

  registry.add({
    method: 'put',
    path: '/api/collectives/:id/members',
    summary: "Replace a collective's members for a year",
    tags: ['people'],
    auth: registerWriters,
    params: idParams,
    body: membersInput,
    responses: {
      200: z.object({
        collectiveId: z.number().int(),
        year: z.number().int(),
        members: z.array(personSchema),
      }),
    },
    handler: async ({ actor, params, body }) => {
      const r = await setCollectiveMembers(engine, actor, params.id, body);
      return { ...r, members: r.members.map(personView) };
    },
  });

  registry.add({
    method: 'post',
    path: '/api/collectives/:id/past-awards',
    summary: "Record a collective's past award (entered by hand)",
    tags: ['people'],
    auth: registerWriters,
    params: idParams,
    body: pastAwardInput,
    responses: { 201: pastAwardSchema, 409: 'already recorded (same award and year)' },
    handler: async ({ actor, params, body }) =>
      pastAwardView(await recordPastAward(engine, actor, { collectiveId: params.id }, body)),
  });
}
