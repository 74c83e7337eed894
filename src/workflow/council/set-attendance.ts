import { z } from 'zod';
import { type CouncilSession, setAttendance as writeAttendance } from '../../db/council-sessions';
import { idSchema } from '../../domain/ids';
import { requireRole } from '../access';
import { invalidInput, parseInput } from '../input';
import type { Actor, EngineDeps } from '../types';
import { requireCouncilSession } from './council-session-view';

export const attendanceInput = z.object({ presentMemberIds: z.array(idSchema).max(200) }).strict();

/** Who attended: the listed members present, every other member of the session absent. */
export async function setAttendance(
  deps: Pick<EngineDeps, 'db'>,
  actor: Actor,
  sessionId: number,
  input: unknown,
): Promise<CouncilSession> {
  requireRole(actor, 'office');
  const { presentMemberIds } = parseInput(attendanceInput, input);
  return deps.db.transaction(async (tx) => {
    const s = await requireCouncilSession(tx, sessionId);
    const members = new Set(s.members.map((m) => m.id));
    const strangers = presentMemberIds.filter((m) => !members.has(m));
    if (strangers.length)
      throw invalidInput(
        'not members of this session',
        strangers.map((m) => ({ field: 'presentMemberIds', message: `${m} is not a member` })),
      );
    await writeAttendance(tx, sessionId, presentMemberIds);
    return requireCouncilSession(tx, sessionId);
  });
}
