import type { Queryable } from '../../db/db';
import { type CouncilSession, getCouncilSession } from '../../db/council-sessions';
import { AppError } from '../../errors';

/** A council session with its members, attendance and agenda, or NOT_FOUND. */
export async function requireCouncilSession(q: Queryable, sessionId: number): Promise<CouncilSession> {
  const s = await getCouncilSession(q, sessionId);
  if (!s) throw new AppError('NOT_FOUND', `council session ${sessionId} not found`);
  return s;
}
