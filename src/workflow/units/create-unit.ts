import { isUniqueViolation } from '../../db/db';
import { createUnit as insertUnit, findCurrentUnitByCode, type UnitRecord } from '../../db/units';
import { localDate } from '../../domain/business-date';
import { requireRole } from '../access';
import { recordAdminChange } from '../audit/record-admin-change';
import { fieldError } from '../input';
import type { Actor, EngineDeps } from '../types';
import { requireCurrentUnit } from './current-unit';

export interface NewUnitInput {
  code: string;
  name: string;
  parentId?: number | null | undefined;
  email?: string | null | undefined;
  /** Default: today in the business time zone. */
  validFrom?: string | undefined;
}

/** An admin creates a unit under a current parent; its code is unique among current units. */
export async function createUnit(
  deps: Pick<EngineDeps, 'db' | 'now' | 'timeZone'>,
  actor: Actor,
  input: NewUnitInput,
): Promise<UnitRecord> {
  const { db } = deps;
  requireRole(actor, 'admin');
  if (input.parentId != null) await requireCurrentUnit(db, input.parentId, 'parentId');
  if (await findCurrentUnitByCode(db, input.code))
    throw fieldError('code', 'is already used by a current unit');
  try {
    return await db.transaction(async (tx) => {
      const unit = await insertUnit(tx, {
        code: input.code,
        name: input.name,
        parentId: input.parentId ?? null,
        email: input.email ?? null,
        validFrom: input.validFrom ?? localDate(deps.now(), deps.timeZone),
      });
      await recordAdminChange(tx, {
        actor,
        kind: 'unit',
        action: 'unit.created',
        target: { id: unit.id, label: `${unit.code} — ${unit.name}` },
        details: {
          code: unit.code,
          name: unit.name,
          parentId: unit.parentId,
          email: unit.email,
          validFrom: unit.validFrom,
        },
        at: deps.now(),
      });
      return unit;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw fieldError('code', 'is already used by a current unit');
    throw e;
  }
}
