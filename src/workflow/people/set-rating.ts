import { z } from 'zod';
import { setRating as writeRating } from '../../db/register-history';
import { ratingValues, type RatingValue } from '../../domain/catalogue';
import { registerWriters, requireRole, requireVisiblePerson } from '../access';
import { parseInput, registerYear } from '../input';
import type { Actor, EngineDeps } from '../types';

export const ratingInput = z.object({ year: registerYear, rating: z.enum(ratingValues) }).strict();

/** A person's task-completion rating for a year (replaces that year's). */
export async function setRating(
  deps: Pick<EngineDeps, 'db'>,
  actor: Actor,
  personId: number,
  input: unknown,
): Promise<{ personId: number; year: number; rating: RatingValue }> {
  requireRole(actor, ...registerWriters);
  const body = parseInput(ratingInput, input);
  await requireVisiblePerson(deps.db, actor, personId);
  await writeRating(deps.db, personId, body.year, body.rating);
  return { personId, year: body.year, rating: body.rating };
}
