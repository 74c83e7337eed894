import { z } from 'zod';
import { addInitiative, type Initiative } from '../../db/register-history';
import { initiativeScopes } from '../../domain/catalogue';
import { registerWriters, requireRole, requireVisiblePerson } from '../access';
import { parseInput, recordDate, registerYear } from '../input';
import type { Actor, EngineDeps } from '../types';

export const initiativeInput = z
  .object({
    title: z.string().trim().min(1).max(500),
    scope: z.enum(initiativeScopes),
    recognisedOn: recordDate,
    year: registerYear.optional().describe('the year it counts for; default: the year of recognisedOn'),
  })
  .strict();

/** A person's recognised initiative (sáng kiến), counted for the year it is recognised in unless told. */
export async function recordInitiative(
  deps: Pick<EngineDeps, 'db'>,
  actor: Actor,
  personId: number,
  input: unknown,
): Promise<Initiative> {
  requireRole(actor, ...registerWriters);
  const body = parseInput(initiativeInput, input);
  await requireVisiblePerson(deps.db, actor, personId);
  const year = body.year ?? Number(body.recognisedOn.slice(0, 4));
  const i = { personId, title: body.title, scope: body.scope, recognisedOn: body.recognisedOn, year };
  return { id: await addInitiative(deps.db, i), ...i };
}
