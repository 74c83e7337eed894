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

/** A record's detail columns as written (see `writeTransitionWithDetail`), before `overdue` is known. */
export interface WrittenRecordRow extends Row {
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
}

export interface RecordDetailRow extends WrittenRecordRow {
  overdue: boolean;
}

export async function selectRecord(
  q: Queryable,
  type: RecordType,
  id: number,
  now: Date,
): Promise<RecordDetailRow | undefined> {
  const rows = await q.query<RecordDetailRow>(
    `SELECT r.id, r.state, r.version, r.machine_id, r.machine_version, r.snapshot, r.entry_seq, r.created_at, r.updated_at,
            ${columns[type]}, ${overdueExpr(type, '$2')} AS overdue
       FROM ${tableOf[type]} r ${joins[type]} WHERE r.id = $1`,
    [id, now],
  );
  return rows[0];
}

/** A deadline of a record as the transition's write statement returns it. */
export interface WrittenDeadline {
  kind: string;
  due_at: Date;
  status: 'armed' | 'paused' | 'fired' | 'cancelled';
  entry_seq: number;
}

/** The record as written by a transition: its detail columns (without `overdue`) and its deadlines. */
export interface WrittenRecord {
  row: WrittenRecordRow;
  deadlines: WrittenDeadline[];
}

/**
 * Writes a transition like `writeTransition` (record update + history row, one statement) and, in the same
 * statement, reads the record's detail columns as updated and its deadline timers (`deadlinesOf`), so the
 * caller can answer without reading again. The timers are read as they were before the statement: the
 * caller must not change them afterwards in the same transaction for them to be the record's.
 */
export async function writeTransitionWithDetail(
  tx: Queryable,
  type: RecordType,
  id: number,
  next: NextState,
  history: readonly unknown[],
): Promise<WrittenRecord> {
  const rows = await tx.query<
    WrittenRecordRow & {
      deadlines: Array<Omit<WrittenDeadline, 'due_at'> & { due_ms: number }>;
    }
  >(
    `WITH w AS (${transitionUpdate(type, '*')}),
          h AS (${transitionHistoryInsert('w')})
     SELECT r.id, r.state, r.version, r.machine_id, r.machine_version, r.snapshot, r.entry_seq, r.created_at, r.updated_at,
            ${columns[type]},
            (SELECT coalesce(json_agg(json_build_object('kind', t.kind, 'status', t.status, 'entry_seq', t.entry_seq,
                                                        'due_ms', floor(extract(epoch FROM t.due_at) * 1000)) ORDER BY t.id), '[]')
               FROM timers t WHERE t.record_type = '${type}' AND t.record_id = r.id AND t.rung = 'deadline') AS deadlines
       FROM w r ${joins[type]}`,
    transitionParams(id, next, history),
  );
  const r = rows[0];
  if (!r) throw new Error(`${type} ${id} not found when writing its transition`);
  const { deadlines, ...row } = r;
  return {
    row,
    deadlines: deadlines.map((t) => ({
      kind: t.kind,
      due_at: new Date(t.due_ms),
      status: t.status,
      entry_seq: t.entry_seq,
    })),
  };
}

export interface ListFilters {
  state?: string | undefined;
  campaignId?: number | undefined;
  unitId?: number | undefined;
  awardCode?: string | undefined;
  dossierId?: number | undefined;
  overdue?: boolean | undefined;
}

/** Newest first; `afterId` is the keyset cursor (the last id of the previous page). */
export async function selectRecords(
  q: Queryable,
  type: RecordType,
  filters: ListFilters,
  page: { limit: number; beforeId?: number | undefined },
  now: Date,
): Promise<RecordDetailRow[]> {
  const where: string[] = [];
  const params: unknown[] = [now];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (filters.state !== undefined) add('r.state = ?', filters.state);
  if (filters.campaignId !== undefined && (type === 'dossier' || type === 'nomination'))
    add('r.campaign_id = ?', filters.campaignId);
  if (filters.unitId !== undefined && (type === 'dossier' || type === 'nomination'))
    add('r.unit_id = ?', filters.unitId);
  if (filters.awardCode !== undefined && type === 'nomination') add('r.award_code = ?', filters.awardCode);
  if (filters.dossierId !== undefined && type === 'nomination') add('r.dossier_id = ?', filters.dossierId);
  if (filters.overdue === true) where.push(overdueExpr(type, '$1'));
  if (filters.overdue === false) where.push(`NOT ${overdueExpr(type, '$1')}`);
  if (page.beforeId !== undefined) add('r.id < ?', page.beforeId);
  params.push(page.limit);
  return q.query<RecordDetailRow>(
    `SELECT r.id, r.state, r.version, r.machine_id, r.machine_version, r.snapshot, r.entry_seq, r.created_at, r.updated_at,
            ${columns[type]}, ${overdueExpr(type, '$1')} AS overdue
       FROM ${tableOf[type]} r ${joins[type]}
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY r.id DESC LIMIT $${params.length}`,
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
