import { type CouncilSession, insertCouncilSession } from '../../db/council-sessions';
import { findUserById } from '../../db/users';
import { councilSessionInputSchema } from '../../domain/council';
import { requireRole } from '../access';
import { invalidInput, parseInput, recordDate } from '../input';
import type { Actor, EngineDeps } from '../types';
import { requireCouncilSession } from './council-session-view';

export const councilSessionInput = councilSessionInputSchema.extend({ heldOn: recordDate });

/** The office opens a council session (phiên họp Hội đồng): its date and the council's members. */
export async function openCouncilSession(
  deps: Pick<EngineDeps, 'db'>,
  actor: Actor,
  input: unknown,
): Promise<CouncilSession> {
  requireRole(actor, 'office');
  const s = parseInput(councilSessionInput, input);
  const unknownUsers: number[] = [];
  for (const m of s.members)
    if (m.userId !== null && !(await findUserById(deps.db, m.userId))) unknownUsers.push(m.userId);
  if (unknownUsers.length)
    throw invalidInput(
      'unknown users among the members',
      unknownUsers.map((u) => ({ field: 'members.userId', message: `no user ${u}` })),
    );
  return deps.db.transaction(async (tx) =>
    requireCouncilSession(tx, await insertCouncilSession(tx, s, actor.userId)),
  );
}
