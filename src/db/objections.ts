import type { Queryable } from './db';

/**
 * The objections filed on nominations during their public notice: the FILE_OBJECTION rows of their
 * history (the text as filed, who filed it, when). One statement for any number of nominations.
 */
export interface ObjectionRow {
  nominationId: number;
  seq: number;
  at: Date;
  actorId: number | null;
  actorName: string | null;
  text: string;
}

export async function objectionsOf(q: Queryable, nominationIds: readonly number[]): Promise<ObjectionRow[]> {
  if (nominationIds.length === 0) return [];
  const rows = await q.query<{
    record_id: number;
    seq: number;
    at: Date;
    actor_id: number | null;
    actor_name: string | null;
    text: string | null;
  }>(
    `SELECT record_id, seq, at, actor_id, actor_name, payload ->> 'text' AS text
       FROM history
      WHERE record_type = 'nomination' AND record_id = ANY($1::integer[]) AND event = 'FILE_OBJECTION'
      ORDER BY record_id, seq`,
    [[...nominationIds]],
  );
  return rows.map((r) => ({
    nominationId: r.record_id,
    seq: r.seq,
    at: r.at,
    actorId: r.actor_id,
    actorName: r.actor_name,
    text: r.text ?? '',
  }));
}
