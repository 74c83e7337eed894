import type { Queryable } from './db';

/**
 * A CTE `lineage(id)`: the unit given by the SQL parameter `param` and every unit merged into it,
 * directly or through a chain (A → B → C: C's lineage is {C, B, A}). UNION (not UNION ALL) stops on a
 * cycle in hand-edited data.
 */
export const unitLineage = (param: string): string => `WITH RECURSIVE lineage(id) AS (
  SELECT ${param}::integer
  UNION
  SELECT u.id FROM units u JOIN lineage l ON u.successor_id = l.id
)`;

/**
 * Units form a tree that changes over time: a unit renamed, merged or split keeps its row, gets a
 * `validTo` date and points to its successor, so history (and award records) stay attached.
 * Dates are `YYYY-MM-DD` strings (never JS Dates: a date has no time zone).
 */
export interface UnitRecord {
  id: number;
  code: string;
  name: string;
  parentId: number | null;
  email: string | null;
  validFrom: string;
  validTo: string | null;
  successorId: number | null;
  createdAt: Date;
}

interface UnitRow {
  [k: string]: unknown;
  id: number;
  code: string;
  name: string;
  parent_id: number | null;
  email: string | null;
  valid_from: string;
  valid_to: string | null;
  successor_id: number | null;
  created_at: Date;
}

const cols = `id, code, name, parent_id, email, to_char(valid_from, 'YYYY-MM-DD') AS valid_from,
  to_char(valid_to, 'YYYY-MM-DD') AS valid_to, successor_id, created_at`;
const toUnit = (r: UnitRow): UnitRecord => ({
  id: r.id,
  code: r.code,
  name: r.name,
  parentId: r.parent_id,
  email: r.email,
  validFrom: r.valid_from,
  validTo: r.valid_to,
  successorId: r.successor_id,
  createdAt: r.created_at,
});

export interface NewUnit {
  code: string;
  name: string;
  parentId: number | null;
  email: string | null;
  validFrom: string;
}

export async function createUnit(db: Queryable, u: NewUnit): Promise<UnitRecord> {
  const rows = await db.query<UnitRow>(
    `INSERT INTO units (code, name, parent_id, email, valid_from) VALUES ($1, $2, $3, $4, $5::date) RETURNING ${cols}`,
    [u.code, u.name, u.parentId, u.email, u.validFrom],
  );
  return toUnit(rows[0]!);
}

export async function getUnit(db: Queryable, id: number): Promise<UnitRecord | null> {
  const rows = await db.query<UnitRow>(`SELECT ${cols} FROM units WHERE id = $1`, [id]);
  return rows[0] ? toUnit(rows[0]) : null;
}

/** Locks the unit row for the rest of the transaction. */
export async function getUnitForUpdate(db: Queryable, id: number): Promise<UnitRecord | null> {
  const rows = await db.query<UnitRow>(`SELECT ${cols} FROM units WHERE id = $1 FOR UPDATE`, [id]);
  return rows[0] ? toUnit(rows[0]) : null;
}

export async function listUnits(db: Queryable, opts: { currentOnly?: boolean } = {}): Promise<UnitRecord[]> {
  const rows = await db.query<UnitRow>(
    `SELECT ${cols} FROM units ${opts.currentOnly ? 'WHERE valid_to IS NULL' : ''} ORDER BY code, id`,
  );
  return rows.map(toUnit);
}

/**
 * The current unit with this code, if any (codes are unique among current units). Codes are stored in
 * capitals; `upper` also finds one stored in lower case before codes were normalised.
 */
export async function findCurrentUnitByCode(db: Queryable, code: string): Promise<UnitRecord | null> {
  const rows = await db.query<UnitRow>(
    `SELECT ${cols} FROM units WHERE upper(code) = upper($1) AND valid_to IS NULL`,
    [code],
  );
  return rows[0] ? toUnit(rows[0]) : null;
}

/** Ids of `id` and all its ancestors (for cycle checks). */
export async function unitAncestorIds(db: Queryable, id: number): Promise<number[]> {
  const rows = await db.query<{ id: number }>(
    `WITH RECURSIVE up(id, parent_id, depth) AS (
       SELECT id, parent_id, 0 FROM units WHERE id = $1
       UNION ALL
       SELECT u.id, u.parent_id, up.depth + 1 FROM units u JOIN up ON u.id = up.parent_id WHERE up.depth < 100
     ) SELECT id FROM up`,
    [id],
  );
  return rows.map((r) => r.id);
}

export interface UnitPatch {
  name?: string;
  email?: string | null;
  parentId?: number | null;
}

export async function updateUnit(db: Queryable, id: number, p: UnitPatch): Promise<UnitRecord | null> {
  const rows = await db.query<UnitRow>(
    `UPDATE units SET
       name = COALESCE($2, name),
       email = CASE WHEN $3::boolean THEN $4::text ELSE email END,
       parent_id = CASE WHEN $5::boolean THEN $6::integer ELSE parent_id END
     WHERE id = $1 RETURNING ${cols}`,
    [
      id,
      p.name ?? null,
      p.email !== undefined,
      p.email ?? null,
      p.parentId !== undefined,
      p.parentId ?? null,
    ],
  );
  return rows[0] ? toUnit(rows[0]) : null;
}

/** Ends a unit's validity. The successor is set separately, since it may be created after the retirement. */
export async function retireUnit(db: Queryable, id: number, validTo: string): Promise<void> {
  await db.query('UPDATE units SET valid_to = $2::date WHERE id = $1', [id, validTo]);
}

export async function setUnitSuccessor(db: Queryable, id: number, successorId: number): Promise<void> {
  await db.query('UPDATE units SET successor_id = $2 WHERE id = $1', [id, successorId]);
}

/** Moves the current children of a retired unit under its successor. */
export async function reparentCurrentChildren(db: Queryable, fromId: number, toId: number): Promise<number> {
  const rows = await db.query(
    'UPDATE units SET parent_id = $2 WHERE parent_id = $1 AND valid_to IS NULL AND id <> $2 RETURNING id',
    [fromId, toId],
  );
  return rows.length;
}

/** `unitId` and every unit merged into it, directly or through a chain (its lineage), ascending. */
export async function unitLineageIds(db: Queryable, unitId: number): Promise<number[]> {
  const rows = await db.query<{ id: number }>(`${unitLineage('$1')} SELECT id FROM lineage ORDER BY id`, [
    unitId,
  ]);
  return rows.map((r) => r.id);
}

/**
 * The tree as it stood on `date`: the units valid that day (from `validFrom`, through `validTo`), each
 * with the parent it has now when that parent was valid too.
 */
export async function listUnitsAt(db: Queryable, date: string): Promise<UnitRecord[]> {
  const rows = await db.query<UnitRow>(
    `SELECT ${cols} FROM units WHERE valid_from <= $1::date AND (valid_to IS NULL OR valid_to >= $1::date)
      ORDER BY code, id`,
    [date],
  );
  return rows.map(toUnit);
}
