import { z } from 'zod';
import type { Config } from '../../config';
import { idSchema } from '../../domain/ids';
import { recordDate } from '../../workflow/input';
import type { EngineDeps, UnitRecord } from '../../workflow/types';
import { createUnit } from '../../workflow/units/create-unit';
import { getUnit } from '../../workflow/units/get-unit';
import { listUnits } from '../../workflow/units/list-units';
import { retireUnit } from '../../workflow/units/retire-unit';
import { updateUnit } from '../../workflow/units/update-unit';
import { isUnitCode, normaliseUnitCode, unitCodeRule } from '../../domain/unit-code';
import type { RouteRegistry } from '../registry';
import { idParams, queryBoolean, unitNodeSchema, unitSchema, unitView, type UnitNode } from '../schemas';

/** Stored in its one spelling (NFC, Vietnamese capitals): unique among current units whatever was typed. */
const codeSchema = z
  .string()
  .transform(normaliseUnitCode)
  .refine(isUnitCode, unitCodeRule)
  .describe('e.g. `SLĐTBXH`, as in the symbol `05/QĐ-SLĐTBXH`');
const nameSchema = z.string().trim().min(1).max(300);
const emailSchema = z.email().max(254);
/** PostgreSQL has no year 0; unit validity dates are in living memory anyway. */
const dateSchema = recordDate;

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

export function registerUnitRoutes(
  registry: RouteRegistry,
  deps: { engine: EngineDeps; config: Config },
): void {
  const { engine } = deps;

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
    handler: async ({ actor, body }) => unitView(await createUnit(engine, actor, body)),
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
      items: unitTree(await listUnits(engine, { currentOnly: query.current === true })),
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
    handler: async ({ params }) => unitView(await getUnit(engine, params.id)),
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
    handler: async ({ actor, params, body }) => unitView(await updateUnit(engine, actor, params.id, body)),
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
    responses: {
      200: z.object({
        retired: unitSchema,
        successor: unitSchema,
        carried: z
          .object({
            dossiers: z.number().int(),
            nominations: z.number().int(),
            registrations: z.number().int(),
          })
          .describe("the retired unit's open records, now reached by the successor's clerks"),
      }),
    },
    handler: async ({ actor, params, body }) => {
      const result = await retireUnit(engine, actor, params.id, body as Parameters<typeof retireUnit>[3]);
      return {
        retired: unitView(result.retired),
        successor: unitView(result.successor),
        carried: result.carried,
      };
    },
  });
}
