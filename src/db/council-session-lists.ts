import type { Queryable } from './db';

/**
 * Reads of the council's sessions for lists and agendas (the sessions themselves: council-sessions.ts):
 * the sessions newest first with their figures, and an agenda's nominations in one statement.
 */
export interface CouncilSessionSummary {
  id: number;
  title: string;
  heldOn: string;
  location: string | null;
  membersTotal: number;
  present: number;
  agendaItems: number;
  voted: number;
}

/** Newest meeting first (by date, then id); keyset cursor on id within the order of ids. */
export async function selectCouncilSessions(
  q: Queryable,
  page: { limit: number; beforeId?: number | undefined },
): Promise<CouncilSessionSummary[]> {
  const params: unknown[] = [page.limit];
  let where = '';
  if (page.beforeId !== undefined) {
    params.push(page.beforeId);
    where = 'WHERE s.id < $2';
  }
  const rows = await q.query<{
    id: number;
    title: string;
    held_on: string;
    location: string | null;
    members_total: number;
    present: number;
    agenda_items: number;
    voted: number;
  }>(
    `SELECT s.id, s.title, to_char(s.held_on, 'YYYY-MM-DD') AS held_on, s.location,
            (SELECT count(*)::integer FROM council_members m WHERE m.session_id = s.id) AS members_total,
            (SELECT count(*)::integer FROM council_members m WHERE m.session_id = s.id AND m.present) AS present,
            (SELECT count(*)::integer FROM council_agenda a WHERE a.session_id = s.id) AS agenda_items,
            (SELECT count(*)::integer FROM council_agenda a WHERE a.session_id = s.id AND a.voted_at IS NOT NULL) AS voted
       FROM (SELECT * FROM council_sessions s ${where} ORDER BY s.id DESC LIMIT $1) s
      ORDER BY s.id DESC`,
    params,
  );
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    heldOn: r.held_on,
    location: r.location,
    membersTotal: r.members_total,
    present: r.present,
    agendaItems: r.agenda_items,
    voted: r.voted,
  }));
}

export interface AgendaNomination {
  nominationId: number;
  nomineeName: string;
  nomineeKind: string;
  awardCode: string;
  unitName: string;
  state: string;
  version: number;
  summary: string | null;
}

/** The nominations on a session's agenda, in agenda order. */
export async function agendaNominations(q: Queryable, sessionId: number): Promise<AgendaNomination[]> {
  const rows = await q.query<{
    id: number;
    nominee_name: string;
    nominee_kind: string;
    award_code: string;
    unit_name: string;
    state: string;
    version: number;
    summary: string | null;
  }>(
    `SELECT n.id, n.nominee_name, n.nominee_kind, n.award_code, u.name AS unit_name, n.state, n.version, n.summary
       FROM council_agenda a JOIN nominations n ON n.id = a.nomination_id JOIN units u ON u.id = n.unit_id
      WHERE a.session_id = $1 ORDER BY a.position, a.nomination_id`,
    [sessionId],
  );
  return rows.map((r) => ({
    nominationId: r.id,
    nomineeName: r.nominee_name,
    nomineeKind: r.nominee_kind,
    awardCode: r.award_code,
    unitName: r.unit_name,
    state: r.state,
    version: r.version,
    summary: r.summary,
  }));
}
