import { type AgendaNomination, agendaNominations } from '../../db/council-session-lists';
import type { AgendaItem, CouncilSession } from '../../db/council-sessions';
import { quorumNeeded } from '../../domain/council';
import { requireRole } from '../access';
import { objectionsByNomination, type Objection } from '../records/list-objections';
import type { Actor, EngineDeps } from '../types';
import { requireCouncilSession } from './council-session-view';

export interface AgendaEntry extends AgendaItem {
  nomination: Omit<AgendaNomination, 'nominationId'>;
  /** Objections filed during the nomination's public notice (text and author), shown to the council. */
  objections: Objection[];
}

export interface CouncilAgenda extends Omit<CouncilSession, 'agenda'> {
  /** Attendance against the two-thirds quorum of all the session's members. */
  quorum: { membersTotal: number; present: number; needed: number; met: boolean };
  agenda: AgendaEntry[];
}

/**
 * A council session as its members read it: attendance and the quorum, and each agenda item with its
 * nomination (nominee, award, unit, state), the vote recorded, and the objections beside it. A fixed
 * number of statements whatever the agenda's length.
 */
export async function getCouncilAgenda(
  deps: Pick<EngineDeps, 'db'>,
  actor: Actor,
  sessionId: number,
): Promise<CouncilAgenda> {
  requireRole(actor, 'council', 'office', 'director', 'admin');
  const session = await requireCouncilSession(deps.db, sessionId);
  const noms = await agendaNominations(deps.db, sessionId);
  const objections = await objectionsByNomination(
    deps,
    noms.map((n) => n.nominationId),
  );
  const byId = new Map(noms.map((n) => [n.nominationId, n]));
  const total = session.members.length;
  const present = session.members.filter((m) => m.present).length;
  const needed = total > 0 ? quorumNeeded(total) : 0;
  return {
    ...session,
    quorum: { membersTotal: total, present, needed, met: total > 0 && present >= needed },
    agenda: session.agenda.map((a) => {
      const { nominationId: _, ...nomination } = byId.get(a.nominationId)!;
      return { ...a, nomination, objections: objections.get(a.nominationId) ?? [] };
    }),
  };
}
