import type { RatingValue } from '../domain/catalogue';
import type { CollectiveNominee, MemberRecord, PersonNominee } from '../domain/eligibility';
import { type CollectiveRow, toCollective } from './collectives';
import type { Queryable } from './db';
import {
  type AwardRow,
  awardCols,
  listDisciplines,
  listPastAwards,
  loadPersonHistories,
  toAward,
} from './register-history';

/**
 * Nominees as the eligibility engine reads them: people and collectives with their history, loaded in a
 * fixed number of queries for any number of them; and the nominations that name each of them.
 */

/** The nominations naming a person or a collective of the register, oldest first (any unit: the history follows them). */
export async function nominationsOfNominee(
  db: Queryable,
  of: { personId?: number; collectiveId?: number },
): Promise<
  Array<{ id: number; awardCode: string; state: string; campaignId: number; year: number; unitId: number }>
> {
  const rows = await db.query<{
    id: number;
    award_code: string;
    state: string;
    campaign_id: number;
    year: number;
    unit_id: number;
  }>(
    `SELECT n.id, n.award_code, n.state, n.campaign_id, c.year, n.unit_id
     FROM nominations n JOIN campaigns c ON c.id = n.campaign_id
     WHERE ($1::integer IS NOT NULL AND n.person_id = $1 AND n.nominee_kind <> 'collective')
        OR ($2::integer IS NOT NULL AND n.collective_id = $2 AND n.nominee_kind = 'collective')
     ORDER BY n.id`,
    [of.personId ?? null, of.collectiveId ?? null],
  );
  return rows.map((r) => ({
    id: r.id,
    awardCode: r.award_code,
    state: r.state,
    campaignId: r.campaign_id,
    year: r.year,
    unitId: r.unit_id,
  }));
}

/** People as the eligibility engine sees them, by id (ids that do not exist are absent). */
export async function loadPersonNominees(
  db: Queryable,
  personIds: readonly number[],
): Promise<Map<number, PersonNominee>> {
  const ids = [...new Set(personIds)];
  const out = new Map<number, PersonNominee>();
  if (!ids.length) return out;
  const people = await db.query<{ id: number; full_name: string }>(
    'SELECT id, full_name FROM persons WHERE id = ANY($1::integer[])',
    [ids],
  );
  const histories = await loadPersonHistories(
    db,
    people.map((p) => p.id),
  );
  for (const p of people)
    out.set(p.id, { kind: 'individual', personId: p.id, name: p.full_name, ...histories.get(p.id)! });
  return out;
}

/** A person as the eligibility engine sees them. */
export async function loadPersonNominee(db: Queryable, personId: number): Promise<PersonNominee | null> {
  return (await loadPersonNominees(db, [personId])).get(personId) ?? null;
}

/** The key of a collective judged on its members of one year (`loadCollectiveNominees`). */
export const collectiveYearKey = (collectiveId: number, year: number): string => `${collectiveId}:${year}`;

/**
 * Collectives with their members of a year and the members' history, as the eligibility engine sees
 * them, keyed by `collectiveYearKey`. A fixed number of queries for any number of collectives.
 */
export async function loadCollectiveNominees(
  db: Queryable,
  wanted: ReadonlyArray<{ collectiveId: number; year: number }>,
): Promise<Map<string, CollectiveNominee>> {
  const out = new Map<string, CollectiveNominee>();
  if (!wanted.length) return out;
  const collectiveIds = [...new Set(wanted.map((w) => w.collectiveId))];
  const collectives = new Map(
    (
      await db.query<CollectiveRow>(
        'SELECT id, unit_id, name, member_count FROM collectives WHERE id = ANY($1::integer[])',
        [collectiveIds],
      )
    ).map((r) => [r.id, toCollective(r)]),
  );
  // Members of each (collective, year) with their rating that year; then, as the rules read a member
  // (src/domain/eligibility.ts MemberRecord), their awards of that year and their discipline records.
  const pairs = [wanted.map((w) => w.collectiveId), wanted.map((w) => w.year)];
  const members = await db.query<{
    collective_id: number;
    year: number;
    id: number;
    full_name: string;
    rating: RatingValue | null;
  }>(
    `SELECT m.collective_id, m.year, p.id, p.full_name, r.rating
     FROM collective_members m
     JOIN unnest($1::integer[], $2::integer[]) AS w(collective_id, year)
       ON w.collective_id = m.collective_id AND w.year = m.year
     JOIN persons p ON p.id = m.person_id
     LEFT JOIN task_ratings r ON r.person_id = m.person_id AND r.year = m.year
     ORDER BY p.full_name, p.id`,
    pairs,
  );
  const memberAwards = await db.query<AwardRow>(
    `SELECT ${awardCols} FROM past_awards
     WHERE (person_id, year) IN (SELECT * FROM unnest($1::integer[], $2::integer[]))
     ORDER BY year, award_code, id`,
    [members.map((m) => m.id), members.map((m) => m.year)],
  );
  const memberDisciplines = await listDisciplines(db, [...new Set(members.map((m) => m.id))]);
  const ownAwards = await listPastAwards(db, { collectiveIds: [...collectives.keys()] });
  for (const { collectiveId, year } of wanted) {
    const c = collectives.get(collectiveId);
    if (!c) continue;
    const memberRecords: MemberRecord[] = members
      .filter((m) => m.collective_id === collectiveId && m.year === year)
      .map((m) => ({
        personId: m.id,
        name: m.full_name,
        rating: m.rating,
        pastAwards: memberAwards.filter((a) => a.person_id === m.id && a.year === year).map(toAward),
        disciplines: memberDisciplines.filter((d) => d.personId === m.id),
      }));
    out.set(collectiveYearKey(collectiveId, year), {
      kind: 'collective',
      collectiveId,
      name: c.name,
      memberCount: c.memberCount,
      pastAwards: ownAwards.filter((a) => a.collectiveId === collectiveId),
      members: memberRecords,
    });
  }
  return out;
}

/** A collective with its members of `year` and their history, as the eligibility engine sees it. */
export async function loadCollectiveNominee(
  db: Queryable,
  collectiveId: number,
  year: number,
): Promise<CollectiveNominee | null> {
  return (
    (await loadCollectiveNominees(db, [{ collectiveId, year }])).get(collectiveYearKey(collectiveId, year)) ??
    null
  );
}
