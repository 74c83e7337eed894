import type { Queryable } from './db';

/**
 * Council sessions (`council_sessions`), their members and attendance (`council_members`) and their
 * agenda with each item's secret-ballot count (`council_agenda`). Who may hold and record them, and the
 * quorum, are src/workflow/council.
 */

export interface CouncilMember {
  id: number;
  userId: number | null;
  fullName: string;
  role: string;
  present: boolean;
}

export interface AgendaItem {
  nominationId: number;
  position: number;
  membersTotal: number | null;
  present: number | null;
  yes: number | null;
  threshold: number | null;
  passed: boolean | null;
}

export interface CouncilSession {
  id: number;
  title: string;
  heldOn: string;
  location: string | null;
  members: CouncilMember[];
  agenda: AgendaItem[];
}

export async function getCouncilSession(q: Queryable, id: number): Promise<CouncilSession | null> {
  const s = await q.query<{ id: number; title: string; held_on: string; location: string | null }>(
    `SELECT id, title, to_char(held_on, 'YYYY-MM-DD') AS held_on, location FROM council_sessions WHERE id = $1`,
    [id],
  );
  if (!s[0]) return null;
  const members = await q.query<{
    id: number;
    user_id: number | null;
    full_name: string;
    role: string;
    present: boolean;
  }>('SELECT id, user_id, full_name, role, present FROM council_members WHERE session_id = $1 ORDER BY id', [
    id,
  ]);
  const agenda = await q.query<{
    nomination_id: number;
    position: number;
    members_total: number | null;
    present: number | null;
    yes: number | null;
    threshold: string | number | null;
    passed: boolean | null;
  }>(
    `SELECT nomination_id, position, members_total, present, yes, threshold, passed
     FROM council_agenda WHERE session_id = $1 ORDER BY position, nomination_id`,
    [id],
  );
  return {
    id: s[0].id,
    title: s[0].title,
    heldOn: s[0].held_on,
    location: s[0].location,
    members: members.map((m) => ({
      id: m.id,
      userId: m.user_id,
      fullName: m.full_name,
      role: m.role,
      present: m.present,
    })),
    agenda: agenda.map((a) => ({
      nominationId: a.nomination_id,
      position: a.position,
      membersTotal: a.members_total,
      present: a.present,
      yes: a.yes,
      threshold: a.threshold === null ? null : Number(a.threshold),
      passed: a.passed,
    })),
  };
}

/** Marks who attended: the listed member ids present, every other member of the session absent. */
export async function setAttendance(
  q: Queryable,
  sessionId: number,
  presentMemberIds: readonly number[],
): Promise<void> {
  await q.query('UPDATE council_members SET present = (id = ANY($2::integer[])) WHERE session_id = $1', [
    sessionId,
    [...presentMemberIds],
  ]);
}

export interface NewCouncilSession {
  title: string;
  heldOn: string;
  location?: string | null | undefined;
  members: ReadonlyArray<{ userId: number | null; fullName: string; role: string }>;
}

/** Inserts a session with its members; returns its id. */
export async function insertCouncilSession(
  q: Queryable,
  s: NewCouncilSession,
  userId: number | null,
): Promise<number> {
  const rows = await q.query<{ id: number }>(
    'INSERT INTO council_sessions (title, held_on, location, created_by) VALUES ($1, $2::date, $3, $4) RETURNING id',
    [s.title, s.heldOn, s.location ?? null, userId],
  );
  const id = rows[0]!.id;
  for (const m of s.members)
    await q.query(
      'INSERT INTO council_members (session_id, user_id, full_name, role) VALUES ($1, $2, $3, $4)',
      [id, m.userId, m.fullName, m.role],
    );
  return id;
}

/** Appends nominations to the session's agenda (each once, after the last position); returns the agenda's ids. */
export async function appendToAgenda(
  q: Queryable,
  sessionId: number,
  nominationIds: readonly number[],
): Promise<number[]> {
  const max = await q.query<{ p: number }>(
    'SELECT coalesce(max(position), 0)::integer AS p FROM council_agenda WHERE session_id = $1',
    [sessionId],
  );
  let pos = max[0]?.p ?? 0;
  for (const id of nominationIds)
    await q.query(
      'INSERT INTO council_agenda (session_id, nomination_id, position) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
      [sessionId, id, ++pos],
    );
  return (
    await q.query<{ nomination_id: number }>(
      'SELECT nomination_id FROM council_agenda WHERE session_id = $1 ORDER BY position',
      [sessionId],
    )
  ).map((r) => r.nomination_id);
}

/**
 * Locks one agenda item and reads the vote threshold its nomination carries (its award rules at
 * receipt; null when it carries none). Undefined when the nomination is not on the session's agenda.
 */
export async function lockAgendaItem(
  tx: Queryable,
  sessionId: number,
  nominationId: number,
): Promise<{ threshold: number | null } | undefined> {
  const rows = await tx.query<{ threshold: string | null }>(
    `SELECT (n.snapshot -> 'context' -> 'rules' ->> 'voteThreshold') AS threshold
     FROM council_agenda a JOIN nominations n ON n.id = a.nomination_id
     WHERE a.session_id = $1 AND a.nomination_id = $2 FOR UPDATE OF a`,
    [sessionId, nominationId],
  );
  const r = rows[0];
  return r ? { threshold: r.threshold === null ? null : Number(r.threshold) } : undefined;
}

/** The session's members and how many of them are marked present. */
export async function memberCounts(
  q: Queryable,
  sessionId: number,
): Promise<{ total: number; present: number }> {
  const rows = await q.query<{ total: number; present: number }>(
    'SELECT count(*)::integer AS total, count(*) FILTER (WHERE present)::integer AS present FROM council_members WHERE session_id = $1',
    [sessionId],
  );
  return { total: rows[0]?.total ?? 0, present: rows[0]?.present ?? 0 };
}

/** Writes an agenda item's count and outcome. */
export async function writeAgendaVote(
  q: Queryable,
  v: {
    sessionId: number;
    nominationId: number;
    membersTotal: number;
    present: number;
    yes: number;
    threshold: number;
    passed: boolean;
    userId: number | null;
  },
): Promise<void> {
  await q.query(
    `UPDATE council_agenda SET members_total = $3, present = $4, yes = $5, threshold = $6, passed = $7, voted_at = now(),
       recorded_by = $8 WHERE session_id = $1 AND nomination_id = $2`,
    [v.sessionId, v.nominationId, v.membersTotal, v.present, v.yes, v.threshold, v.passed, v.userId],
  );
}
