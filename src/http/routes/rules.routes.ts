import { z } from 'zod';
import type { Queryable } from '../../db/db';
import {
  addDiscipline,
  addInitiative,
  addPastAward,
  createCollective,
  createPerson,
  getCollective,
  getPerson,
  importPastAwards,
  listCollectiveMembers,
  listCollectivesOfUnit,
  listPastAwards,
  listPersonsOfUnit,
  loadPersonHistories,
  nominationsOfNominee,
  outsideUnit,
  setCollectiveMembers,
  setRating,
  type Collective,
  type PastAward,
  type Person,
} from '../../db/people';
import {
  addToAgenda,
  campaignFacts,
  createCouncilSession,
  getCouncilSession,
  getRegistration,
  getRegistrationById,
  listAwardVersions,
  saveRegistrationEntriesTx,
  sendRegistrationEvent,
  setAttendance,
  type Registration,
} from '../../db/rules';
import { currentUnitOf } from '../../db/unit-succession';
import { getUnit } from '../../db/units';
import { findUserById } from '../../db/users';
import {
  awardCodeSchema,
  disciplineLevels,
  initiativeScopes,
  ratingValues,
  type AwardVersion,
} from '../../domain/catalogue';
import { councilSessionInputSchema } from '../../domain/council';
import { parsePastAwardsCsv, parsePastAwardsXlsx, type ImportPreview } from '../../domain/people-import';
import {
  allowedRegistrationEvents,
  registrationEntrySchema,
  registrationEventSchema,
  registrationStateLabel,
  registrationTransitions,
} from '../../domain/registration';
import { localDate } from '../../domain/business-date';
import { idParamSchema, idSchema } from '../../domain/ids';
import { AppError } from '../../errors';
import { seesAllUnits } from '../../workflow/access';
import { fieldError } from '../../workflow/input';
import { getDossierFindings } from '../../workflow/dossiers/get-dossier-findings';
import { recordCouncilVote } from '../../workflow/council/record-agenda-vote';
import type { Actor, EngineDeps } from '../../workflow/types';
import type { RouteRegistry } from '../registry';
import { bilingualSchema, findingSchema, idParams } from '../schemas';

/**
 * Award rules over HTTP: the people register of each unit (people, collectives and their members, past
 * awards, initiatives, discipline, yearly ratings), the import of past awards, emulation registrations
 * and the council's sessions and votes. The catalogue itself is in catalogue.routes.ts.
 *
 * Scoping: office, council, director and admin see every unit; a unit clerk sees and edits only its own
 * unit's register (its merged predecessors' included). Anything else answers 404, as if it did not exist.
 */

const id = idParamSchema;
const bodyId = idSchema;
const year = z.number().int().min(1945).max(2100);
/** A date of the register: PostgreSQL has no year 0, and these are dates in living memory. */
const registerDate = z.iso
  .date()
  .refine((d) => d >= '1900-01-01' && d <= '2199-12-31', 'must be a date between 1900 and 2199');
/** Who may write to a unit's register: its clerk, and the department office and admin for any unit. */
const registerWriters = ['unit', 'office', 'admin'] as const;

