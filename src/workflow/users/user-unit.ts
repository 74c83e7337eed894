import type { Queryable } from '../../db/db';
import { getUnit } from '../../db/units';
import { fieldError } from '../input';

/** A user's unit must be a current unit; a clerk (role `unit`) must have one. */
export async function checkUserUnit(
  q: Queryable,
  unitId: number | null | undefined,
  roles: readonly string[] | undefined,
): Promise<void> {
  if (unitId != null) {
    const u = await getUnit(q, unitId);
    if (!u) throw fieldError('unitId', 'is not a unit');
    if (u.validTo !== null) throw fieldError('unitId', 'is a unit that no longer exists');
  } else if (roles?.includes('unit')) {
    throw fieldError('unitId', 'is required for the unit role');
  }
}
