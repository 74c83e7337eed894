import { z } from 'zod';
import { disciplineLevels, initiativeScopes, ratingValues } from '../domain/catalogue';
import type { Collective, PastAward, Person } from '../workflow/types';

/** The people register on the wire: persons, collectives, their history (shared by their routes). */

export const personSchema = z
  .object({
    id: z.number().int(),
    unitId: z.number().int(),
    fullName: z.string(),
    birthYear: z.number().int().nullable(),
    position: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Person' });
export const collectiveSchema = z
  .object({ id: z.number().int(), unitId: z.number().int(), name: z.string(), memberCount: z.number().int() })
  .meta({ id: 'Collective' });
export const pastAwardSchema = z
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
export const initiativeSchema = z.object({
  id: z.number().int(),
  personId: z.number().int(),
  title: z.string(),
  scope: z.enum(initiativeScopes),
  recognisedOn: z.string(),
  year: z.number().int(),
});
export const disciplineSchema = z.object({
  id: z.number().int(),
  personId: z.number().int(),
  level: z.enum(disciplineLevels).nullable(),
  from: z.string(),
  to: z.string().nullable(),
  pendingInvestigation: z.boolean(),
  note: z.string().nullable().optional(),
});
export const nomineeNominationSchema = z.object({
  id: z.number().int(),
  awardCode: z.string(),
  state: z.string(),
  campaignId: z.number().int(),
  year: z.number().int(),
  unitId: z.number().int(),
});
export const personDetailSchema = personSchema
  .extend({
    currentUnitId: z.number().int().describe('the unit the person’s unit was merged into, if it was'),
    pastAwards: z.array(pastAwardSchema),
    ratings: z.array(z.object({ year: z.number().int(), rating: z.enum(ratingValues) })),
    initiatives: z.array(initiativeSchema),
    disciplines: z.array(disciplineSchema),
    nominations: z.array(nomineeNominationSchema),
  })
  .meta({ id: 'PersonDetail' });
export const collectiveDetailSchema = collectiveSchema
  .extend({
    year: z.number().int(),
    members: z.array(personSchema),
    pastAwards: z.array(pastAwardSchema),
    nominations: z.array(nomineeNominationSchema),
  })
  .meta({ id: 'CollectiveDetail' });

export const personView = (p: Person) => ({
  id: p.id,
  unitId: p.unitId,
  fullName: p.fullName,
  birthYear: p.birthYear,
  position: p.position,
  createdAt: p.createdAt.toISOString(),
});
export const collectiveView = (c: Collective) => ({
  id: c.id,
  unitId: c.unitId,
  name: c.name,
  memberCount: c.memberCount,
});
export const pastAwardView = (a: PastAward) => ({
  id: a.id,
  personId: a.personId,
  collectiveId: a.collectiveId,
  awardCode: a.awardCode,
  year: a.year,
  decisionNumber: a.decisionNumber ?? null,
  decidedOn: a.decidedOn,
  source: a.source,
});
