import { type Collective, listCollectivesOfUnit } from '../../db/collectives';
import { requireVisibleUnit } from '../access';
import type { Actor, EngineDeps } from '../types';

/** A unit's collectives, those of units merged into it included. */
export async function listCollectives(
  deps: Pick<EngineDeps, 'db'>,
  actor: Actor,
  unitId: number,
): Promise<Collective[]> {
  await requireVisibleUnit(deps.db, actor, unitId);
  return listCollectivesOfUnit(deps.db, unitId);
}
