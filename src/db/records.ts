import type { RecordType } from '../../machines/contract';
import type { Queryable, Row } from './db';
import { json } from './db';
import type { TimerRow } from './timers';
import { unitLineage } from './units';

/** The engine columns every workflow table shares. */
export interface RecordRow extends Row {
  id: number;
  state: string;
  version: number;
  machine_id: string;
  machine_version: number;
  snapshot: { value: unknown; context: Record<string, unknown> } & Record<string, unknown>;
  entry_seq: number;
  created_at: Date;
  updated_at: Date;
  /** The unit a record belongs to, for scoping (null: department-wide records). */
  unit_id: number | null;
  /** Hash of the record's last history row (read with the lock: the next row chains to it). */
  last_hash?: string | null;
}

export const tableOf: Record<RecordType, string> = {
  campaign: 'campaigns',
  dossier: 'dossiers',
  nomination: 'nominations',
  decision: 'decisions',
  submission: 'submissions',
};

/** Unit scoping column: campaigns, decisions and submissions are the department's own. */
const unitExpr: Record<RecordType, string> = {
  campaign: 'NULL::integer',
  dossier: 'r.unit_id',
  nomination: 'r.unit_id',
  decision: 'NULL::integer',
  submission: 'NULL::integer',
};

/**
 * Locks a record and reads it, with the hash its next history row chains to, in one round trip.
 *
 * When the lock had to wait for another transaction's transition, PostgreSQL hands back the row as that
 * transaction committed it, but the statement's other reads keep the snapshot taken before the wait: the
 * history row of the new version is not in it. Its hash is then read by a statement of its own (only under
 * contention on the record).
 */
export async function lockRecord(
  tx: Queryable,
  type: RecordType,
  id: number,
): Promise<RecordRow | undefined> {
  const rows = await tx.query<RecordRow>(lockRecordSql(type), [id]);
  const row = rows[0];
  if (row && !row.last_hash) row.last_hash = await historyHash(tx, type, id, row.version);
  return row;
}

/** Locks record `$1` of `type` and reads it with its unit and the hash of its last history row. */
const lockRecordSql = (type: RecordType) =>
  `SELECT r.*, ${unitExpr[type]} AS unit_id,
          (SELECT h.hash FROM history h WHERE h.record_type = '${type}' AND h.record_id = r.id AND h.seq = r.version) AS last_hash
     FROM ${tableOf[type]} r WHERE r.id = $1 FOR UPDATE OF r`;

/** What {@link lockRecordClaimingTimer} found. */
export interface LockedForTimer {
  /** The record, locked (undefined: it does not exist). */
  row: RecordRow | undefined;
  /** The timer as the statement saw it before claiming (undefined: no such timer, or no such record). */
  timer: TimerRow | undefined;
  /** Whether this transaction claimed the timer (armed, of the record's current state entry, due). */
  claimed: boolean;
}

/**
 * A firing timer's first statement: lock its record (as `lockRecord`), then claim the timer if it is
 * still armed, belongs to the record's current state entry and is due (within `earlyMs`). One round trip
 * instead of three (read the timer, lock the record, claim). The lock order is the engine's: the record,
 * then its timer (the UPDATE reads the locked row first). If the lock had to wait, the timer read here is
 * as it was before the wait; the claim itself rechecks the committed row, so it never claims twice.
 */
export async function lockRecordClaimingTimer(
  tx: Queryable,
  type: RecordType,
  id: number,
  timerId: number,
  now: Date,
  earlyMs: number,
): Promise<LockedForTimer> {
  const rows = await tx.query<RecordRow & { fire_timer: TimerJson | null; fire_claimed: boolean }>(
    `WITH r AS (${lockRecordSql(type)}), c AS (
       UPDATE timers t SET status = 'fired', fired_at = $3
         FROM r
        WHERE t.id = $2 AND t.status = 'armed' AND t.record_type = '${type}' AND t.record_id = r.id
          AND t.entry_seq = r.entry_seq AND t.due_at <= $3::timestamptz + $4::int * interval '1 millisecond'
       RETURNING t.id
     )
     SELECT r.*, (SELECT to_jsonb(t) FROM timers t WHERE t.id = $2) AS fire_timer,
            EXISTS (SELECT 1 FROM c) AS fire_claimed
       FROM r`,
    [id, timerId, now, earlyMs],
  );
  const found = rows[0];
  if (!found) return { row: undefined, timer: undefined, claimed: false };
  const { fire_timer: t, fire_claimed: claimed, ...row } = found;
  if (!row.last_hash) row.last_hash = await historyHash(tx, type, id, row.version);
  return { row: row, timer: t ? timerFromJson(t) : undefined, claimed };
}

