import type { Queryable } from './db';

/**
 * Reads for the director's queue, the reports, the exports and the public notice page. Filters are
 * parameters; the unit scope (a clerk sees its own unit) is passed in like any filter.
 */
export interface NominationFilters {
  state?: string | undefined;
  states?: readonly string[] | undefined;
  unitId?: number | undefined;
  /** Confines the rows to these units (a clerk's lineage). */
  unitIds?: readonly number[] | undefined;
  awardCode?: string | undefined;
  campaignId?: number | undefined;
  year?: number | undefined;
  overdue?: boolean | undefined;
}

const overdueSql = (now: string) => `EXISTS (
  SELECT 1 FROM timers t WHERE t.record_type = 'nomination' AND t.record_id = n.id AND t.entry_seq = n.entry_seq
     AND t.rung = 'deadline' AND t.status IN ('armed', 'fired') AND t.due_at < ${now})`;

function whereOf(f: NominationFilters, params: unknown[], now: Date): string {
  const where: string[] = [];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (f.state !== undefined) add('n.state = ?', f.state);
  if (f.states !== undefined) add('n.state = ANY(?::text[])', f.states);
  if (f.unitId !== undefined) add('n.unit_id = ?', f.unitId);
  if (f.unitIds !== undefined) add('n.unit_id = ANY(?::int[])', [...f.unitIds]);
  if (f.awardCode !== undefined) add('n.award_code = ?', f.awardCode);
  if (f.campaignId !== undefined) add('n.campaign_id = ?', f.campaignId);
  if (f.year !== undefined) add('n.campaign_id IN (SELECT id FROM campaigns WHERE year = ?)', f.year);
  if (f.overdue !== undefined) {
    params.push(now);
    where.push(`${f.overdue ? '' : 'NOT '}${overdueSql(`$${params.length}::timestamptz`)}`);
  }
  return where.length ? `WHERE ${where.join(' AND ')}` : '';
}

export type NominationListRow = {
  id: number;
  version: number;
  state: string;
  dossier_id: number;
  unit_id: number;
  unit_name: string;
  award_code: string;
  nominee_kind: string;
  nominee_name: string;
  nominee_position: string | null;
  campaign_title: string;
  year: number;
  submitted_at: Date | null;
  /** When it entered its current state. */
  since: Date;
  /** The earliest deadline of its current state entry. */
  due_at: Date | null;
  overdue: boolean;
};

/**
 * Nominations matching `filters`, oldest first (longest waiting), `limit` from `offset`. The page is
 * chosen on the nominations' own indexes first; the joins and the deadline subqueries run for its rows.
 */
export async function selectNominationList(
  q: Queryable,
  filters: NominationFilters,
  page: { limit: number; offset: number },
  now: Date,
): Promise<NominationListRow[]> {
  const params: unknown[] = [now];
  const where = whereOf(filters, params, now);
  params.push(page.limit, page.offset);
  return q.query<NominationListRow>(
    `SELECT n.id, n.version, n.state, n.dossier_id, n.unit_id, u.name AS unit_name, n.award_code, n.nominee_kind,
            n.nominee_name, n.nominee_position, c.title AS campaign_title, c.year, d.submitted_at,
            coalesce((SELECT h.at FROM history h WHERE h.record_type = 'nomination' AND h.record_id = n.id AND h.seq = n.entry_seq), n.updated_at) AS since,
            (SELECT min(t.due_at) FROM timers t WHERE t.record_type = 'nomination' AND t.record_id = n.id
                AND t.entry_seq = n.entry_seq AND t.rung = 'deadline' AND t.status IN ('armed', 'fired', 'paused')) AS due_at,
            ${overdueSql('$1::timestamptz')} AS overdue
       FROM (SELECT * FROM nominations n ${where} ORDER BY n.id LIMIT $${params.length - 1} OFFSET $${params.length}) n
       JOIN units u ON u.id = n.unit_id
       JOIN campaigns c ON c.id = n.campaign_id
       JOIN dossiers d ON d.id = n.dossier_id
      ORDER BY n.id`,
    params,
  );
}

