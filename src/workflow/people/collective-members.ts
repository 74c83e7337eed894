import { z } from 'zod';
import type { Queryable } from '../../db/db';
import { outsideUnit } from '../../db/persons';
import { idSchema } from '../../domain/ids';
import { invalidInput, registerYear } from '../input';

/** A collective's members of one year. */
export const membersInput = z.object({ year: registerYear, personIds: z.array(idSchema).max(2000) }).strict();

/** Members must be people of the collective's unit (its merged predecessors' included); `field` names them. */
export async function checkMembers(
  q: Queryable,
  unitId: number,
  personIds: readonly number[],
  field: string,
): Promise<void> {
  const outside = await outsideUnit(q, unitId, { personIds });
  if (outside.personIds.length)
    throw invalidInput(
      'members must be people of the collective’s unit',
      outside.personIds.map((p) => ({ field, message: `${p} is not a person of the unit` })),
    );
}
