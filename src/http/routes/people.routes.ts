import { z } from 'zod';
import { addPerson, addPersonInput } from '../../workflow/people/add-person';
import { getPerson } from '../../workflow/people/get-person';
import { importPastAwards } from '../../workflow/people/import-past-awards';
import { listPersons } from '../../workflow/people/list-persons';
import { pastAwardInput, recordPastAward } from '../../workflow/people/record-past-award';
import { disciplineInput, recordDiscipline } from '../../workflow/people/record-discipline';
import { initiativeInput, recordInitiative } from '../../workflow/people/record-initiative';
import { ratingInput, setRating } from '../../workflow/people/set-rating';
import { registerWriters } from '../../workflow/access';
import type { EngineDeps } from '../../workflow/types';
import {
  disciplineSchema,
  initiativeSchema,
  pastAwardSchema,
  pastAwardView,
  personDetailSchema,
  personSchema,
  personView,
} from '../register.schemas';
import type { RouteRegistry } from '../registry';
import { idParams } from '../schemas';
import { ratingValues } from '../../domain/catalogue';

/**
 * The people register of each unit: its people and their history (past awards, initiatives,
 * discipline, yearly ratings) and the import of past awards. Office, council, director and admin see
 * every unit; a unit clerk sees and edits only its own unit's register (its merged predecessors'
 * included). Anything else answers 404, as if it did not exist.
 */

const previewSchema = z.object({
  rows: z.array(
    z.object({
      line: z.number().int(),
      nomineeKind: z.enum(['individual', 'collective']),
      name: z.string(),
      awardCode: z.string(),
      year: z.number().int(),
      decisionNumber: z.string().nullable(),
      decidedOn: z.string().nullable(),
    }),
  ),
  rejected: z.array(z.object({ line: z.number().int(), errors: z.array(z.string()) })),
});
const importResultSchema = z
  .object({
    mode: z.enum(['preview', 'commit']),
    rows: previewSchema.shape.rows.describe('the valid rows (preview)'),
    rejected: previewSchema.shape.rejected.describe('rows refused by validation, with every error'),
    inserted: z
      .array(
        z.object({
          line: z.number().int(),
          pastAwardId: z.number().int(),
          personId: z.number().int().nullable(),
          collectiveId: z.number().int().nullable(),
        }),
      )
      .optional()
      .describe('commit: rows recorded'),
    duplicates: z
      .array(z.object({ line: z.number().int() }))
      .optional()
      .describe('commit: already recorded (same nominee, award and year)'),
    unresolved: z
      .array(z.object({ line: z.number().int(), errors: z.array(z.string()) }))
      .optional()
      .describe('commit: names matching nobody, or several, in the unit'),
  })
  .meta({ id: 'PastAwardImport' });

export function peopleRoutes(registry: RouteRegistry, deps: { engine: EngineDeps }): void {
  const { engine } = deps;

  registry.add({
    method: 'get',
    path: '/api/units/:id/persons',
    summary: "A unit's people (those recorded under units merged into it included)",
    tags: ['people'],
    auth: 'user',
    params: idParams,
    responses: { 200: z.array(personSchema), 404: 'no such unit (or not yours)' },
    handler: async ({ actor, params }) => (await listPersons(engine, actor, params.id)).map(personView),
  });

  registry.add({
    method: 'post',
    path: '/api/units/:id/persons',
    summary: "Add a person to a unit's register",
    tags: ['people'],
    auth: registerWriters,
    params: idParams,
    body: addPersonInput,
    responses: { 201: personSchema },
    handler: async ({ actor, params, body }) => personView(await addPerson(engine, actor, params.id, body)),
  });

  registry.add({
    method: 'get',
    path: '/api/persons/:id',
    summary: 'A person with their history: past awards, ratings, initiatives, discipline, nominations',
    description:
      'The history follows the person across unit mergers: `currentUnitId` is where their unit ended up.',
    tags: ['people'],
    auth: 'user',
    params: idParams,
    responses: { 200: personDetailSchema, 404: 'not found (or not yours)' },
    handler: async ({ actor, params }) => {
      const p = await getPerson(engine, actor, params.id);
      return {
        ...personView(p),
        currentUnitId: p.currentUnitId,
        pastAwards: p.pastAwards.map(pastAwardView),
        ratings: p.ratings,
        initiatives: p.initiatives,
        disciplines: p.disciplines,
        nominations: p.nominations,
      };
    },
  });

  registry.add({
    method: 'post',
    path: '/api/persons/:id/past-awards',
    summary: "Record a person's past award (entered by hand)",
    tags: ['people'],
    auth: registerWriters,
    params: idParams,
    body: pastAwardInput,
    responses: { 201: pastAwardSchema, 409: 'already recorded (same award and year)' },
    handler: async ({ actor, params, body }) =>
      pastAwardView(await recordPastAward(engine, actor, { personId: params.id }, body)),
  });

  registry.add({
    method: 'post',
    path: '/api/persons/:id/initiatives',
    summary: "Record a person's recognised initiative (sáng kiến)",
    tags: ['people'],
    auth: registerWriters,
    params: idParams,
    body: initiativeInput,
    responses: { 201: initiativeSchema },
    handler: ({ actor, params, body }) => recordInitiative(engine, actor, params.id, body),
  });

  registry.add({
    method: 'post',
    path: '/api/persons/:id/discipline',
    summary: 'Record a discipline (kỷ luật), or a pending investigation or complaint (level null)',
    tags: ['people'],
    auth: registerWriters,
    params: idParams,
    body: disciplineInput,
    responses: { 201: disciplineSchema },
    handler: ({ actor, params, body }) => recordDiscipline(engine, actor, params.id, body),
  });

  registry.add({
    method: 'post',
    path: '/api/persons/:id/ratings',
    summary: "Set a person's task-completion rating for a year (replaces that year's)",
    tags: ['people'],
    auth: registerWriters,
    params: idParams,
    body: ratingInput,
    responses: {
      200: z.object({ personId: z.number().int(), year: z.number().int(), rating: z.enum(ratingValues) }),
    },
    handler: ({ actor, params, body }) => setRating(engine, actor, params.id, body),
  });

  registry.add({
    method: 'post',
    path: '/api/units/:id/past-awards/import',
    summary: 'Import past awards from a CSV or XLSX file: preview (nothing written), then commit',
    description:
      'multipart/form-data with `file`: XLSX (checked by its content) or CSV (UTF-8 text; comma, semicolon or tab). Columns, Vietnamese or English headers in any order: họ và tên / full_name, đối tượng / nominee_kind (cá nhân | tập thể, default cá nhân), danh hiệu / award_code, năm / year, số quyết định / decision_number, ngày quyết định / decided_on. `mode=preview` answers the valid `rows` and the `rejected` lines with every error; `mode=commit` also records the valid rows for the people and collectives of the unit, reporting `inserted`, `duplicates` (already recorded) and `unresolved` names (matching nobody, or several).',
    tags: ['people'],
    auth: registerWriters,
    params: idParams,
    query: z.object({ mode: z.enum(['preview', 'commit']).default('preview') }).strict(),
    upload: { field: 'file', accept: 'spreadsheets' },
    responses: { 200: importResultSchema },
    handler: ({ actor, params, query, file }) => {
      if (!file) throw new Error('upload missing after validation');
      return importPastAwards(engine, actor, params.id, file, query.mode);
    },
  });
}
