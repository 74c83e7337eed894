import { unitAncestorIds, updateUnit as writeUnit, type UnitRecord } from '../../db/units';
import { requireRole } from '../access';
import { fieldError } from '../input';
import type { Actor, EngineDeps } from '../types';
import { requireCurrentUnit } from './current-unit';
import { getUnit } from './get-unit';

export interface UnitChange {
  name?: string | undefined;
  email?: string | null | undefined;
  parentId?: number | null | undefined;
}

/** An admin renames a unit, changes its email or moves it under another current unit (never under itself). */
export async function updateUnit(
  deps: Pick<EngineDeps, 'db'>,
  actor: Actor,
  id: number,
  change: UnitChange,
): Promise<UnitRecord> {
  const { db } = deps;
  requireRole(actor, 'admin');
  const unit = await getUnit(deps, id);
  if (change.parentId != null) {
    await requireCurrentUnit(db, change.parentId, 'parentId');
    if ((await unitAncestorIds(db, change.parentId)).includes(unit.id))
      throw fieldError('parentId', 'would put the unit under itself');
  }
  const u = await writeUnit(db, unit.id, {
    ...(change.name !== undefined ? { name: change.name } : {}),
    ...(change.email !== undefined ? { email: change.email } : {}),
    ...(change.parentId !== undefined ? { parentId: change.parentId } : {}),
  });
  return u!;
}
