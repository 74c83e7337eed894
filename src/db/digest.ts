import type { Queryable, Row } from './db';

/**
 * What the daily digest lists: records waiting for the office or the director, with the due time of the
 * deadline armed for their current state entry (rung `deadline`; `fired` ones stay listed: they are the
 * overdue ones).
 */
export type DigestAudience = 'office' | 'director';

/** The states that wait on an audience, per record type (the machines' `officeToAct` / `directorToAct` tags). */
export type WaitingStates = Record<'dossier' | 'nomination' | 'decision' | 'submission', readonly string[]>;

export interface WaitingItemRow extends Row {
  record_type: 'dossier' | 'nomination' | 'decision' | 'submission';
  record_id: number;
  title: string;
  state: string;
  due_at: Date | null;
}

const dueAt = (type: string, alias: string): string =>
  `(SELECT min(t.due_at) FROM timers t
     WHERE t.record_type = '${type}' AND t.record_id = ${alias}.id AND t.entry_seq = ${alias}.entry_seq
       AND t.rung = 'deadline' AND t.status IN ('armed', 'fired'))`;

/** Items waiting on an audience, soonest due first (undated last); at most `limit`. */
export async function listWaitingItems(
  q: Queryable,
  s: WaitingStates,
  limit = 500,
): Promise<WaitingItemRow[]> {
  return q.query<WaitingItemRow>(
    `SELECT * FROM (
       SELECT 'dossier' AS record_type, d.id AS record_id, d.title, d.state, ${dueAt('dossier', 'd')} AS due_at
         FROM dossiers d WHERE d.state = ANY($1::text[])
       UNION ALL
       SELECT 'nomination', n.id, n.nominee_name || ' — ' || n.award_code, n.state, ${dueAt('nomination', 'n')}
         FROM nominations n WHERE n.state = ANY($2::text[])
       UNION ALL
       SELECT 'decision', c.id, c.title, c.state, ${dueAt('decision', 'c')}
         FROM decisions c WHERE c.state = ANY($3::text[])
       UNION ALL
       SELECT 'submission', s.id, s.title, s.state, ${dueAt('submission', 's')}
         FROM submissions s WHERE s.state = ANY($4::text[])
     ) w
     ORDER BY due_at ASC NULLS LAST, record_type, record_id
     LIMIT $5`,
    [s.dossier, s.nomination, s.decision, s.submission, limit],
  );
}

export interface DigestRecipientRow extends Row {
  id: number;
  email: string;
  full_name: string;
  locale: string;
  roles: string[];
}

/** Active office staff and directors with an email address. */
export async function listDigestRecipients(q: Queryable): Promise<DigestRecipientRow[]> {
  return q.query<DigestRecipientRow>(
    `SELECT id, email, full_name, locale, roles FROM users
      WHERE active AND roles && ARRAY['office', 'director']::text[] AND email <> ''
      ORDER BY id`,
  );
}
