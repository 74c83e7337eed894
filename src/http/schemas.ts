import { z } from 'zod';
import { recordTypes, roles } from '../../machines/contract';
import type { UnitRecord, UserRecord } from '../workflow/types';
import { idParamSchema } from '../domain/ids';

/** Shapes shared by several routes: what users and units look like on the wire, ids, pages. */
export const roleSchema = z.enum(roles);

export const bilingualSchema = z.object({ vi: z.string(), en: z.string() });

/** One eligibility rule's verdict on a nomination (src/domain/eligibility.ts `Finding`). */
export const findingSchema = z
  .object({
    rule: z.string().describe('e.g. `CSTDCS.quota`, `general.discipline`, `registration`'),
    legalBasis: bilingualSchema,
    outcome: z.enum(['pass', 'fail', 'warn']),
    hard: z
      .boolean()
      .describe('a failing hard rule blocks the nomination: APPRAISE eligible needs an overrideReason'),
    explanation: bilingualSchema,
  })
  .meta({ id: 'Finding' });

export const idParams = z.object({ id: idParamSchema });

export const userSchema = z
  .object({
    id: z.number().int(),
    username: z.string(),
    fullName: z.string(),
    email: z.string(),
    unitId: z.number().int().nullable(),
    roles: z.array(roleSchema),
    locale: z.string(),
    active: z.boolean(),
    createdAt: z.string(),
  })
  .meta({ id: 'User' });
export type UserView = z.infer<typeof userSchema>;

/** The only way a user leaves the server: named fields, so a hash can never ride along. */
export function userView(u: UserRecord): UserView {
  return {
    id: u.id,
    username: u.username,
    fullName: u.fullName,
    email: u.email,
    unitId: u.unitId,
    roles: u.roles,
    locale: u.locale,
    active: u.active,
    createdAt: u.createdAt.toISOString(),
  };
}

const unitFields = {
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  parentId: z.number().int().nullable(),
  email: z.string().nullable(),
  validFrom: z.string().describe('YYYY-MM-DD'),
  validTo: z.string().nullable().describe('YYYY-MM-DD; null while the unit is current'),
  successorId: z.number().int().nullable(),
  current: z.boolean(),
};
export const unitSchema = z.object(unitFields).meta({ id: 'Unit' });
export type UnitView = z.infer<typeof unitSchema>;

export function unitView(u: UnitRecord): UnitView {
  return {
    id: u.id,
    code: u.code,
    name: u.name,
    parentId: u.parentId,
    email: u.email,
    validFrom: u.validFrom,
    validTo: u.validTo,
    successorId: u.successorId,
    current: u.validTo === null,
  };
}

export interface UnitNode extends UnitView {
  children: UnitNode[];
}
export const unitNodeSchema: z.ZodType<UnitNode> = z
  .object({
    ...unitFields,
    get children() {
      return z.array(unitNodeSchema);
    },
  })
  .meta({ id: 'UnitNode' });

/** `?limit=&cursor=` for lists; the cursor is opaque to clients. */
export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
};

/** A query-string boolean: `true`/`false`/`1`/`0`. */
export const queryBoolean = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

/** Every workflow resource answers at least this; each type adds its own fields. */
export const recordSchema = z
  .looseObject({
    id: z.number().int(),
    type: z.enum(recordTypes),
    state: z.string(),
    stateLabel: z.object({ vi: z.string(), en: z.string() }),
    version: z.number().int(),
    allowedEvents: z.array(z.string()),
    overdue: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'WorkflowRecord' });
