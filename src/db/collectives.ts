import type { Queryable } from './db';
import { type Person, personCols, type PersonRow, toPerson } from './persons';
import { unitLineage } from './units';

/** Collectives of the register (`collectives`) and their members of each year (`collective_members`). */

/** The unit `$1` and the units merged into it (see units.ts). */
const lineage = unitLineage('$1');

export interface Collective {
  id: number;
  unitId: number;
  name: string;
  memberCount: number;
}

export type CollectiveRow = { id: number; unit_id: number; name: string; member_count: number };

export const toCollective = (r: CollectiveRow): Collective => ({
  id: r.id,
  unitId: r.unit_id,
  name: r.name,
  memberCount: r.member_count,
});

export async function createCollective(
  db: Queryable,
  c: { unitId: number; name: string; memberCount: number },
): Promise<Collective> {
  const rows = await db.query<CollectiveRow>(
    'INSERT INTO collectives (unit_id, name, member_count) VALUES ($1, $2, $3) RETURNING id, unit_id, name, member_count',
    [c.unitId, c.name.trim().replace(/\s+/g, ' '), c.memberCount],
  );
  return toCollective(rows[0]!);
}

export async function getCollective(db: Queryable, id: number): Promise<Collective | null> {
  const rows = await db.query<CollectiveRow>(
    'SELECT id, unit_id, name, member_count FROM collectives WHERE id = $1',
    [id],
  );
  return rows[0] ? toCollective(rows[0]) : null;
}

export async function listCollectivesOfUnit(db: Queryable, unitId: number): Promise<Collective[]> {
  const rows = await db.query<CollectiveRow>(
    `${lineage} SELECT id, unit_id, name, member_count FROM collectives WHERE unit_id IN (SELECT id FROM lineage) ORDER BY name, id`,
    [unitId],
  );
  return rows.map(toCollective);
}

/** Replaces the collective's members for `year`. */
export async function setCollectiveMembers(
  db: Queryable,
  collectiveId: number,
  year: number,
  personIds: readonly number[],
): Promise<void> {
  await db.query('DELETE FROM collective_members WHERE collective_id = $1 AND year = $2', [
    collectiveId,
    year,
  ]);
  if (personIds.length)
    await db.query(
      `INSERT INTO collective_members (collective_id, year, person_id)
       SELECT $1, $2, x FROM unnest($3::integer[]) AS x ON CONFLICT DO NOTHING`,
      [collectiveId, year, [...new Set(personIds)]],
    );
}

/** The collective's members recorded for `year`. */
export async function listCollectiveMembers(
  db: Queryable,
  collectiveId: number,
  year: number,
): Promise<Person[]> {
  const rows = await db.query<PersonRow>(
    `SELECT ${personCols} FROM collective_members m JOIN persons p ON p.id = m.person_id
     WHERE m.collective_id = $1 AND m.year = $2 ORDER BY p.full_name, p.id`,
    [collectiveId, year],
  );
  return rows.map(toPerson);
}
