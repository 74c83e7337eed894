import type { RecordType } from '../../machines/contract';
import type { Queryable, Row } from './db';
import {
  type NextState,
  tableOf,
  transitionHistoryInsert,
  transitionParams,
  transitionUpdate,
} from './records';

/**
 * Reads for the API: one record with its own columns, lists with keyset pagination and filters.
 * `overdue`: the record has a deadline of its current state entry that has passed (armed or fired).
 */
const overdueExpr = (type: RecordType, now: string) => `EXISTS (
  SELECT 1 FROM timers t WHERE t.record_type = '${type}' AND t.record_id = r.id AND t.entry_seq = r.entry_seq
     AND t.rung = 'deadline' AND t.status IN ('armed', 'fired') AND t.due_at < ${now})`;

const columns: Record<RecordType, string> = {
  campaign: `r.title, r.kind, r.year, to_char(r.nomination_deadline, 'YYYY-MM-DD') AS nomination_deadline, NULL::int AS unit_id`,
  dossier: `r.title, r.campaign_id, r.unit_id, u.name AS unit_name, r.submitted_at, r.received_at,
            c.title AS campaign_title, c.kind AS campaign_kind`,
  nomination: `r.dossier_id, r.campaign_id, r.unit_id, u.name AS unit_name, r.award_code, r.nominee_kind, r.nominee_name,
               r.nominee_position, r.person_id, r.collective_id, r.summary`,
  decision: `r.title, r.issuer_unit_id, r.number, r.signed_at, r.signed_by, r.document_sha256, NULL::int AS unit_id`,
  submission: `r.title, r.issuer_unit_id, r.number, r.signed_at, r.signed_by, r.document_sha256, NULL::int AS unit_id`,
};

const joins: Record<RecordType, string> = {
  campaign: '',
  dossier: 'JOIN units u ON u.id = r.unit_id JOIN campaigns c ON c.id = r.campaign_id',
  nomination: 'JOIN units u ON u.id = r.unit_id',
  decision: '',
  submission: '',
};

export interface RecordDetailRow extends Row {
  id: number;
  state: string;
  version: number;
  machine_id: string;
  machine_version: number;
  snapshot: { value: unknown; context: Record<string, unknown> };
  entry_seq: number;
  created_at: Date;
  updated_at: Date;
  unit_id: number | null;
  overdue: boolean;
}

/** A deadline of a record (its `deadline` rung timers, oldest first), with whether it has passed. */
export interface DeadlineRow {
  kind: string;
  dueAt: string;
  status: 'armed' | 'paused' | 'fired' | 'cancelled';
  overdue: boolean;
}

/** The columns of a record's resource and its deadlines, over `source` aliased `r`; `now` is a parameter. */
const detailSelect = (type: RecordType, source: string, now: string) =>
  `SELECT r.id, r.state, r.version, r.machine_id, r.machine_version, r.snapshot, r.entry_seq, r.created_at, r.updated_at,
            ${columns[type]}, ${overdueExpr(type, now)} AS overdue,
            (SELECT coalesce(json_agg(json_build_object(
                      'kind', t.kind,
                      'dueAt', to_char(t.due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                      'status', t.status,
                      'overdue', t.status IN ('armed', 'fired') AND t.due_at < ${now}) ORDER BY t.id), '[]'::json)
               FROM timers t WHERE t.record_type = '${type}' AND t.record_id = r.id AND t.rung = 'deadline') AS deadlines
       FROM ${source} r ${joins[type]}`;

export type RecordDetailWithDeadlines = RecordDetailRow & { deadlines: DeadlineRow[] };

/** One record with its detail columns and, in the same round trip, its deadlines. */
export async function selectRecord(
  q: Queryable,
  type: RecordType,
  id: number,
  now: Date,
): Promise<RecordDetailWithDeadlines | undefined> {
  const rows = await q.query<RecordDetailWithDeadlines>(
    `${detailSelect(type, tableOf[type], '$2')} WHERE r.id = $1`,
    [id, now],
  );
  return rows[0];
}

/**
 * `writeTransition` that also answers the record as `selectRecord` reads it, in the same statement: the
 * command path's last write doubles as the answer's read (one round trip less per event). The answer sees
 * the timers this transaction wrote before it; only valid when nothing else the answer shows changes after.
 */
export async function writeTransitionReturningDetail(
  tx: Queryable,
  type: RecordType,
  id: number,
  next: NextState,
  history: readonly unknown[],
  now: Date,
): Promise<RecordDetailWithDeadlines> {
  const rows = await tx.query<RecordDetailWithDeadlines>(
    `WITH u AS (${transitionUpdate(type)} RETURNING *),
          h AS (${transitionHistoryInsert} FROM u)
     ${detailSelect(type, 'u', '$19')}`,
    [...transitionParams(id, next, history), now],
  );
  const row = rows[0];
  if (!row) throw new Error(`${type} ${id} vanished while locked`);
  return row;
}

