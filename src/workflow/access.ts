import type { RecordType, Role } from '../../machines/contract';
import type { Queryable } from '../db/db';
import { currentUnitOf } from '../db/unit-succession';
import { type Collective, getCollective } from '../db/collectives';
import { getPerson, type Person } from '../db/persons';
import { getUnit, type UnitRecord, unitLineageIds } from '../db/units';
import { AppError } from '../errors';
import { fieldError } from './input';
import type { Actor } from './types';

/**
 * Who may do and see what, written once for the API, the pages and the workers.
 *
 * - Roles: each use case names the roles that may call it (`requireRole`); the HTTP registry checks the
 *   same list before validating a request.
 * - Records: office, council, director, admin (and the engine itself) see every unit's records; a unit's
 *   clerk reads the dossiers and nominations of its unit's lineage (its unit and every unit merged into
 *   it, directly or through a chain: a merger keeps the old unit's records with its successor's clerks),
 *   every campaign, and no decision or submission. A parent unit's clerk does NOT see its sub-units'
 *   records: each unit proposes its own awards, and the department-wide roles see them all.
 * - The people register and registrations: a clerk sees its own unit and the units merged into it (the
 *   unit's lineage), so the people of a merged room stay reachable by their new unit's clerk.
 * Anything a caller may not see answers NOT_FOUND, as if it did not exist (API.md).
 */

/** Roles that see every unit's records ("scoped" in API.md). */
export const wideRoles: readonly Role[] = ['office', 'council', 'director', 'admin'];

export const hasRole = (actor: Actor, roles: readonly Role[]): boolean =>
  actor.roles.some((r) => roles.includes(r));

/** FORBIDDEN unless the actor holds one of `roles`. */
export function requireRole(actor: Actor, ...roles: readonly Role[]): void {
  if (!hasRole(actor, roles))
    throw new AppError('FORBIDDEN', `This needs one of the roles: ${roles.join(', ')}`);
}

/** Office, council, director, admin, and the engine's own events. */
export const seesAllUnits = (actor: Actor): boolean => actor.system === true || hasRole(actor, wideRoles);

/** Records that belong to a unit; the others are the department's own. */
const unitOwned: ReadonlySet<RecordType> = new Set(['dossier', 'nomination']);

/** The units whose records a clerk reaches: its unit's lineage when resolved, else its unit alone. */
export function reachableUnits(actor: Actor): readonly number[] {
  if (actor.unitId === null) return [];
  return actor.unitLineage ?? [actor.unitId];
}

/**
 * The actor with its unit's lineage resolved (`unitLineage`), for a clerk; others unchanged. Called once
 * per request where the caller is authenticated, so every scope check after it is a lookup.
 */
export async function withUnitLineage(q: Queryable, actor: Actor): Promise<Actor> {
  if (actor.unitId === null || seesAllUnits(actor) || actor.unitLineage) return actor;
  return { ...actor, unitLineage: await unitLineageIds(q, actor.unitId) };
}

/** Whether the actor may read a workflow record of `type` belonging to `unitId`. */
export function canReadRecord(actor: Actor, type: RecordType, unitId: number | null): boolean {
  if (type === 'campaign' || seesAllUnits(actor)) return true;
  return unitOwned.has(type) && unitId !== null && reachableUnits(actor).includes(unitId);
}

/** NOT_FOUND (as if it did not exist) unless the actor may read the record (`canReadRecord`). */
export function requireReadable(actor: Actor, type: RecordType, unitId: number | null, what = type): void {
  if (!canReadRecord(actor, type, unitId)) throw new AppError('NOT_FOUND', `${what} not found`);
}

/** For lists: the units a caller is confined to (none for a clerk of no unit: no row), or null for all. */
export function unitScopeOf(actor: Actor): readonly number[] | null {
  return seesAllUnits(actor) ? null : reachableUnits(actor);
}

/** Whether a list of `type` can hold anything for this caller at all. */
export const mayListRecords = (actor: Actor, type: RecordType): boolean =>
  type === 'campaign' || unitOwned.has(type) || seesAllUnits(actor);

/** The caller's unit sees `unitId`'s register: it is that unit, or that unit was merged into it. */
export async function canSeeUnit(q: Queryable, actor: Actor, unitId: number): Promise<boolean> {
  if (seesAllUnits(actor)) return true;
  if (!actor.roles.includes('unit') || actor.unitId === null) return false;
  if (reachableUnits(actor).includes(unitId)) return true;
  return (await currentUnitOf(q, unitId)) === actor.unitId;
}

/**
 * The unit, when it exists and the caller may see it (`canSeeUnit`); NOT_FOUND otherwise, named `what`
 * (the person, collective or registration the caller asked for through it).
 */
export async function requireVisibleUnit(
  q: Queryable,
  actor: Actor,
  unitId: number,
  what = `unit ${unitId}`,
): Promise<UnitRecord> {
  const unit = await getUnit(q, unitId);
  if (!unit || !(await canSeeUnit(q, actor, unitId))) throw new AppError('NOT_FOUND', `${what} not found`);
  return unit;
}

/** Who may write to a unit's register: its clerk, and the department office and admin for any unit. */
export const registerWriters: readonly Role[] = ['unit', 'office', 'admin'];

/** A unit the caller may add people and collectives to: visible, and still existing. */
export async function requireWritableUnit(q: Queryable, actor: Actor, unitId: number): Promise<UnitRecord> {
  const unit = await requireVisibleUnit(q, actor, unitId);
  if (unit.validTo !== null) throw fieldError('id', 'is a unit that no longer exists: add to its successor');
  return unit;
}

/** A person of the register whose unit the caller sees (its own, or one merged into it); else NOT_FOUND. */
export async function requireVisiblePerson(q: Queryable, actor: Actor, personId: number): Promise<Person> {
  const p = await getPerson(q, personId);
  if (!p) throw new AppError('NOT_FOUND', `person ${personId} not found`);
  await requireVisibleUnit(q, actor, p.unitId, `person ${personId}`);
  return p;
}

/** A collective of the register whose unit the caller sees; else NOT_FOUND. */
export async function requireVisibleCollective(
  q: Queryable,
  actor: Actor,
  collectiveId: number,
): Promise<Collective> {
  const c = await getCollective(q, collectiveId);
  if (!c) throw new AppError('NOT_FOUND', `collective ${collectiveId} not found`);
  await requireVisibleUnit(q, actor, c.unitId, `collective ${collectiveId}`);
  return c;
}
