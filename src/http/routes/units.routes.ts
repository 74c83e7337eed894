import { z } from 'zod';
import type { Config } from '../../config';
import type { Db, Queryable } from '../../db/db';
import { isUniqueViolation } from '../../db/db';
import {
  createUnit,
  findCurrentUnitByCode,
  getUnit,
  getUnitForUpdate,
  listUnits,
  reparentCurrentChildren,
  retireUnit,
  setUnitSuccessor,
  unitAncestorIds,
  updateUnit,
  type UnitRecord,
} from '../../db/units';
import { moveUnitUsers } from '../../db/users';
import { localDate } from '../../domain/business-date';
import { idSchema } from '../../domain/ids';
import { AppError } from '../../errors';
import { fieldError } from '../../workflow/input';
import type { RouteRegistry } from '../registry';
import { idParams, queryBoolean, unitNodeSchema, unitSchema, unitView, type UnitNode } from '../schemas';

const codeSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/, 'letters, digits, ".", "_" and "-" (at most 32)');
const nameSchema = z.string().trim().min(1).max(300);
const emailSchema = z.email().max(254);
/** PostgreSQL has no year 0; unit validity dates are in living memory anyway. */
const dateSchema = z.iso
  .date()
  .refine((d) => d >= '1900-01-01' && d <= '2199-12-31', 'must be a date between 1900 and 2199');

async function currentUnitOr400(db: Queryable, id: number, field: string): Promise<UnitRecord> {
  const u = await getUnit(db, id);
  if (!u) throw fieldError(field, 'is not a unit');
  if (u.validTo !== null) throw fieldError(field, 'is a unit that no longer exists');
  return u;
}

