import { rootUnit } from '../db/records';
import { getUnit } from '../db/units';
import type { EngineDeps } from './types';

/** The department (the root of the current unit tree): its name heads every page. */
export async function getDepartment(
  deps: Pick<EngineDeps, 'db'>,
): Promise<{ id: number; code: string; name: string } | null> {
  return (await rootUnit(deps.db)) ?? null;
}

/** A unit's name (the identity bar shows the signed-in user's), or null. */
export async function getUnitName(
  deps: Pick<EngineDeps, 'db'>,
  unitId: number | null,
): Promise<string | null> {
  if (unitId === null) return null;
  return (await getUnit(deps.db, unitId))?.name ?? null;
}
