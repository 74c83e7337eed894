import type { Queryable } from './db';

/** A campaign's year and state, or null when there is no such campaign. */
export async function campaignFacts(
  q: Queryable,
  campaignId: number,
): Promise<{ year: number; state: string; kind: string } | null> {
  const rows = await q.query<{ year: number; state: string; kind: string }>(
    'SELECT year, state, kind FROM campaigns WHERE id = $1',
    [campaignId],
  );
  return rows[0] ?? null;
}