export async function countNominations(q: Queryable, filters: NominationFilters, now: Date): Promise<number> {
  const params: unknown[] = [];
  const where = whereOf(filters, params, now);
  const rows = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM nominations n ${where}`, params);
  return rows[0]?.n ?? 0;
}

export type CountRow = {
  key: string;
  label: string;
  n: number;
};

/** Counts of the nominations matching `filters`, grouped by state, unit, award or the campaign's year. */
export async function countNominationsBy(
  q: Queryable,
  by: 'state' | 'unit' | 'award' | 'year',
  filters: NominationFilters,
  now: Date,
): Promise<CountRow[]> {
  const params: unknown[] = [];
  const where = whereOf(filters, params, now);
  const group = {
    state: { key: 'n.state', label: 'n.state', join: '' },
    unit: { key: 'n.unit_id::text', label: 'u.name', join: 'JOIN units u ON u.id = n.unit_id' },
    award: { key: 'n.award_code', label: 'n.award_code', join: '' },
    year: { key: 'c.year::text', label: 'c.year::text', join: 'JOIN campaigns c ON c.id = n.campaign_id' },
  }[by];
  return q.query<CountRow>(
    `SELECT ${group.key} AS key, ${group.label} AS label, count(*)::int AS n
       FROM nominations n ${group.join} ${where}
      GROUP BY ${group.key}, ${group.label}
      ORDER BY n DESC, label`,
    params,
  );
}

/** Records of every type whose current state's deadline has passed, by type and state (the stage). */
export async function countOverdueByStage(
  q: Queryable,
  now: Date,
  unitIds?: readonly number[],
): Promise<Array<{ record_type: string; state: string; n: number }>> {
  const tables = [
    ['dossier', 'dossiers'],
    ['nomination', 'nominations'],
    ['decision', 'decisions'],
    ['submission', 'submissions'],
    ['campaign', 'campaigns'],
  ] as const;
  const params: unknown[] = [now];
  if (unitIds !== undefined) params.push([...unitIds]);
  const parts = tables
    .filter(([type]) => unitIds === undefined || type === 'dossier' || type === 'nomination')
    .map(
      ([type, table]) => `SELECT '${type}' AS record_type, r.state, count(*)::int AS n FROM ${table} r
        WHERE ${unitIds !== undefined ? 'r.unit_id = ANY($2::int[]) AND ' : ''}EXISTS (
          SELECT 1 FROM timers t WHERE t.record_type = '${type}' AND t.record_id = r.id AND t.entry_seq = r.entry_seq
             AND t.rung = 'deadline' AND t.status IN ('armed', 'fired') AND t.due_at < $1)
        GROUP BY r.state`,
    );
  return q.query(`${parts.join(' UNION ALL ')} ORDER BY n DESC`, params);
}

export type NoticeListRow = {
  id: number;
  unit_name: string;
  award_code: string;
  nominee_kind: string;
  nominee_name: string;
  nominee_position: string | null;
  summary: string;
  campaign_title: string;
  year: number;
  since: Date;
  due_at: Date | null;
};

/** Nominations under public notice (state `publicNotice`), with the notice period's start and end. */
export async function selectUnderNotice(
  q: Queryable,
  page: { limit: number; offset: number },
): Promise<{ rows: NoticeListRow[]; total: number }> {
  const [rows, total] = await Promise.all([
    q.query<NoticeListRow>(
      `SELECT n.id, u.name AS unit_name, n.award_code, n.nominee_kind, n.nominee_name, n.nominee_position, n.summary,
              c.title AS campaign_title, c.year, coalesce((SELECT h.at FROM history h WHERE h.record_type = 'nomination' AND h.record_id = n.id AND h.seq = n.entry_seq), n.updated_at) AS since,
              (SELECT min(t.due_at) FROM timers t WHERE t.record_type = 'nomination' AND t.record_id = n.id
                  AND t.entry_seq = n.entry_seq AND t.rung = 'deadline' AND t.status IN ('armed', 'fired', 'paused')) AS due_at
         FROM (SELECT * FROM nominations n WHERE n.state = 'publicNotice' ORDER BY n.id LIMIT $1 OFFSET $2) n
         JOIN units u ON u.id = n.unit_id
         JOIN campaigns c ON c.id = n.campaign_id
        ORDER BY n.id`,
      [page.limit, page.offset],
    ),
    q.query<{ n: number }>(`SELECT count(*)::int AS n FROM nominations WHERE state = 'publicNotice'`),
  ]);
  return { rows, total: total[0]?.n ?? 0 };
}
