import type { Queryable } from './db';

/** The unit a unit's chain of successors ends at today (itself if it was never merged). */
export async function currentUnitOf(db: Queryable, unitId: number): Promise<number> {
  const rows = await db.query<{ id: number }>(
    `WITH RECURSIVE chain(id, successor_id, depth) AS (
       SELECT id, successor_id, 0 FROM units WHERE id = $1
       UNION ALL
       SELECT u.id, u.successor_id, c.depth + 1 FROM units u JOIN chain c ON u.id = c.successor_id WHERE c.depth < 50
     )
     SELECT id FROM chain ORDER BY depth DESC LIMIT 1`,
    [unitId],
  );
  return rows[0]?.id ?? unitId;
}
