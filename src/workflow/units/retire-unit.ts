import {
  createUnit,
  findCurrentUnitByCode,
  getUnit,
  getUnitForUpdate,
  reparentCurrentChildren,
  retireUnit as endUnit,
  setUnitSuccessor,
  type UnitRecord,
} from '../../db/units';
import { moveUnitUsers } from '../../db/users';
import { localDate } from '../../domain/business-date';
import { AppError } from '../../errors';
import { requireRole } from '../access';
import { recordAdminChange } from '../audit/record-admin-change';
import { fieldError } from '../input';
import type { Actor, EngineDeps } from '../types';
import { carryOpenRecords, type CarriedRecords } from './carry-records';
import { requireCurrentUnit } from './current-unit';

export type SuccessorInput = {
  /** The last day of the old unit; default: today. */
  validTo?: string | undefined;
  moveUsers: boolean;
} & (
  | { successorId: number }
  | {
      successorId?: undefined;
      code: string;
      name: string;
      email?: string | null | undefined;
      parentId?: number | null | undefined;
    }
);

/**
 * A merger or reorganisation: the unit ends (`validTo`) and points to its successor, an existing current
 * unit that absorbs it or a new one that replaces it (the code may stay the same); its current sub-units
 * and, unless `moveUsers` is false, its users move to the successor. Its open records stay reachable by
 * the successor's clerks (the lineage), each with a history row saying so (`carryOpenRecords`).
 */
export async function retireUnit(
  deps: Pick<EngineDeps, 'db' | 'now' | 'timeZone'>,
  actor: Actor,
  id: number,
  input: SuccessorInput,
): Promise<{ retired: UnitRecord; successor: UnitRecord; carried: CarriedRecords }> {
  requireRole(actor, 'admin');
  const validTo = input.validTo ?? localDate(deps.now(), deps.timeZone);
  return deps.db.transaction(async (tx) => {
    const old = await getUnitForUpdate(tx, id);
    if (!old) throw new AppError('NOT_FOUND', 'No such unit');
    if (old.validTo !== null) throw new AppError('CONFLICT', 'This unit has already been retired');
    if (validTo < old.validFrom) throw fieldError('validTo', 'is before the unit began');
    let successor: UnitRecord;
    if (input.successorId !== undefined) {
      if (input.successorId === old.id) throw fieldError('successorId', 'is the unit itself');
      successor = await requireCurrentUnit(tx, input.successorId, 'successorId');
      await endUnit(tx, old.id, validTo);
    } else {
      const parentId = input.parentId === undefined ? old.parentId : input.parentId;
      if (parentId !== null && parentId !== old.id) await requireCurrentUnit(tx, parentId, 'parentId');
      if (parentId === old.id) throw fieldError('parentId', 'is the unit being retired');
      // Retire first: the successor may keep the same code (unique among current units).
      await endUnit(tx, old.id, validTo);
      const clash = await findCurrentUnitByCode(tx, input.code);
      if (clash) throw fieldError('code', 'is already used by a current unit');
      successor = await createUnit(tx, {
        code: input.code,
        name: input.name,
        parentId,
        email: input.email === undefined ? old.email : input.email,
        validFrom: validTo,
      });
    }
    await setUnitSuccessor(tx, old.id, successor.id);
    await reparentCurrentChildren(tx, old.id, successor.id);
    const usersMoved = input.moveUsers ? await moveUnitUsers(tx, old.id, successor.id) : 0;
    const carried = await carryOpenRecords(tx, deps.now(), actor, old, successor, { validTo });
    await recordAdminChange(tx, {
      actor,
      kind: 'unit',
      action: 'unit.retired',
      target: { id: old.id, label: `${old.code} — ${old.name}` },
      details: {
        validTo,
        successor: { id: successor.id, code: successor.code, name: successor.name },
        successorCreated: input.successorId === undefined,
        moveUsers: input.moveUsers,
        usersMoved,
      },
      at: deps.now(),
    });
    return {
      retired: (await getUnit(tx, old.id))!,
      successor: (await getUnit(tx, successor.id))!,
      carried,
    };
  });
}
