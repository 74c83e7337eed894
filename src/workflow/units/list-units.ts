import { listUnits as readUnits, type UnitRecord } from '../../db/units';
import type { EngineDeps } from '../types';

/** Every unit (former ones, renamed or merged, with their `validTo` and successor) unless `currentOnly`. */
export function listUnits(
  deps: Pick<EngineDeps, 'db'>,
  opts: { currentOnly: boolean },
): Promise<UnitRecord[]> {
  return readUnits(deps.db, opts);
}