/** A timer row as `to_jsonb` gives it: timestamps are strings. */
type TimerJson = Record<string, unknown> & { due_at: string; fired_at: string | null };

const timerFromJson = (t: TimerJson): TimerRow =>
  ({
    ...t,
    due_at: new Date(t.due_at),
    fired_at: t.fired_at === null ? null : new Date(t.fired_at),
  }) as TimerRow;

/** The hash of a record's history row `seq` (the record is locked by the caller). */
async function historyHash(tx: Queryable, type: RecordType, id: number, seq: number): Promise<string | null> {
  const rows = await tx.query<{ hash: string }>(
    'SELECT hash FROM history WHERE record_type = $1 AND record_id = $2 AND seq = $3',
    [type, id, seq],
  );
  return rows[0]?.hash ?? null;
}

export async function readRecord(q: Queryable, type: RecordType, id: number): Promise<RecordRow | undefined> {
  const rows = await q.query<RecordRow>(
    `SELECT r.*, ${unitExpr[type]} AS unit_id FROM ${tableOf[type]} r WHERE r.id = $1`,
    [id],
  );
  return rows[0];
}

export interface NextState {
  state: string;
  version: number;
  snapshot: unknown;
  entrySeq: number;
  at: Date;
}

/** The parts of the statement that writes a transition (shared with the variant that answers the record). */
export const transitionUpdate = (type: RecordType) =>
  `UPDATE ${tableOf[type]} SET state = $2, version = $3, snapshot = $4, entry_seq = $5, updated_at = $6 WHERE id = $1`;
export const transitionHistoryInsert = `INSERT INTO history (record_type, record_id, seq, at, actor_id, actor_name, event, from_state, to_state, payload, prev_hash, hash)
     SELECT $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18`;
export const transitionParams = (id: number, next: NextState, history: readonly unknown[]): unknown[] => [
  id,
  next.state,
  next.version,
  json(next.snapshot),
  next.entrySeq,
  next.at,
  ...history,
];

/**
 * Writes a transition: the record's new state and its history row, in one statement (one round trip on
 * the hot path). `history` is the row prepared by `prepareHistoryRow`.
 */
export async function writeTransition(
  tx: Queryable,
  type: RecordType,
  id: number,
  next: NextState,
  history: readonly unknown[],
): Promise<void> {
  await tx.query(
    `WITH u AS (${transitionUpdate(type)} RETURNING id) ${transitionHistoryInsert} FROM u`,
    transitionParams(id, next, history),
  );
}

/** Sets domain columns that some transitions fill in (submitted_at, number, …). Column names are ours. */
export async function setRecordColumns(
  tx: Queryable,
  type: RecordType,
  id: number,
  columns: Record<string, unknown>,
): Promise<void> {
  const names = Object.keys(columns);
  if (names.length === 0) return;
  for (const n of names) if (!/^[a-z_][a-z0-9_]*$/.test(n)) throw new Error(`bad column ${n}`);
  const sets = names.map((n, i) => `${n} = $${i + 2}`).join(', ');
  await tx.query(`UPDATE ${tableOf[type]} SET ${sets} WHERE id = $1`, [id, ...names.map((n) => columns[n])]);
}

interface EngineColumns {
  state: string;
  machineId: string;
  machineVersion: number;
  snapshot: unknown;
  createdBy: number | null;
  at: Date;
}

