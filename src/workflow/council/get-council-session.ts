import type { CouncilSession } from '../../db/council-sessions';
import { requireRole } from '../access';
import type { Actor, EngineDeps } from '../types';
import { requireCouncilSession } from './council-session-view';

/** A council session: members, attendance, agenda and the votes recorded (not for the units' clerks). */
export async function getCouncilSession(
  deps: Pick<EngineDeps, 'db'>,
  actor: Actor,
  sessionId: number,
): Promise<CouncilSession> {
  requireRole(actor, 'council', 'office', 'director', 'admin');
  return requireCouncilSession(deps.db, sessionId);
}