export interface ListFilters {
  state?: string | undefined;
  campaignId?: number | undefined;
  unitId?: number | undefined;
  /** Confines the list to these units (a clerk's lineage). */
  unitIds?: readonly number[] | undefined;
  awardCode?: string | undefined;
  dossierId?: number | undefined;
  overdue?: boolean | undefined;
}

/**
 * The WHERE clauses of a list's filters over `r`, appending their values to `params` (which must already
 * hold `now` as $1, for `overdue`). Shared by the lists and their counts, so a count always matches its list.
 */
export function listWhere(type: RecordType, filters: ListFilters, params: unknown[]): string[] {
  const where: string[] = [];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (filters.state !== undefined) add('r.state = ?', filters.state);
  if (filters.campaignId !== undefined && (type === 'dossier' || type === 'nomination'))
    add('r.campaign_id = ?', filters.campaignId);
  if (filters.unitId !== undefined && (type === 'dossier' || type === 'nomination'))
    add('r.unit_id = ?', filters.unitId);
  if (filters.unitIds !== undefined && (type === 'dossier' || type === 'nomination'))
    add('r.unit_id = ANY(?::int[])', [...filters.unitIds]);
  if (filters.awardCode !== undefined && type === 'nomination') add('r.award_code = ?', filters.awardCode);
  if (filters.dossierId !== undefined && type === 'nomination') add('r.dossier_id = ?', filters.dossierId);
  if (filters.overdue === true) where.push(overdueExpr(type, '$1'));
  if (filters.overdue === false) where.push(`NOT ${overdueExpr(type, '$1')}`);
  return where;
}

/**
 * Newest first (or oldest first with `order: 'asc'`); the keyset cursor is the last id of the previous
 * page (`beforeId` newest first, `afterId` oldest first).
 */
export async function selectRecords(
  q: Queryable,
  type: RecordType,
  filters: ListFilters,
  page: {
    limit: number;
    beforeId?: number | undefined;
    afterId?: number | undefined;
    order?: 'asc' | 'desc';
  },
  now: Date,
): Promise<RecordDetailRow[]> {
  const params: unknown[] = [now];
  const where = listWhere(type, filters, params);
  const add = (sql: string, v: unknown) => {
    params.push(v);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (page.beforeId !== undefined) add('r.id < ?', page.beforeId);
  if (page.afterId !== undefined) add('r.id > ?', page.afterId);
  params.push(page.limit);
  const dir = page.order === 'asc' ? 'ASC' : 'DESC';
  // The page is chosen first (index scan by id, LIMIT), then `overdue` and the joins run for its rows only:
  // with the EXISTS in the same query level, the planner hashed a scan of every deadline timer per request.
  return q.query<RecordDetailRow>(
    `SELECT r.id, r.state, r.version, r.machine_id, r.machine_version, r.snapshot, r.entry_seq, r.created_at, r.updated_at,
            ${columns[type]}, ${overdueExpr(type, '$1')} AS overdue
       FROM (SELECT * FROM ${tableOf[type]} r
              ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
              ORDER BY r.id ${dir} LIMIT $${params.length}) r
       ${joins[type]}
      ORDER BY r.id ${dir}`,
    params,
  );
}

/** How many records of the list each state holds (the list's filters but `state`). */
export async function countRecordsByState(
  q: Queryable,
  type: RecordType,
  filters: Omit<ListFilters, 'state'>,
  now: Date,
): Promise<Array<{ state: string; count: number }>> {
  const params: unknown[] = [now];
  const where = listWhere(type, { ...filters, state: undefined }, params);
  // `now` is only referenced by the overdue filter; PostgreSQL still needs $1 typed when unused.
  return q.query<{ state: string; count: number }>(
    `SELECT r.state, count(*)::integer AS count FROM ${tableOf[type]} r
      WHERE $1::timestamptz IS NOT NULL ${where.length ? `AND ${where.join(' AND ')}` : ''}
      GROUP BY r.state ORDER BY r.state`,
    params,
  );
}

export async function attachmentsOf(q: Queryable, dossierId: number): Promise<Row[]> {
  return q.query(
    `SELECT id, kind, filename, mime, size, sha256, created_at FROM attachments WHERE dossier_id = $1 ORDER BY id`,
    [dossierId],
  );
}

export async function itemsOf(
  q: Queryable,
  type: 'decision' | 'submission',
  id: number,
): Promise<
  Array<{
    nomination_id: number;
    result: string | null;
    nominee_name: string;
    award_code: string;
    state: string;
    unit_name: string;
  }>
> {
  const table = type === 'decision' ? 'decision_items' : 'submission_items';
  const result = type === 'decision' ? 'NULL::text AS result' : 'i.result';
  return q.query(
    `SELECT i.nomination_id, ${result}, n.nominee_name, n.award_code, n.state, u.name AS unit_name
       FROM ${table} i JOIN nominations n ON n.id = i.nomination_id JOIN units u ON u.id = n.unit_id
      WHERE i.${type}_id = $1 ORDER BY i.nomination_id`,
    [id],
  );
}