/** Inserts a new workflow record; `columns` are the type's own columns. Returns its id. */
export async function insertRecord(
  tx: Queryable,
  type: RecordType,
  columns: Record<string, unknown>,
  engine: EngineColumns,
): Promise<number> {
  const names = Object.keys(columns);
  for (const n of names) if (!/^[a-z_][a-z0-9_]*$/.test(n)) throw new Error(`bad column ${n}`);
  const all = [
    ...names,
    'state',
    'version',
    'machine_id',
    'machine_version',
    'snapshot',
    'entry_seq',
    'created_by',
    'created_at',
    'updated_at',
  ];
  const values = [
    ...names.map((n) => columns[n]),
    engine.state,
    1,
    engine.machineId,
    engine.machineVersion,
    json(engine.snapshot),
    1,
    engine.createdBy,
    engine.at,
    engine.at,
  ];
  const rows = await tx.query<{ id: number }>(
    `INSERT INTO ${tableOf[type]} (${all.join(', ')}) VALUES (${all.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
    values,
  );
  const id = rows[0]?.id;
  if (id === undefined) throw new Error('insert returned no id');
  return id;
}

/** Locks a set of records in id order (a fixed order keeps concurrent cascades from deadlocking). */
export async function lockRecords(
  tx: Queryable,
  type: RecordType,
  ids: readonly number[],
): Promise<RecordRow[]> {
  if (ids.length === 0) return [];
  return tx.query<RecordRow>(
    `SELECT r.*, ${unitExpr[type]} AS unit_id FROM ${tableOf[type]} r WHERE r.id = ANY($1::int[]) ORDER BY r.id FOR UPDATE`,
    [ids],
  );
}

export async function nominationIdsOfDossier(tx: Queryable, dossierId: number): Promise<number[]> {
  const rows = await tx.query<{ id: number }>(
    'SELECT id FROM nominations WHERE dossier_id = $1 ORDER BY id',
    [dossierId],
  );
  return rows.map((r) => r.id);
}

export async function nominationIdsOfDocument(
  tx: Queryable,
  type: 'decision' | 'submission',
  id: number,
): Promise<number[]> {
  const table = type === 'decision' ? 'decision_items' : 'submission_items';
  const rows = await tx.query<{ nomination_id: number }>(
    `SELECT nomination_id FROM ${table} WHERE ${type}_id = $1 ORDER BY nomination_id`,
    [id],
  );
  return rows.map((r) => r.nomination_id);
}

/** Nominations of a dossier in none of `states` (the settled ones: those still open). */
export async function countNominationsNotIn(
  tx: Queryable,
  dossierId: number,
  states: readonly string[],
): Promise<number> {
  const rows = await tx.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM nominations WHERE dossier_id = $1 AND NOT (state = ANY($2::text[]))`,
    [dossierId, states],
  );
  return rows[0]?.n ?? 0;
}

/** Submission listing a nomination that is still waiting for the province's answer. */
export async function sentSubmissionOf(tx: Queryable, nominationId: number): Promise<number | undefined> {
  const rows = await tx.query<{ submission_id: number }>(
    `SELECT i.submission_id FROM submission_items i JOIN submissions s ON s.id = i.submission_id
      WHERE i.nomination_id = $1 AND s.state = 'sent' AND i.result IS NULL`,
    [nominationId],
  );
  return rows[0]?.submission_id;
}

export async function setSubmissionItemResult(
  tx: Queryable,
  submissionId: number,
  nominationId: number,
  result: string,
): Promise<boolean> {
  await tx.query('UPDATE submission_items SET result = $3 WHERE submission_id = $1 AND nomination_id = $2', [
    submissionId,
    nominationId,
    result,
  ]);
  const rows = await tx.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM submission_items WHERE submission_id = $1 AND result IS NULL',
    [submissionId],
  );
  return (rows[0]?.n ?? 0) === 0;
}

/** Next number of an issuer's yearly series for a document type; numbers are never reused. */
export async function nextDocumentNumber(
  tx: Queryable,
  issuerUnitId: number,
  docType: string,
  year: number,
): Promise<number> {
  const rows = await tx.query<{ last_seq: number }>(
    `INSERT INTO document_counters (issuer_unit_id, doc_type, year, last_seq) VALUES ($1, $2, $3, 1)
     ON CONFLICT (issuer_unit_id, doc_type, year) DO UPDATE SET last_seq = document_counters.last_seq + 1
     RETURNING last_seq`,
    [issuerUnitId, docType, year],
  );
  const seq = rows[0]?.last_seq;
  if (seq === undefined) throw new Error('numbering failed');
  return seq;
}

export async function unitCode(q: Queryable, unitId: number): Promise<string | undefined> {
  const rows = await q.query<{ code: string }>('SELECT code FROM units WHERE id = $1', [unitId]);
  return rows[0]?.code;
}

/** The department: the root of the current unit tree (the issuer of decisions and submissions). */
export async function rootUnit(
  q: Queryable,
): Promise<{ id: number; code: string; name: string } | undefined> {
  const rows = await q.query<{ id: number; code: string; name: string }>(
    'SELECT id, code, name FROM units WHERE parent_id IS NULL AND valid_to IS NULL ORDER BY id LIMIT 1',
  );
  return rows[0];
}

export interface RecordDescription {
  title: string;
  unitId: number | null;
  unitName: string | null;
  campaignId: number | null;
  campaignTitle: string | null;
  dossierId: number | null;
}