const personSchema = z
  .object({
    id: z.number().int(),
    unitId: z.number().int(),
    fullName: z.string(),
    birthYear: z.number().int().nullable(),
    position: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Person' });
const collectiveSchema = z
  .object({ id: z.number().int(), unitId: z.number().int(), name: z.string(), memberCount: z.number().int() })
  .meta({ id: 'Collective' });
const pastAwardSchema = z
  .object({
    id: z.number().int(),
    personId: z.number().int().nullable(),
    collectiveId: z.number().int().nullable(),
    awardCode: z.string(),
    year: z.number().int(),
    decisionNumber: z.string().nullable(),
    decidedOn: z.string().nullable(),
    source: z.enum(['manual', 'import', 'system']),
  })
  .meta({ id: 'PastAward' });
const initiativeSchema = z.object({
  id: z.number().int(),
  personId: z.number().int(),
  title: z.string(),
  scope: z.enum(initiativeScopes),
  recognisedOn: z.string(),
  year: z.number().int(),
});
const disciplineSchema = z.object({
  id: z.number().int(),
  personId: z.number().int(),
  level: z.enum(disciplineLevels).nullable(),
  from: z.string(),
  to: z.string().nullable(),
  pendingInvestigation: z.boolean(),
  note: z.string().nullable().optional(),
});
const nomineeNominationSchema = z.object({
  id: z.number().int(),
  awardCode: z.string(),
  state: z.string(),
  campaignId: z.number().int(),
  year: z.number().int(),
  unitId: z.number().int(),
});
const personDetailSchema = personSchema
  .extend({
    currentUnitId: z.number().int().describe('the unit the person’s unit was merged into, if it was'),
    pastAwards: z.array(pastAwardSchema),
    ratings: z.array(z.object({ year: z.number().int(), rating: z.enum(ratingValues) })),
    initiatives: z.array(initiativeSchema),
    disciplines: z.array(disciplineSchema),
    nominations: z.array(nomineeNominationSchema),
  })
  .meta({ id: 'PersonDetail' });
const collectiveDetailSchema = collectiveSchema
  .extend({
    year: z.number().int(),
    members: z.array(personSchema),
    pastAwards: z.array(pastAwardSchema),
    nominations: z.array(nomineeNominationSchema),
  })
  .meta({ id: 'CollectiveDetail' });

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

const registrationSchema = z
  .object({
    id: z.number().int(),
    campaignId: z.number().int(),
    unitId: z.number().int(),
    state: z.string(),
    stateLabel: bilingualSchema,
    version: z.number().int(),
    returnReason: z.string().nullable(),
    entries: z.array(
      z.object({
        personId: z.number().int().nullable(),
        collectiveId: z.number().int().nullable(),
        awardCodes: z.array(z.string()),
      }),
    ),
    allowedEvents: z.array(z.string()),
  })
  .meta({ id: 'Registration' });

const councilSessionSchema = z
  .object({
    id: z.number().int(),
    title: z.string(),
    heldOn: z.string(),
    location: z.string().nullable(),
    members: z.array(
      z.object({
        id: z.number().int(),
        userId: z.number().int().nullable(),
        fullName: z.string(),
        role: z.string(),
        present: z.boolean(),
      }),
    ),
    agenda: z.array(
      z.object({
        nominationId: z.number().int(),
        position: z.number().int(),
        membersTotal: z.number().int().nullable(),
        present: z.number().int().nullable(),
        yes: z.number().int().nullable(),
        threshold: z.number().nullable(),
        passed: z.boolean().nullable(),
      }),
    ),
  })
  .meta({ id: 'CouncilSession' });

const dossierFindingsSchema = z
  .object({
    dossierId: z.number().int(),
    items: z.array(
      z.object({
        nominationId: z.number().int(),
        awardCode: z.string(),
        nomineeKind: z.enum(['individual', 'collective']),
        nomineeName: z.string(),
        state: z.string(),
        asOf: z.string().describe('the day judged by: the receipt day, or today before receipt'),
        awardVersion: z.number().int().nullable().describe('the catalogue version in force that day'),
        eligible: z.boolean().describe('no hard rule fails'),
        counts: z.object({ pass: z.number().int(), warn: z.number().int(), fail: z.number().int() }),
        findings: z.array(findingSchema),
      }),
    ),
    summary: z.object({
      nominations: z.number().int(),
      eligible: z.number().int(),
      withHardFailure: z.number().int(),
      withWarning: z.number().int(),
    }),
  })
  .meta({ id: 'DossierFindings' });

const personView = (p: Person) => ({ ...p, createdAt: p.createdAt.toISOString() });
const collectiveView = (c: Collective) => ({ ...c });
const pastAwardView = (a: PastAward) => ({
  id: a.id,
  personId: a.personId,
  collectiveId: a.collectiveId,
  awardCode: a.awardCode,
  year: a.year,
  decisionNumber: a.decisionNumber ?? null,
  decidedOn: a.decidedOn,
  source: a.source,
});

export function rulesRoutes(registry: RouteRegistry, deps: { engine: EngineDeps }): void {
  const { engine } = deps;
  const db = engine.db;
  const today = async () => Promise.resolve(localDate(engine.now(), engine.timeZone));

  /**
   * The unit, if the caller may see its register: every unit for the wide roles; for a clerk, its own
   * unit or a unit merged into it. NOT_FOUND otherwise (and when there is no such unit).
   */
  async function visibleUnit(actor: Actor, unitId: number): Promise<void> {
    const unit = await getUnit(db, unitId);
    if (!unit) throw new AppError('NOT_FOUND', `unit ${unitId} not found`);
    if (seesAllUnits(actor)) return;
    if (actor.roles.includes('unit') && actor.unitId !== null) {
      if (unitId === actor.unitId || (await currentUnitOf(db, unitId)) === actor.unitId) return;
    }
    throw new AppError('NOT_FOUND', `unit ${unitId} not found`);
  }
  /** A unit the caller may add people and collectives to: visible, and still existing. */
  async function writableUnit(actor: Actor, unitId: number): Promise<void> {
    await visibleUnit(actor, unitId);
    const unit = await getUnit(db, unitId);
    if (unit?.validTo !== null)
      throw fieldError('id', 'is a unit that no longer exists: add to its successor');
  }
  async function visiblePerson(actor: Actor, personId: number): Promise<Person> {
    const p = await getPerson(db, personId);
    if (!p) throw new AppError('NOT_FOUND', `person ${personId} not found`);
    await visibleUnit(actor, p.unitId).catch(() => {
      throw new AppError('NOT_FOUND', `person ${personId} not found`);
    });
    return p;
  }
  async function visibleCollective(actor: Actor, collectiveId: number): Promise<Collective> {
    const c = await getCollective(db, collectiveId);
    if (!c) throw new AppError('NOT_FOUND', `collective ${collectiveId} not found`);
    await visibleUnit(actor, c.unitId).catch(() => {
      throw new AppError('NOT_FOUND', `collective ${collectiveId} not found`);
    });
    return c;
  }
  /** The latest version of an award code, or a 400 naming `field`. */
  async function knownAward(q: Queryable, code: string, field: string): Promise<AwardVersion> {
    const versions = await listAwardVersions(q, code);
    const latest = versions[versions.length - 1];
    if (!latest) throw fieldError(field, `${code} is not an award of the catalogue`);
    return latest;
  }
  async function addPastAwardChecked(
    actor: Actor,
    who: { personId: number } | { collectiveId: number },
    body: {
      awardCode: string;
      year: number;
      decisionNumber?: string | null | undefined;
      decidedOn?: string | null | undefined;
    },
  ) {
    const award = await knownAward(db, body.awardCode, 'awardCode');
    const kind = 'personId' in who ? 'individual' : 'collective';
    if (award.recipient !== 'both' && award.recipient !== kind)
      throw fieldError(
        'awardCode',
        `${award.code} is not an award for ${kind === 'individual' ? 'individuals' : 'collectives'}`,
      );
    const pastAwardId = await addPastAward(db, {
      ...who,
      awardCode: award.code,
      year: body.year,
      decisionNumber: body.decisionNumber ?? null,
      decidedOn: body.decidedOn ?? null,
      source: 'manual',
      createdBy: actor.userId,
    });
    if (pastAwardId === null)
      throw new AppError('CONFLICT', `${award.code} of ${body.year} is already recorded for this nominee`);
    const rows = await listPastAwards(
      db,
      'personId' in who ? { personIds: [who.personId] } : { collectiveIds: [who.collectiveId] },
    );
    return pastAwardView(rows.find((r) => r.id === pastAwardId)!);
  }

  const pastAwardBody = z
    .object({
      awardCode: awardCodeSchema,
      year,
      decisionNumber: z.string().trim().min(1).max(100).nullable().optional(),
      decidedOn: registerDate.nullable().optional(),
    })
    .strict()
    .refine((b) => !b.decidedOn || Number(b.decidedOn.slice(0, 4)) >= b.year, {
      path: ['decidedOn'],
      message: 'before the award year',
    });

  // ------------------------------------------------------------------------------------------------
  // People

  registry.add({
    method: 'get',
    path: '/api/units/:id/persons',
    summary: "A unit's people (those recorded under units merged into it included)",
    tags: ['people'],
    auth: 'user',
    params: idParams,
    responses: { 200: z.array(personSchema), 404: 'no such unit (or not yours)' },
    handler: async ({ actor, params }) => {
      await visibleUnit(actor, params.id);
      return (await listPersonsOfUnit(db, params.id)).map(personView);
    },
  });

  registry.add({
    method: 'post',
    path: '/api/units/:id/persons',
    summary: "Add a person to a unit's register",
    tags: ['people'],
    auth: registerWriters,
    params: idParams,
    body: z
      .object({
        fullName: z.string().trim().min(1).max(200),
        birthYear: z.number().int().min(1900).max(2100).nullable().optional(),
        position: z.string().trim().max(200).nullable().optional(),
      })
      .strict(),
    responses: { 201: personSchema },
    handler: async ({ actor, params, body }) => {
      await writableUnit(actor, params.id);
      return personView(
        await createPerson(db, {
          unitId: params.id,
          fullName: body.fullName,
          birthYear: body.birthYear ?? null,
          position: body.position ?? null,
        }),
      );
    },
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
      const p = await visiblePerson(actor, params.id);
      const h = (await loadPersonHistories(db, [p.id])).get(p.id)!;
      return {
        ...personView(p),
        currentUnitId: await currentUnitOf(db, p.unitId),
        pastAwards: h.pastAwards.map(pastAwardView),
        ratings: h.ratings,
        initiatives: h.initiatives,
        disciplines: h.disciplines,
        nominations: await nominationsOfNominee(db, { personId: p.id }),
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
    body: pastAwardBody,
    responses: { 201: pastAwardSchema, 409: 'already recorded (same award and year)' },
    handler: async ({ actor, params, body }) => {
      await visiblePerson(actor, params.id);
      return addPastAwardChecked(actor, { personId: params.id }, body);
    },
  });

  registry.add({
    method: 'post',
    path: '/api/persons/:id/initiatives',
    summary: "Record a person's recognised initiative (sáng kiến)",
    tags: ['people'],
    auth: registerWriters,
    params: idParams,
    body: z
      .object({
        title: z.string().trim().min(1).max(500),
        scope: z.enum(initiativeScopes),
        recognisedOn: registerDate,
        year: year.optional().describe('the year it counts for; default: the year of recognisedOn'),
      })
      .strict(),
    responses: { 201: initiativeSchema },
    handler: async ({ actor, params, body }) => {
      await visiblePerson(actor, params.id);
      const y = body.year ?? Number(body.recognisedOn.slice(0, 4));
      const newId = await addInitiative(db, {
        personId: params.id,
        title: body.title,
        scope: body.scope,
        recognisedOn: body.recognisedOn,
        year: y,
      });
      return {
        id: newId,
        personId: params.id,
        title: body.title,
        scope: body.scope,
        recognisedOn: body.recognisedOn,
        year: y,
      };
    },
  });

  registry.add({
    method: 'post',
    path: '/api/persons/:id/discipline',
    summary: 'Record a discipline (kỷ luật), or a pending investigation or complaint (level null)',
    tags: ['people'],
    auth: registerWriters,
    params: idParams,
    body: z
      .object({
        level: z.enum(disciplineLevels).nullable(),
        from: registerDate,
        to: registerDate.nullable().optional().describe('last day in force; null: still in force'),
        pendingInvestigation: z.boolean().optional(),
        note: z.string().trim().max(2000).nullable().optional(),
      })
      .strict()
      .refine((b) => b.level !== null || b.pendingInvestigation === true, {
        path: ['level'],
        message: 'required unless pendingInvestigation is true',
      })
      .refine((b) => !b.to || b.to >= b.from, { path: ['to'], message: 'before from' }),
    responses: { 201: disciplineSchema },
    handler: async ({ actor, params, body }) => {
      await visiblePerson(actor, params.id);
      const d = {
        personId: params.id,
        level: body.level,
        from: body.from,
        to: body.to ?? null,
        pendingInvestigation: body.pendingInvestigation ?? false,
        note: body.note ?? null,
      };
      return { id: await addDiscipline(db, d), ...d };
    },
  });

  registry.add({
    method: 'post',
    path: '/api/persons/:id/ratings',
    summary: "Set a person's task-completion rating for a year (replaces that year's)",
    tags: ['people'],
    auth: registerWriters,
    params: idParams,
    body: z.object({ year, rating: z.enum(ratingValues) }).strict(),
    responses: {
      200: z.object({ personId: z.number().int(), year: z.number().int(), rating: z.enum(ratingValues) }),
    },
    handler: async ({ actor, params, body }) => {
      await visiblePerson(actor, params.id);
      await setRating(db, params.id, body.year, body.rating);
      return { personId: params.id, year: body.year, rating: body.rating };
    },
  });

  // ------------------------------------------------------------------------------------------------
  // Collectives

  const membersBody = z.object({ year, personIds: z.array(bodyId).max(2000) }).strict();
  /** `field`: where the ids are in the body, for the 400. */
  async function checkMembers(unitId: number, personIds: readonly number[], field: string): Promise<void> {
    const outside = await outsideUnit(db, unitId, { personIds });
    if (outside.personIds.length)
      throw new AppError('VALIDATION_FAILED', 'members must be people of the collective’s unit', {
        errors: outside.personIds.map((p) => ({ field, message: `${p} is not a person of the unit` })),
      });
  }

  registry.add({
    method: 'get',
    path: '/api/units/:id/collectives',
    summary: "A unit's collectives (those of units merged into it included)",
    tags: ['people'],
    auth: 'user',
    params: idParams,
    responses: { 200: z.array(collectiveSchema), 404: 'no such unit (or not yours)' },
    handler: async ({ actor, params }) => {
      await visibleUnit(actor, params.id);
      return (await listCollectivesOfUnit(db, params.id)).map(collectiveView);
    },
  });

  registry.add({
    method: 'post',
    path: '/api/units/:id/collectives',
    summary: 'Add a collective (tập thể) to a unit’s register, optionally with its members of a year',
    tags: ['people'],
    auth: registerWriters,
    params: idParams,
    body: z
      .object({
        name: z.string().trim().min(1).max(300),
        memberCount: z.number().int().min(0).max(100000).describe('the declared headcount'),
        members: membersBody.optional(),
      })
      .strict(),
    responses: { 201: collectiveSchema },
    handler: async ({ actor, params, body }) => {
      await writableUnit(actor, params.id);
      if (body.members) await checkMembers(params.id, body.members.personIds, 'members.personIds');
      return db.transaction(async (tx) => {
        const c = await createCollective(tx, {
          unitId: params.id,
          name: body.name,
          memberCount: body.memberCount,
        });
        if (body.members) await setCollectiveMembers(tx, c.id, body.members.year, body.members.personIds);
        return collectiveView(c);
      });
    },
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
      const c = await visibleCollective(actor, params.id);
      const y = query.year ?? Number((await today()).slice(0, 4));
      return {
        ...collectiveView(c),
        year: y,
        members: (await listCollectiveMembers(db, c.id, y)).map(personView),
        pastAwards: (await listPastAwards(db, { collectiveIds: [c.id] })).map(pastAwardView),
        nominations: await nominationsOfNominee(db, { collectiveId: c.id }),
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
    body: membersBody,
    responses: {
      200: z.object({
        collectiveId: z.number().int(),
        year: z.number().int(),
        members: z.array(personSchema),
      }),
    },
    handler: async ({ actor, params, body }) => {
      const c = await visibleCollective(actor, params.id);
      await checkMembers(c.unitId, body.personIds, 'personIds');
      await db.transaction((tx) => setCollectiveMembers(tx, c.id, body.year, body.personIds));
      return {
        collectiveId: c.id,
        year: body.year,
        members: (await listCollectiveMembers(db, c.id, body.year)).map(personView),
      };
    },
  });

  registry.add({
    method: 'post',
    path: '/api/collectives/:id/past-awards',
    summary: "Record a collective's past award (entered by hand)",
    tags: ['people'],
    auth: registerWriters,
    params: idParams,
    body: pastAwardBody,
    responses: { 201: pastAwardSchema, 409: 'already recorded (same award and year)' },
    handler: async ({ actor, params, body }) => {
      await visibleCollective(actor, params.id);
      return addPastAwardChecked(actor, { collectiveId: params.id }, body);
    },
  });

  // ------------------------------------------------------------------------------------------------
  // Past-awards import

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
    handler: async ({ actor, user, params, query, file }) => {
      await visibleUnit(actor, params.id);
      if (!file) throw new Error('upload missing after validation');
      const awards = new Map<string, 'individual' | 'collective' | 'both'>();
      for (const v of await listAwardVersions(db)) awards.set(v.code, v.recipient); // the latest version wins
      const thisYear = Number((await today()).slice(0, 4));
      const opts = { awards, maxYear: thisYear };
      const preview: ImportPreview =
        file.mime === 'text/csv'
          ? parsePastAwardsCsv(file.buffer.toString('utf8'), opts)
          : await parsePastAwardsXlsx(file.buffer, opts);
      if (preview.fileError)
        throw new AppError('VALIDATION_FAILED', `The file cannot be imported: ${preview.fileError}`, {
          errors: [{ field: 'file', message: preview.fileError }],
        });
      if (query.mode === 'preview') return { mode: 'preview', ...preview };
      const report = await importPastAwards(db, params.id, preview.rows, user.id);
      return { mode: 'commit', ...preview, ...report };
    },
  });

  // ------------------------------------------------------------------------------------------------
  // Emulation registration

  const registrationView = (r: Registration, actor: Actor) => ({
    ...r,
    stateLabel: registrationStateLabel[r.state],
    allowedEvents: allowedRegistrationEvents(r.state, actor.roles).filter((e) => e !== 'EDIT'),
  });
  const registrationParams = z.object({ id, unitId: id });

  registry.add({
    method: 'get',
    path: '/api/campaigns/:id/registrations/:unitId',
    summary: "A unit's emulation registration (đăng ký thi đua) for a campaign",
    tags: ['registrations'],
    auth: 'user',
    params: registrationParams,
    responses: { 200: registrationSchema, 404: 'none yet (PUT entries to start one), or not yours' },
    handler: async ({ actor, params }) => {
      await visibleUnit(actor, params.unitId);
      const r = await getRegistration(db, params.id, params.unitId);
      if (!r) throw new AppError('NOT_FOUND', 'no registration for this campaign and unit');
      return registrationView(r, actor);
    },
  });

  registry.add({
    method: 'put',
    path: '/api/campaigns/:id/registrations/:unitId',
    summary: "Create or replace the unit's registration entries (while draft, or returned: back to draft)",
    description:
      'Each entry names one person or collective of the unit and the award codes it aims for; codes are checked against the catalogue in force today.',
    tags: ['registrations'],
    auth: ['unit'],
    params: registrationParams,
    body: z
      .object({
        entries: z
          .array(
            registrationEntrySchema.safeExtend({
              personId: bodyId.nullable(),
              collectiveId: bodyId.nullable(),
            }),
          )
          .max(2000),
      })
      .strict(),
    responses: { 200: registrationSchema, 409: 'the registration is submitted or approved' },
    handler: async ({ actor, user, params, body }) => {
      await visibleUnit(actor, params.unitId);
      const campaign = await campaignFacts(db, params.id);
      if (!campaign) throw new AppError('NOT_FOUND', `campaign ${params.id} not found`);
      // Units register what they aim for at the start of a drive: while it is planned or open.
      if (campaign.state !== 'planned' && campaign.state !== 'open')
        throw new AppError(
          'TRANSITION_NOT_ALLOWED',
          `Đợt thi đua đã đóng, không đăng ký thêm được / the campaign is ${campaign.state}: registrations can no longer be changed`,
          { extra: { campaignState: campaign.state } },
        );
      const outside = await outsideUnit(db, params.unitId, {
        personIds: body.entries.flatMap((e) => (e.personId === null ? [] : [e.personId])),
        collectiveIds: body.entries.flatMap((e) => (e.collectiveId === null ? [] : [e.collectiveId])),
      });
      const errors = [
        ...outside.personIds.map((p) => ({
          field: 'entries.personId',
          message: `${p} is not a person of the unit`,
        })),
        ...outside.collectiveIds.map((c) => ({
          field: 'entries.collectiveId',
          message: `${c} is not a collective of the unit`,
        })),
      ];
      if (errors.length)
        throw new AppError('VALIDATION_FAILED', 'entries must name the unit’s own people and collectives', {
          errors,
        });
      const onDate = await today();
      const r = await db.transaction((tx) =>
        saveRegistrationEntriesTx(tx, {
          campaignId: params.id,
          unitId: params.unitId,
          entries: body.entries,
          userId: user.id,
          onDate,
        }),
      );
      return registrationView(r, actor);
    },
  });

  /** The events a user sends (EDIT is not one: PUT entries records it), each with `expectedVersion?`. */
  const sendableEvents = registrationEventSchema.options
    .filter((o) => o.shape.type.value !== 'EDIT')
    .map((o) => o.extend({ expectedVersion: z.number().int().min(1).optional() }));
  const registrationEventBody = z.discriminatedUnion(
    'type',
    sendableEvents as [(typeof sendableEvents)[number], ...Array<(typeof sendableEvents)[number]>],
  );
  /** The roles that may send `type` in some state: any other caller is refused (403) whatever the state. */
  const registrationSenders = (type: string): string[] =>
    Object.values(registrationTransitions).flatMap(
      (byEvent) =>
        (byEvent as Record<string, { senders: readonly string[] } | undefined>)[type]?.senders ?? [],
    );

  registry.add({
    method: 'post',
    path: '/api/registrations/:id/events',
    summary: 'Move a registration: SUBMIT / RESUBMIT (unit), APPROVE / RETURN {reason} (office)',
    description:
      'A unit clerk moves only its own unit’s registrations (another unit’s answers 404). An event the caller’s roles can never send answers 403; one not allowed in the current state 409.',
    tags: ['registrations'],
    auth: 'user',
    params: idParams,
    body: registrationEventBody,
    responses: {
      200: registrationSchema,
      409: 'not allowed in this state, or version conflict',
    },
    handler: async ({ actor, params, body }) => {
      const reg = await getRegistrationById(db, params.id);
      if (!reg) throw new AppError('NOT_FOUND', `registration ${params.id} not found`);
      await visibleUnit(actor, reg.unitId).catch(() => {
        throw new AppError('NOT_FOUND', `registration ${params.id} not found`);
      });
      const senders = registrationSenders(body.type);
      if (!senders.some((s) => (actor.roles as readonly string[]).includes(s)))
        throw new AppError('FORBIDDEN', `${body.type} needs the role ${senders.join(' or ')}`);
      const { expectedVersion, ...event } = body;
      const r = await sendRegistrationEvent(
        db,
        params.id,
        event,
        { userId: actor.userId, roles: actor.roles },
        expectedVersion,
      );
      return registrationView(r, actor);
    },
  });

  // ------------------------------------------------------------------------------------------------
  // Eligibility findings of a dossier

  registry.add({
    method: 'get',
    path: '/api/dossiers/:id/findings',
    summary: 'Every nomination of a dossier with its eligibility findings, recomputed now',
    description:
      "Judged as `GET /api/nominations/<id>` judges one nomination: by the catalogue version in force on the dossier's receipt day (before receipt: today), with the nominee's register history, the unit's other nominations in the campaign (quota, duplicates) and its registration. `eligible` is false when a hard rule fails.",
    tags: ['dossiers'],
    auth: 'user',
    params: idParams,
    responses: { 200: dossierFindingsSchema, 404: 'not found (or not yours to read)' },
    handler: ({ actor, params }) => getDossierFindings(engine, actor, params.id),
  });

  // ------------------------------------------------------------------------------------------------
  // Council sessions

  const sessionOr404 = async (q: Queryable, sessionId: number) => {
    const s = await getCouncilSession(q, sessionId);
    if (!s) throw new AppError('NOT_FOUND', `council session ${sessionId} not found`);
    return s;
  };

  registry.add({
    method: 'post',
    path: '/api/council/sessions',
    summary: "Open a council session (phiên họp Hội đồng): its date and the council's members",
    tags: ['council'],
    auth: ['office'],
    body: councilSessionInputSchema.extend({
      heldOn: registerDate,
      members: z
        .array(councilSessionInputSchema.shape.members.element.extend({ userId: bodyId.nullable() }))
        .min(1)
        .max(200),
    }),
    responses: { 201: councilSessionSchema },
    handler: async ({ user, body }) => {
      const unknownUsers: number[] = [];
      for (const m of body.members)
        if (m.userId !== null && !(await findUserById(db, m.userId))) unknownUsers.push(m.userId);
      if (unknownUsers.length)
        throw new AppError('VALIDATION_FAILED', 'unknown users among the members', {
          errors: unknownUsers.map((u) => ({ field: 'members.userId', message: `no user ${u}` })),
        });
      return db.transaction((tx) => createCouncilSession(tx, body, user.id));
    },
  });

  registry.add({
    method: 'get',
    path: '/api/council/sessions/:id',
    summary: 'A council session: members, attendance, agenda and the votes recorded',
    tags: ['council'],
    auth: ['council', 'office', 'director', 'admin'],
    params: idParams,
    responses: { 200: councilSessionSchema, 404: 'not found' },
    handler: ({ params }) => sessionOr404(db, params.id),
  });

  registry.add({
    method: 'put',
    path: '/api/council/sessions/:id/attendance',
    summary: 'Who attended: the listed members present, every other member absent',
    tags: ['council'],
    auth: ['office'],
    params: idParams,
    body: z.object({ presentMemberIds: z.array(bodyId).max(200) }).strict(),
    responses: { 200: councilSessionSchema },
    handler: async ({ params, body }) =>
      db.transaction(async (tx) => {
        const s = await sessionOr404(tx, params.id);
        const members = new Set(s.members.map((m) => m.id));
        const strangers = body.presentMemberIds.filter((m) => !members.has(m));
        if (strangers.length)
          throw new AppError('VALIDATION_FAILED', 'not members of this session', {
            errors: strangers.map((m) => ({ field: 'presentMemberIds', message: `${m} is not a member` })),
          });
        await setAttendance(tx, params.id, body.presentMemberIds);
        return sessionOr404(tx, params.id);
      }),
  });

  registry.add({
    method: 'post',
    path: '/api/council/sessions/:id/agenda',
    summary: 'Put nominations in council review on the session’s agenda',
    tags: ['council'],
    auth: ['office'],
    params: idParams,
    body: z.object({ nominationIds: z.array(bodyId).min(1).max(500) }).strict(),
    responses: { 200: councilSessionSchema },
    handler: async ({ params, body }) =>
      db.transaction(async (tx) => {
        await sessionOr404(tx, params.id);
        await addToAgenda(tx, params.id, body.nominationIds);
        return sessionOr404(tx, params.id);
      }),
  });

  registry.add({
    method: 'post',
    path: '/api/council/sessions/:id/votes',
    summary: 'Record the secret-ballot count for one agenda item; the nomination moves on the outcome',
    description:
      'The tally uses the session’s members (all of them: the threshold is a share of ALL members) and its attendance (quorum: two thirds present, else 400), and the vote threshold the nomination carries. The count is sent to the nomination as RECORD_VOTE {membersTotal, present, yes} in the same transaction, so the figures and the outcome are in its history.',
    tags: ['council'],
    auth: ['office'],
    params: idParams,
    body: z
      .object({
        nominationId: bodyId,
        yes: z.number().int().min(0).max(1000),
        expectedVersion: z.number().int().min(1).optional().describe("the nomination's version"),
      })
      .strict(),
    responses: {
      200: z.object({
        nomination: z.looseObject({ id: z.number().int(), state: z.string(), version: z.number().int() }),
        count: z.object({
          membersTotal: z.number().int(),
          present: z.number().int(),
          yes: z.number().int(),
        }),
        tally: z.object({
          quorum: z.boolean(),
          passed: z.boolean(),
          share: z.number(),
          quorumNeeded: z.number().int(),
          yesNeeded: z.number().int(),
        }),
      }),
      409: 'the nomination is no longer in council review, or version conflict',
    },
    handler: async ({ actor, params, body }) => {
      await sessionOr404(db, params.id);
      return recordCouncilVote(engine, actor, {
        sessionId: params.id,
        nominationId: body.nominationId,
        yes: body.yes,
        ...(body.expectedVersion !== undefined ? { expectedVersion: body.expectedVersion } : {}),
      });
    },
  });
}
