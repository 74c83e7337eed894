import { unitAncestorIds, updateUnit as writeUnit, type UnitRecord } from '../../db/units';
import { requireRole } from '../access';
import { changedFields, recordAdminChange } from '../audit/record-admin-change';
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
  deps: Pick<EngineDeps, 'db'> & Partial<Pick<EngineDeps, 'now'>>,
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
  const patch = {
    ...(change.name !== undefined ? { name: change.name } : {}),
    ...(change.email !== undefined ? { email: change.email } : {}),
    ...(change.parentId !== undefined ? { parentId: change.parentId } : {}),
  };
  return db.transaction(async (tx) => {
    const u = (await writeUnit(tx, unit.id, patch))!;
    const changes = changedFields(
      { name: unit.name, email: unit.email, parentId: unit.parentId },
      { name: u.name, email: u.email, parentId: u.parentId },
    );
    if (Object.keys(changes).length > 0)
      await recordAdminChange(tx, {
        actor,
        kind: 'unit',
        action: 'unit.updated',
        target: { id: u.id, label: `${u.code} — ${u.name}` },
        details: { changes },
        at: deps.now?.(),
      });
    return u;
  });
}