/** What a notice says about a record: its title, its unit and campaign. */
export async function describeRecord(q: Queryable, type: RecordType, id: number): Promise<RecordDescription> {
  const sql: Record<RecordType, string> = {
    campaign: `SELECT r.title, NULL::int AS unit_id, NULL AS unit_name, r.id AS campaign_id, r.title AS campaign_title, NULL::int AS dossier_id
                 FROM campaigns r WHERE r.id = $1`,
    dossier: `SELECT r.title, r.unit_id, u.name AS unit_name, c.id AS campaign_id, c.title AS campaign_title, r.id AS dossier_id
                FROM dossiers r JOIN units u ON u.id = r.unit_id JOIN campaigns c ON c.id = r.campaign_id WHERE r.id = $1`,
    nomination: `SELECT r.nominee_name || ' – ' || r.award_code AS title, r.unit_id, u.name AS unit_name, c.id AS campaign_id,
                        c.title AS campaign_title, r.dossier_id
                   FROM nominations r JOIN units u ON u.id = r.unit_id JOIN campaigns c ON c.id = r.campaign_id WHERE r.id = $1`,
    decision: `SELECT r.title, NULL::int AS unit_id, NULL AS unit_name, NULL::int AS campaign_id, NULL AS campaign_title, NULL::int AS dossier_id
                 FROM decisions r WHERE r.id = $1`,
    submission: `SELECT r.title, NULL::int AS unit_id, NULL AS unit_name, NULL::int AS campaign_id, NULL AS campaign_title, NULL::int AS dossier_id
                   FROM submissions r WHERE r.id = $1`,
  };
  const rows = await q.query<{
    title: string;
    unit_id: number | null;
    unit_name: string | null;
    campaign_id: number | null;
    campaign_title: string | null;
    dossier_id: number | null;
  }>(sql[type], [id]);
  const r = rows[0];
  if (!r) throw new Error(`${type} ${id} not found`);
  return {
    title: r.title,
    unitId: r.unit_id,
    unitName: r.unit_name,
    campaignId: r.campaign_id,
    campaignTitle: r.campaign_title,
    dossierId: r.dossier_id,
  };
}

/** Facts a dossier's submission depends on: its nominations in `nominationStates`, its campaign. */
export async function dossierSubmitFacts(
  q: Queryable,
  dossierId: number,
  nominationStates: readonly string[],
): Promise<{ nominations: number; campaignState: string; campaignKind: string }> {
  const rows = await q.query<{ nominations: number; campaign_state: string; campaign_kind: string }>(
    `SELECT (SELECT count(*)::int FROM nominations n WHERE n.dossier_id = d.id AND n.state = ANY($2::text[])) AS nominations,
            c.state AS campaign_state, c.kind AS campaign_kind
       FROM dossiers d JOIN campaigns c ON c.id = d.campaign_id WHERE d.id = $1`,
    [dossierId, nominationStates],
  );
  const r = rows[0];
  if (!r) throw new Error(`dossier ${dossierId} not found`);
  return { nominations: r.nominations, campaignState: r.campaign_state, campaignKind: r.campaign_kind };
}

export async function statesOf(
  tx: Queryable,
  type: RecordType,
  ids: readonly number[],
): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.query<{ id: number; state: string }>(
    `SELECT id, state FROM ${tableOf[type]} WHERE id = ANY($1::int[])`,
    [ids],
  );
  return new Map(rows.map((r) => [r.id, r.state]));
}

/** Ids of a unit's dossiers or nominations in one of `states`, ascending (the engine's lock order). */
export async function unitRecordIds(
  q: Queryable,
  type: 'dossier' | 'nomination',
  unitId: number,
  states: readonly string[],
): Promise<number[]> {
  const rows = await q.query<{ id: number }>(
    `SELECT id FROM ${tableOf[type]} WHERE unit_id = $1 AND state = ANY($2::text[]) ORDER BY id`,
    [unitId, [...states]],
  );
  return rows.map((r) => r.id);
}

/**
 * The dossier a unit (or a unit merged into it) is preparing for a campaign, newest first, with its live
 * nominations counted; undefined when it has none.
 */
export async function unitCampaignDraft(
  q: Queryable,
  campaignId: number,
  unitId: number,
  liveStates: readonly string[],
  editableStates: readonly string[],
): Promise<{ id: number; nominations: number } | undefined> {
  const rows = await q.query<{ id: number; nominations: number }>(
    `${unitLineage('$2')}
     SELECT d.id, (SELECT count(*)::int FROM nominations n WHERE n.dossier_id = d.id AND n.state = ANY($3::text[])) AS nominations
       FROM dossiers d WHERE d.campaign_id = $1 AND d.unit_id IN (SELECT id FROM lineage)
        AND d.state = ANY($4::text[])
      ORDER BY d.id DESC LIMIT 1`,
    [campaignId, unitId, [...liveStates], [...editableStates]],
  );
  return rows[0];
}
