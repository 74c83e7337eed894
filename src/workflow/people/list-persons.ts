import { listPersonsOfUnit, type Person } from '../../db/persons';
import { requireVisibleUnit } from '../access';
import type { Actor, EngineDeps } from '../types';

/** A unit's people, those recorded under units merged into it included. */
export async function listPersons(
  deps: Pick<EngineDeps, 'db'>,
  actor: Actor,
  unitId: number,
): Promise<Person[]> {
  await requireVisibleUnit(deps.db, actor, unitId);
  return listPersonsOfUnit(deps.db, unitId);
}
