import { getUnit as readUnit, type UnitRecord } from '../../db/units';
import { AppError } from '../../errors';
import type { EngineDeps } from '../types';

/** One unit, for any user (the unit tree is no secret inside the department). */
export async function getUnit(deps: Pick<EngineDeps, 'db'>, id: number): Promise<UnitRecord> {
  const u = await readUnit(deps.db, id);
  if (!u) throw new AppError('NOT_FOUND', 'No such unit');
  return u;
}
