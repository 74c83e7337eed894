import type { DisciplineLevel, InitiativeScope, RatingValue } from '../domain/catalogue';
import type {
  CollectiveNominee,
  DisciplineRecord,
  InitiativeRecord,
  MemberRecord,
  PastAwardRecord,
  PersonNominee,
  RatingRecord,
} from '../domain/eligibility';
import type { ValidRow } from '../domain/people-import';
import { normaliseHeader } from '../domain/people-import';
import type { Db, Queryable } from './db';
import { currentUnitOf } from './unit-succession';
import { unitLineage } from './units';

/**
 * The people and collectives register and their history. A person keeps one id for life: when a unit
 * is merged its people may be moved to the successor (`followMerger`) or left where they were; either
 * way every "of this unit" query walks the `units.successor_id` chain backwards, so the people of a
 * merged unit are found under its successor with their whole award history.
 * Dates are YYYY-MM-DD strings.
 */

export interface Person {
  id: number;
  unitId: number;
  fullName: string;
  birthYear: number | null;
  position: string | null;
  createdAt: Date;
}
export interface Collective {
  id: number;
  unitId: number;
  name: string;
  memberCount: number;
}
export type PastAwardSource = 'manual' | 'import' | 'system';
export interface PastAward extends PastAwardRecord {
  id: number;
  personId: number | null;
  collectiveId: number | null;
  decidedOn: string | null;
  source: PastAwardSource;
}
export interface Initiative extends InitiativeRecord {
  id: number;
  personId: number;
  recognisedOn: string;
}
export interface Discipline extends DisciplineRecord {
  id: number;
  personId: number;
}

