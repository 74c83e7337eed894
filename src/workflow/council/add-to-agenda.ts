import { z } from 'zod';
import { appendToAgenda, type CouncilSession } from '../../db/council-sessions';
import { statesOf } from '../../db/records';
import { idSchema } from '../../domain/ids';
import { requireRole } from '../access';
import { invalidInput, parseInput } from '../input';
import type { Actor, EngineDeps } from '../types';
import { requireCouncilSession } from './council-session-view';

export const agendaInput = z.object({ nominationIds: z.array(idSchema).min(1).max(500) }).strict();

/** Puts nominations on a session's agenda; each must be in council review (the vote is theirs to take). */
export async function addToAgenda(
  deps: Pick<EngineDeps, 'db'>,
  actor: Actor,
  sessionId: number,
  input: unknown,
): Promise<CouncilSession> {
  requireRole(actor, 'office');
  const { nominationIds } = parseInput(agendaInput, input);
  return deps.db.transaction(async (tx) => {
    await requireCouncilSession(tx, sessionId);
    const found = await statesOf(tx, 'nomination', nominationIds);
    // Named by position in the request, as every other field error is (the id is in the message).
    const bad = nominationIds
      .map((id, i) => ({ id, i }))
      .filter(({ id }) => found.get(id) !== 'councilReview');
    if (bad.length)
      throw invalidInput(
        'only nominations in council review can be put on the agenda',
        bad.map(({ id, i }) => ({
          field: `nominationIds.${i}`,
          message: found.has(id) ? `nomination ${id} is ${found.get(id)}` : `nomination ${id} not found`,
        })),
      );
    await appendToAgenda(tx, sessionId, nominationIds);
    return requireCouncilSession(tx, sessionId);
  });
}
