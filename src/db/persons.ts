import type { Queryable } from './db';
import { currentUnitOf } from './unit-succession';
import { unitLineage } from './units';

/**
 * The people of the register (`persons`). A person keeps one id for life: when a unit is merged its
 * people may be moved to the successor (`followMerger`) or left where they were; either way every "of
 * this unit" query walks the `units.successor_id` chain backwards, so the people of a merged unit are
 * found under its successor with their whole award history. Dates are YYYY-MM-DD strings.
 */

export interface Person {
  id: number;
  unitId: number;
  fullName: string;
  birthYear: number | null;
  position: string | null;
  createdAt: Date;
}

export type PersonRow = {
  id: number;
  unit_id: number;
  full_name: string;
  birth_year: number | null;
  position: string | null;
  created_at: Date;
};

export const personCols = 'p.id, p.unit_id, p.full_name, p.birth_year, p.position, p.created_at';

export const toPerson = (r: PersonRow): Person => ({
  id: r.id,
  unitId: r.unit_id,
  fullName: r.full_name,
  birthYear: r.birth_year,
  position: r.position,
  createdAt: r.created_at,
});

/** The unit `$1` and the units merged into it (see units.ts). */
const lineage = unitLineage('$1');

export async function createPerson(
  db: Queryable,
  p: { unitId: number; fullName: string; birthYear?: number | null; position?: string | null },
): Promise<Person> {
  const rows = await db.query<PersonRow>(
    `INSERT INTO persons AS p (unit_id, full_name, birth_year, position) VALUES ($1, $2, $3, $4) RETURNING ${personCols}`,
    [p.unitId, p.fullName.trim().replace(/\s+/g, ' '), p.birthYear ?? null, p.position ?? null],
  );
  return toPerson(rows[0]!);
}

export async function getPerson(db: Queryable, id: number): Promise<Person | null> {
  const rows = await db.query<PersonRow>(`SELECT ${personCols} FROM persons p WHERE p.id = $1`, [id]);
  return rows[0] ? toPerson(rows[0]) : null;
}

/** People of a unit, including those still recorded under units merged into it. */
export async function listPersonsOfUnit(db: Queryable, unitId: number): Promise<Person[]> {
  const rows = await db.query<PersonRow>(
    `${lineage} SELECT ${personCols} FROM persons p WHERE p.unit_id IN (SELECT id FROM lineage) ORDER BY p.full_name, p.id`,
    [unitId],
  );
  return rows.map(toPerson);
}

/** People of the unit (lineage included) whose name matches, ignoring case, accents' encoding and spacing. */
export async function findPersonsByName(db: Queryable, unitId: number, fullName: string): Promise<Person[]> {
  const wanted = normaliseName(fullName);
  return (await listPersonsOfUnit(db, unitId)).filter((p) => normaliseName(p.fullName) === wanted);
}

/** Case- and spacing-insensitive; accents kept (Lê ≠ Lế), only their Unicode form is unified. */
export const normaliseName = (s: string): string =>
  s.normalize('NFC').toLocaleLowerCase('vi').replace(/\s+/g, ' ').trim();

/** After a merger: moves the people and collectives of `fromUnitId` to its successor, ids unchanged. */
export async function followMerger(
  db: Queryable,
  fromUnitId: number,
): Promise<{ persons: number; collectives: number }> {
  const to = await currentUnitOf(db, fromUnitId);
  if (to === fromUnitId) return { persons: 0, collectives: 0 };
  const p = await db.query('UPDATE persons SET unit_id = $2 WHERE unit_id = $1 RETURNING id', [
    fromUnitId,
    to,
  ]);
  const c = await db.query('UPDATE collectives SET unit_id = $2 WHERE unit_id = $1 RETURNING id', [
    fromUnitId,
    to,
  ]);
  return { persons: p.length, collectives: c.length };
}

/** The ids among `personIds` / `collectiveIds` that are NOT recorded under the unit or its merged predecessors. */
export async function outsideUnit(
  db: Queryable,
  unitId: number,
  of: { personIds?: readonly number[]; collectiveIds?: readonly number[] },
): Promise<{ personIds: number[]; collectiveIds: number[] }> {
  const personIds = [...new Set(of.personIds ?? [])];
  const collectiveIds = [...new Set(of.collectiveIds ?? [])];
  const inside = await db.query<{ kind: string; id: number }>(
    `${lineage}
     SELECT 'p' AS kind, id FROM persons WHERE id = ANY($2::integer[]) AND unit_id IN (SELECT id FROM lineage)
     UNION ALL
     SELECT 'c' AS kind, id FROM collectives WHERE id = ANY($3::integer[]) AND unit_id IN (SELECT id FROM lineage)`,
    [unitId, personIds, collectiveIds],
  );
  const p = new Set(inside.filter((r) => r.kind === 'p').map((r) => r.id));
  const c = new Set(inside.filter((r) => r.kind === 'c').map((r) => r.id));
  return {
    personIds: personIds.filter((id) => !p.has(id)),
    collectiveIds: collectiveIds.filter((id) => !c.has(id)),
  };
}