type PersonRow = {
  id: number;
  unit_id: number;
  full_name: string;
  birth_year: number | null;
  position: string | null;
  created_at: Date;
};
const personCols = 'p.id, p.unit_id, p.full_name, p.birth_year, p.position, p.created_at';
const toPerson = (r: PersonRow): Person => ({
  id: r.id,
  unitId: r.unit_id,
  fullName: r.full_name,
  birthYear: r.birth_year,
  position: r.position,
  createdAt: r.created_at,
});
type CollectiveRow = { id: number; unit_id: number; name: string; member_count: number };
const toCollective = (r: CollectiveRow): Collective => ({
  id: r.id,
  unitId: r.unit_id,
  name: r.name,
  memberCount: r.member_count,
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

export interface NewPastAward {
  personId?: number | null;
  collectiveId?: number | null;
  awardCode: string;
  year: number;
  decisionNumber?: string | null;
  decidedOn?: string | null;
  source: PastAwardSource;
  nominationId?: number | null;
  createdBy?: number | null;
}

/** Records a past award; returns null when the nominee already holds that award for that year. */
export async function addPastAward(db: Queryable, a: NewPastAward): Promise<number | null> {
  const conflict = a.personId
    ? 'ON CONFLICT (person_id, award_code, year) WHERE person_id IS NOT NULL DO NOTHING'
    : 'ON CONFLICT (collective_id, award_code, year) WHERE collective_id IS NOT NULL DO NOTHING';
  const rows = await db.query<{ id: number }>(
    `INSERT INTO past_awards (person_id, collective_id, award_code, year, decision_number, decided_on, source, nomination_id, created_by)
     VALUES ($1, $2, $3, $4, $5, $6::date, $7, $8, $9) ${conflict} RETURNING id`,
    [
      a.personId ?? null,
      a.collectiveId ?? null,
      a.awardCode,
      a.year,
      a.decisionNumber ?? null,
      a.decidedOn ?? null,
      a.source,
      a.nominationId ?? null,
      a.createdBy ?? null,
    ],
  );
  return rows[0]?.id ?? null;
}

/**
 * A nomination became `awarded`: its nominee's past award, source 'system', for the campaign's year, in
 * the event's transaction, so the next years' checks (three consecutive CSTDCS, a prior Bằng khen) see
 * it. Only for a nominee of the register (`person_id` / `collective_id` that exists). When the nominee
 * already holds that award for that year (recorded by hand or imported), that row is left as it is and
 * nothing is written: returns null.
 */
export async function recordAwardOfNomination(
  db: Queryable,
  nominationId: number,
  a: { decisionNumber: string | null; decidedOn: string | null; createdBy: number | null },
): Promise<number | null> {
  const rows = await db.query<{ id: number }>(
    `INSERT INTO past_awards (person_id, collective_id, award_code, year, decision_number, decided_on, source, nomination_id, created_by)
     SELECT p.id, c.id, n.award_code, k.year, $2, $3::date, 'system', n.id, $4
     FROM nominations n JOIN campaigns k ON k.id = n.campaign_id
       LEFT JOIN persons p ON p.id = n.person_id AND n.nominee_kind <> 'collective'
       LEFT JOIN collectives c ON c.id = n.collective_id AND n.nominee_kind = 'collective'
     WHERE n.id = $1 AND (p.id IS NOT NULL OR c.id IS NOT NULL)
     ON CONFLICT DO NOTHING RETURNING id`,
    [nominationId, a.decisionNumber, a.decidedOn, a.createdBy],
  );
  return rows[0]?.id ?? null;
}

/**
 * A nomination's award was revoked: the past award the system wrote for it is deleted, so it no longer
 * counts toward any later prerequisite, and the same award for the same year may be granted again (the
 * register allows one row per nominee, award and year). Nothing is lost: the award and its revocation,
 * with the reason, stay in the nomination's hash-chained history. A row recorded by hand or imported is
 * not the system's and is left alone. Returns how many rows were deleted (0 or 1).
 */
export async function removeAwardOfNomination(db: Queryable, nominationId: number): Promise<number> {
  const rows = await db.query<{ id: number }>(
    `DELETE FROM past_awards WHERE nomination_id = $1 AND source = 'system' RETURNING id`,
    [nominationId],
  );
  return rows.length;
}

/** Whether a person is recorded under the unit or a unit merged into it. */
export async function personInUnit(db: Queryable, personId: number, unitId: number): Promise<boolean> {
  const rows = await db.query<{ ok: boolean }>(
    `${lineage} SELECT EXISTS (SELECT 1 FROM persons WHERE id = $2 AND unit_id IN (SELECT id FROM lineage)) AS ok`,
    [unitId, personId],
  );
  return rows[0]?.ok === true;
}

/** Whether a collective is recorded under the unit or a unit merged into it. */
export async function collectiveInUnit(
  db: Queryable,
  collectiveId: number,
  unitId: number,
): Promise<boolean> {
  const rows = await db.query<{ ok: boolean }>(
    `${lineage} SELECT EXISTS (SELECT 1 FROM collectives WHERE id = $2 AND unit_id IN (SELECT id FROM lineage)) AS ok`,
    [unitId, collectiveId],
  );
  return rows[0]?.ok === true;
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

export async function addInitiative(
  db: Queryable,
  i: { personId: number; title: string; scope: InitiativeScope; recognisedOn: string; year?: number },
): Promise<number> {
  const rows = await db.query<{ id: number }>(
    'INSERT INTO initiatives (person_id, title, scope, recognised_on, year) VALUES ($1, $2, $3, $4::date, $5) RETURNING id',
    [i.personId, i.title, i.scope, i.recognisedOn, i.year ?? Number(i.recognisedOn.slice(0, 4))],
  );
  return rows[0]!.id;
}

export async function addDiscipline(
  db: Queryable,
  d: {
    personId: number;
    level: DisciplineLevel | null;
    from: string;
    to?: string | null;
    pendingInvestigation?: boolean;
    note?: string | null;
  },
): Promise<number> {
  const rows = await db.query<{ id: number }>(
    `INSERT INTO discipline_records (person_id, level, from_date, to_date, pending_investigation, note)
     VALUES ($1, $2, $3::date, $4::date, $5, $6) RETURNING id`,
    [d.personId, d.level, d.from, d.to ?? null, d.pendingInvestigation ?? false, d.note ?? null],
  );
  return rows[0]!.id;
}

/** Sets (or replaces) a person's task-completion rating for a year. */
export async function setRating(
  db: Queryable,
  personId: number,
  year: number,
  rating: RatingValue,
): Promise<void> {
  await db.query(
    `INSERT INTO task_ratings (person_id, year, rating) VALUES ($1, $2, $3)
     ON CONFLICT (person_id, year) DO UPDATE SET rating = EXCLUDED.rating, updated_at = now()`,
    [personId, year, rating],
  );
}

// ---------------------------------------------------------------------------------------------------
// History loaders: batched (one query per table for any number of people), shaped for the eligibility engine.

export interface PersonHistory {
  pastAwards: PastAward[];
  ratings: RatingRecord[];
  initiatives: Initiative[];
  disciplines: Discipline[];
}

type AwardRow = {
  id: number;
  person_id: number | null;
  collective_id: number | null;
  award_code: string;
  year: number;
  decision_number: string | null;
  decided_on: string | null;
  source: PastAwardSource;
};
const toAward = (r: AwardRow): PastAward => ({
  id: r.id,
  personId: r.person_id,
  collectiveId: r.collective_id,
  awardCode: r.award_code,
  year: r.year,
  decisionNumber: r.decision_number,
  decidedOn: r.decided_on,
  source: r.source,
});
const awardCols = `id, person_id, collective_id, award_code, year, decision_number,
  to_char(decided_on, 'YYYY-MM-DD') AS decided_on, source`;

export async function listPastAwards(
  db: Queryable,
  of: { personIds?: readonly number[]; collectiveIds?: readonly number[] },
): Promise<PastAward[]> {
  const rows = await db.query<AwardRow>(
    `SELECT ${awardCols} FROM past_awards
     WHERE person_id = ANY($1::integer[]) OR collective_id = ANY($2::integer[]) ORDER BY year, award_code, id`,
    [of.personIds ?? [], of.collectiveIds ?? []],
  );
  return rows.map(toAward);
}

/** The discipline records of these people, oldest first. */
export async function listDisciplines(db: Queryable, personIds: readonly number[]): Promise<Discipline[]> {
  if (!personIds.length) return [];
  const rows = await db.query<{
    id: number;
    person_id: number;
    level: DisciplineLevel | null;
    from_date: string;
    to_date: string | null;
    pending_investigation: boolean;
    note: string | null;
  }>(
    `SELECT id, person_id, level, to_char(from_date, 'YYYY-MM-DD') AS from_date, to_char(to_date, 'YYYY-MM-DD') AS to_date,
       pending_investigation, note
     FROM discipline_records WHERE person_id = ANY($1::integer[]) ORDER BY from_date, id`,
    [personIds],
  );
  return rows.map((d) => ({
    id: d.id,
    personId: d.person_id,
    level: d.level,
    from: d.from_date,
    to: d.to_date,
    pendingInvestigation: d.pending_investigation,
    note: d.note,
  }));
}

export async function loadPersonHistories(
  db: Queryable,
  personIds: readonly number[],
): Promise<Map<number, PersonHistory>> {
  const ids = [...new Set(personIds)];
  const out = new Map<number, PersonHistory>(
    ids.map((id) => [id, { pastAwards: [], ratings: [], initiatives: [], disciplines: [] }]),
  );
  if (!ids.length) return out;
  for (const a of await listPastAwards(db, { personIds: ids })) out.get(a.personId!)?.pastAwards.push(a);
  const ratings = await db.query<{ person_id: number; year: number; rating: RatingValue }>(
    'SELECT person_id, year, rating FROM task_ratings WHERE person_id = ANY($1::integer[]) ORDER BY year',
    [ids],
  );
  for (const r of ratings) out.get(r.person_id)?.ratings.push({ year: r.year, rating: r.rating });
  const inits = await db.query<{
    id: number;
    person_id: number;
    title: string;
    scope: InitiativeScope;
    recognised_on: string;
    year: number;
  }>(
    `SELECT id, person_id, title, scope, to_char(recognised_on, 'YYYY-MM-DD') AS recognised_on, year
     FROM initiatives WHERE person_id = ANY($1::integer[]) ORDER BY year, id`,
    [ids],
  );
  for (const i of inits)
    out.get(i.person_id)?.initiatives.push({
      id: i.id,
      personId: i.person_id,
      title: i.title,
      scope: i.scope,
      recognisedOn: i.recognised_on,
      year: i.year,
    });
  for (const d of await listDisciplines(db, ids)) out.get(d.personId)?.disciplines.push(d);
  return out;
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

// ---------------------------------------------------------------------------------------------------

export interface ImportReport {
  inserted: Array<{
    line: number;
    pastAwardId: number;
    personId: number | null;
    collectiveId: number | null;
  }>;
  /** Already recorded (same nominee, award and year): skipped. */
  duplicates: Array<{ line: number }>;
  /** Names not found in the unit (its merged predecessors included), or found more than once. */
  unresolved: Array<{ line: number; errors: string[] }>;
}

/**
 * Imports validated rows (from `parsePastAwardsCsv` / `parsePastAwardsXlsx`) for a unit, in one
 * transaction: each name is looked up among the unit's people or collectives (merged predecessors
 * included); rows whose name matches nobody or several are reported, not guessed.
 */
export async function importPastAwards(
  db: Db,
  unitId: number,
  rows: readonly ValidRow[],
  userId: number | null,
): Promise<ImportReport> {
  return db.transaction((tx) => importPastAwardsTx(tx, unitId, rows, userId));
}

export async function importPastAwardsTx(
  tx: Queryable,
  unitId: number,
  rows: readonly ValidRow[],
  userId: number | null,
): Promise<ImportReport> {
  const report: ImportReport = { inserted: [], duplicates: [], unresolved: [] };
  const people = new Map<string, number[]>();
  for (const p of await listPersonsOfUnit(tx, unitId)) {
    const k = normaliseName(p.fullName);
    people.set(k, [...(people.get(k) ?? []), p.id]);
  }
  const collectives = new Map<string, number[]>();
  for (const c of await listCollectivesOfUnit(tx, unitId)) {
    const k = normaliseHeader(c.name);
    collectives.set(k, [...(collectives.get(k) ?? []), c.id]);
  }
  for (const r of rows) {
    const matches =
      r.nomineeKind === 'individual'
        ? (people.get(normaliseName(r.name)) ?? [])
        : (collectives.get(normaliseHeader(r.name)) ?? []);
    const what =
      r.nomineeKind === 'individual' ? { vi: 'cá nhân', en: 'person' } : { vi: 'tập thể', en: 'collective' };
    if (matches.length !== 1) {
      report.unresolved.push({
        line: r.line,
        errors: [
          matches.length === 0
            ? `${what.en} "${r.name}" not found in the unit / không tìm thấy ${what.vi} "${r.name}" trong đơn vị`
            : `${matches.length} ${what.en}s named "${r.name}" in the unit: record this award by hand / có ${matches.length} ${what.vi} trùng tên "${r.name}": nhập thủ công`,
        ],
      });
      continue;
    }
    const id = matches[0]!;
    const pastAwardId = await addPastAward(tx, {
      personId: r.nomineeKind === 'individual' ? id : null,
      collectiveId: r.nomineeKind === 'collective' ? id : null,
      awardCode: r.awardCode,
      year: r.year,
      decisionNumber: r.decisionNumber,
      decidedOn: r.decidedOn,
      source: 'import',
      createdBy: userId,
    });
    if (pastAwardId === null) report.duplicates.push({ line: r.line });
    else
      report.inserted.push({
        line: r.line,
        pastAwardId,
        personId: r.nomineeKind === 'individual' ? id : null,
        collectiveId: r.nomineeKind === 'collective' ? id : null,
      });
  }
  return report;
}
