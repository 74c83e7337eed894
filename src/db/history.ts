import { createHash } from 'node:crypto';
import type { RecordType } from '../../machines/contract';
import type { Queryable } from './db';
import { json } from './db';

/**
 * The append-only history of every record. Rows are hash-chained per record: each row's hash covers
 * its content and the previous row's hash, so altering, removing or reordering a row breaks the chain
 * from that row on ({@link verifyHistory}).
 */
export interface HistoryRow {
  recordType: RecordType;
  recordId: number;
  seq: number;
  at: Date;
  actorId: number | null;
  actorName: string;
  event: string;
  from: string | null;
  to: string;
  payload: Record<string, unknown>;
}

export const genesisHash = '0'.repeat(64);

/** JSON with object keys sorted at every level: jsonb does not keep key order. */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(v as Record<string, unknown>)
    .filter(([, x]) => x !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonicalJson(x)}`).join(',')}}`;
}

export function hashHistoryRow(prevHash: string, r: HistoryRow): string {
  const body = canonicalJson({
    recordType: r.recordType,
    recordId: r.recordId,
    seq: r.seq,
    at: r.at.toISOString(),
    actorId: r.actorId,
    actorName: r.actorName,
    event: r.event,
    from: r.from,
    to: r.to,
    payload: r.payload,
  });
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

/** The parameters of a history row chained to `prevHash`, in the column order of the history table. */
export function prepareHistoryRow(prevHash: string, r: HistoryRow): unknown[] {
  const hash = hashHistoryRow(prevHash, r);
  return [
    r.recordType,
    r.recordId,
    r.seq,
    r.at,
    r.actorId,
    r.actorName,
    r.event,
    r.from,
    r.to,
    json(r.payload),
    prevHash,
    hash,
  ];
}

/** Inserts a history row chained to `prevHash` (a record's first row chains to {@link genesisHash}). */
export async function insertHistoryRow(tx: Queryable, prevHash: string, r: HistoryRow): Promise<void> {
  await tx.query(
    `INSERT INTO history (record_type, record_id, seq, at, actor_id, actor_name, event, from_state, to_state, payload, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    prepareHistoryRow(prevHash, r),
  );
}

interface StoredHistoryRow {
  seq: number;
  at: Date;
  actor_id: number | null;
  actor_name: string | null;
  event: string;
  from_state: string | null;
  to_state: string;
  payload: Record<string, unknown>;
  prev_hash: string;
  hash: string;
}

export async function readHistory(
  q: Queryable,
  type: RecordType,
  id: number,
): Promise<Array<HistoryRow & { hash: string; prevHash: string }>> {
  const rows = await q.query<StoredHistoryRow & Record<string, unknown>>(
    'SELECT * FROM history WHERE record_type = $1 AND record_id = $2 ORDER BY seq',
    [type, id],
  );
  return rows.map((r) => ({
    recordType: type,
    recordId: id,
    seq: r.seq,
    at: r.at,
    actorId: r.actor_id,
    actorName: r.actor_name ?? '',
    event: r.event,
    from: r.from_state,
    to: r.to_state,
    payload: r.payload,
    hash: r.hash,
    prevHash: r.prev_hash,
  }));
}

export interface ChainVerdict {
  ok: boolean;
  rows: number;
  /** The first seq whose row does not match its hash or its predecessor. */
  brokenAt?: number;
  reason?: string;
}

export async function verifyHistory(q: Queryable, type: RecordType, id: number): Promise<ChainVerdict> {
  const rows = await readHistory(q, type, id);
  let prev = genesisHash;
  let expectedSeq = 1;
  for (const r of rows) {
    if (r.seq !== expectedSeq)
      return { ok: false, rows: rows.length, brokenAt: r.seq, reason: 'a row is missing' };
    if (r.prevHash !== prev)
      return { ok: false, rows: rows.length, brokenAt: r.seq, reason: 'chain link broken' };
    if (hashHistoryRow(prev, r) !== r.hash)
      return { ok: false, rows: rows.length, brokenAt: r.seq, reason: 'row altered' };
    prev = r.hash;
    expectedSeq++;
  }
  return { ok: true, rows: rows.length };
}