/** Builds the forest: roots are units without a parent (or whose parent is unknown). */
export function unitTree(units: UnitRecord[]): UnitNode[] {
  const nodes = new Map<number, UnitNode>(units.map((u) => [u.id, { ...unitView(u), children: [] }]));
  const roots: UnitNode[] = [];
  for (const u of units) {
    const node = nodes.get(u.id)!;
    const parent = u.parentId === null ? undefined : nodes.get(u.parentId);
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

export function registerUnitRoutes(registry: RouteRegistry, deps: { db: Db; config: Config }): void {
  const { db, config } = deps;
  const today = () => localDate(new Date(), config.TZ_BUSINESS);

  registry.add({
    method: 'post',
    path: '/api/units',
    summary: 'Create a unit',
    tags: ['units'],
    auth: ['admin'],
    body: z.object({
      code: codeSchema,
      name: nameSchema,
      parentId: idSchema.nullable().optional(),
      email: emailSchema.nullable().optional(),
      validFrom: dateSchema.optional().describe('default: today'),
    }),
    responses: { 201: unitSchema },
    handler: async ({ body }) => {
      if (body.parentId != null) await currentUnitOr400(db, body.parentId, 'parentId');
      if (await findCurrentUnitByCode(db, body.code))
        throw fieldError('code', 'is already used by a current unit');
      try {
        const u = await createUnit(db, {
          code: body.code,
          name: body.name,
          parentId: body.parentId ?? null,
          email: body.email ?? null,
          validFrom: body.validFrom ?? today(),
        });
        return unitView(u);
      } catch (e) {
        if (isUniqueViolation(e)) throw fieldError('code', 'is already used by a current unit');
        throw e;
      }
    },
  });

  registry.add({
    method: 'get',
    path: '/api/units',
    summary: 'The unit tree, with validity periods and successors',
    description:
      'Former units (renamed, merged) are included with `validTo` and `successorId` unless `current=true`.',
    tags: ['units'],
    auth: 'user',
    query: z.object({ current: queryBoolean.optional() }),
    responses: { 200: z.object({ items: z.array(unitNodeSchema) }) },
    handler: async ({ query }) => ({
      items: unitTree(await listUnits(db, { currentOnly: query.current === true })),
    }),
  });

  registry.add({
    method: 'get',
    path: '/api/units/:id',
    summary: 'One unit',
    tags: ['units'],
    auth: 'user',
    params: idParams,
    responses: { 200: unitSchema },
    handler: async ({ params }) => {
      const u = await getUnit(db, params.id);
      if (!u) throw new AppError('NOT_FOUND', 'No such unit');
      return unitView(u);
    },
  });

  registry.add({
    method: 'patch',
    path: '/api/units/:id',
    summary: 'Rename a unit, change its email or parent',
    description: 'For a change that history must remember (merger, new code), use the successor endpoint.',
    tags: ['units'],
    auth: ['admin'],
    params: idParams,
    body: z
      .object({
        name: nameSchema.optional(),
        email: emailSchema.nullable().optional(),
        parentId: idSchema.nullable().optional(),
      })
      .strict(),
    responses: { 200: unitSchema },
    handler: async ({ params, body }) => {
      const unit = await getUnit(db, params.id);
      if (!unit) throw new AppError('NOT_FOUND', 'No such unit');
      if (body.parentId != null) {
        await currentUnitOr400(db, body.parentId, 'parentId');
        if ((await unitAncestorIds(db, body.parentId)).includes(unit.id))
          throw fieldError('parentId', 'would put the unit under itself');
      }
      const u = await updateUnit(db, unit.id, {
        ...(body.name !== undefined ? { name: body.name } : {}),
        ...(body.email !== undefined ? { email: body.email } : {}),
        ...(body.parentId !== undefined ? { parentId: body.parentId } : {}),
      });
      return unitView(u!);
    },
  });

  registry.add({
    method: 'post',
    path: '/api/units/:id/successor',
    summary: 'Retire a unit into a successor (merger or reorganisation)',
    description:
      'Either `successorId` (an existing current unit absorbs it) or `code` + `name` (a new unit replaces it; the code may stay the same). The old unit gets `validTo` and `successorId`; its current sub-units and, unless `moveUsers` is false, its users move to the successor.',
    tags: ['units'],
    auth: ['admin'],
    params: idParams,
    body: z
      .object({
        successorId: idSchema.optional(),
        code: codeSchema.optional(),
        name: nameSchema.optional(),
        email: emailSchema.nullable().optional(),
        parentId: idSchema.nullable().optional(),
        validTo: dateSchema.optional().describe('the last day of the old unit; default: today'),
        moveUsers: z.boolean().default(true),
      })
      .strict()
      .superRefine((b, ctx) => {
        if (b.successorId !== undefined) {
          for (const k of ['code', 'name', 'email', 'parentId'] as const)
            if (b[k] !== undefined)
              ctx.addIssue({ code: 'custom', path: [k], message: 'not allowed with successorId' });
        } else {
          if (b.code === undefined)
            ctx.addIssue({ code: 'custom', path: ['code'], message: 'required without successorId' });
          if (b.name === undefined)
            ctx.addIssue({ code: 'custom', path: ['name'], message: 'required without successorId' });
        }
      }),
    responses: { 200: z.object({ retired: unitSchema, successor: unitSchema }) },
    handler: async ({ params, body }) => {
      const validTo = body.validTo ?? today();
      const result = await db.transaction(async (tx) => {
        const old = await getUnitForUpdate(tx, params.id);
        if (!old) throw new AppError('NOT_FOUND', 'No such unit');
        if (old.validTo !== null) throw new AppError('CONFLICT', 'This unit has already been retired');
        if (validTo < old.validFrom) throw fieldError('validTo', 'is before the unit began');
        let successor: UnitRecord;
        if (body.successorId !== undefined) {
          if (body.successorId === old.id) throw fieldError('successorId', 'is the unit itself');
          successor = await currentUnitOr400(tx, body.successorId, 'successorId');
          await retireUnit(tx, old.id, validTo);
        } else {
          const parentId = body.parentId === undefined ? old.parentId : body.parentId;
          if (parentId !== null && parentId !== old.id) await currentUnitOr400(tx, parentId, 'parentId');
          if (parentId === old.id) throw fieldError('parentId', 'is the unit being retired');
          // Retire first: the successor may keep the same code (unique among current units).
          await retireUnit(tx, old.id, validTo);
          const clash = await findCurrentUnitByCode(tx, body.code!);
          if (clash) throw fieldError('code', 'is already used by a current unit');
          successor = await createUnit(tx, {
            code: body.code!,
            name: body.name!,
            parentId,
            email: body.email === undefined ? old.email : body.email,
            validFrom: validTo,
          });
        }
        await setUnitSuccessor(tx, old.id, successor.id);
        await reparentCurrentChildren(tx, old.id, successor.id);
        if (body.moveUsers) await moveUnitUsers(tx, old.id, successor.id);
        return { retired: (await getUnit(tx, old.id))!, successor: (await getUnit(tx, successor.id))! };
      });
      return { retired: unitView(result.retired), successor: unitView(result.successor) };
    },
  });
}
