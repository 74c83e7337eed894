import { z } from 'zod';
import { addDiscipline, type Discipline } from '../../db/register-history';
import { disciplineLevels } from '../../domain/catalogue';
import { registerWriters, requireRole, requireVisiblePerson } from '../access';
import { parseInput, recordDate } from '../input';
import type { Actor, EngineDeps } from '../types';

export const disciplineInput = z
  .object({
    level: z.enum(disciplineLevels).nullable(),
    from: recordDate,
    to: recordDate.nullable().optional().describe('last day in force; null: still in force'),
    pendingInvestigation: z.boolean().optional(),
    note: z.string().trim().max(2000).nullable().optional(),
  })
  .strict()
  .refine((b) => b.level !== null || b.pendingInvestigation === true, {
    path: ['level'],
    message: 'required unless pendingInvestigation is true',
  })
  .refine((b) => !b.to || b.to >= b.from, { path: ['to'], message: 'before from' });

/** A discipline (kỷ luật), or a pending investigation or complaint (level null), on a person's record. */
export async function recordDiscipline(
  deps: Pick<EngineDeps, 'db'>,
  actor: Actor,
  personId: number,
  input: unknown,
): Promise<Discipline> {
  requireRole(actor, ...registerWriters);
  const body = parseInput(disciplineInput, input);
  await requireVisiblePerson(deps.db, actor, personId);
  const d = {
    personId,
    level: body.level,
    from: body.from,
    to: body.to ?? null,
    pendingInvestigation: body.pendingInvestigation ?? false,
    note: body.note ?? null,
  };
  return { id: await addDiscipline(deps.db, d), ...d };
}
