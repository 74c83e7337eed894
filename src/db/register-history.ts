import type { DisciplineLevel, InitiativeScope, RatingValue } from '../domain/catalogue';
import type {
  DisciplineRecord,
  InitiativeRecord,
  PastAwardRecord,
  RatingRecord,
} from '../domain/eligibility';
import type { Queryable } from './db';

/**
 * What the register holds of each person's and collective's history: past awards (`past_awards`),
 * recognised initiatives, discipline records and yearly task ratings.
 */

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

export interface PersonHistory {
  pastAwards: PastAward[];
  ratings: RatingRecord[];
  initiatives: Initiative[];
  disciplines: Discipline[];
}

export type AwardRow = {
  id: number;
  person_id: number | null;
  collective_id: number | null;
  award_code: string;
  year: number;
  decision_number: string | null;
  decided_on: string | null;
  source: PastAwardSource;
};

export const toAward = (r: AwardRow): PastAward => ({
  id: r.id,
  personId: r.person_id,
  collectiveId: r.collective_id,
  awardCode: r.award_code,
  year: r.year,
  decisionNumber: r.decision_number,
  decidedOn: r.decided_on,
  source: r.source,
});

export const awardCols = `id, person_id, collective_id, award_code, year, decision_number,
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
