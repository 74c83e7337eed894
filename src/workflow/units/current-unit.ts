import type { Queryable } from '../../db/db';
import { getUnit, type UnitRecord } from '../../db/units';
import { fieldError } from '../input';

/** A unit that still exists (current), for a field that names one; else a 400 naming `field`. */
export async function requireCurrentUnit(q: Queryable, id: number, field: string): Promise<UnitRecord> {
  const u = await getUnit(q, id);
  if (!u) throw fieldError(field, 'is not a unit');
  if (u.validTo !== null) throw fieldError(field, 'is a unit that no longer exists');
  return u;
}
