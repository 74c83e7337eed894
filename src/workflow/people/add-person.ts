import { z } from 'zod';
import { createPerson, type Person } from '../../db/persons';
import { registerWriters, requireRole, requireWritableUnit } from '../access';
import { parseInput } from '../input';
import type { Actor, EngineDeps } from '../types';

export const addPersonInput = z
  .object({
    fullName: z.string().trim().min(1).max(200),
    birthYear: z.number().int().min(1900).max(2100).nullable().optional(),
    position: z.string().trim().max(200).nullable().optional(),
  })
  .strict();

/** A person joins a unit's register (a current unit: a retired one's people are added to its successor). */
export async function addPerson(
  deps: Pick<EngineDeps, 'db'>,
  actor: Actor,
  unitId: number,
  input: unknown,
): Promise<Person> {
  requireRole(actor, ...registerWriters);
  const body = parseInput(addPersonInput, input);
  await requireWritableUnit(deps.db, actor, unitId);
  return createPerson(deps.db, {
    unitId,
    fullName: body.fullName,
    birthYear: body.birthYear ?? null,
    position: body.position ?? null,
  });
}
