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

/** A stored row as the chain hashes it. */
function historyRowOf(type: RecordType, id: number, r: StoredHistoryRow): HistoryRow {
  return {
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
  };
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
    ...historyRowOf(type, id, r),
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

/** What verifying every chain found: how many chains and rows, and the first broken one. */
export interface AllChainsVerdict {
  ok: boolean;
  chains: number;
  rows: number;
  broken: number;
  firstBroken: { recordType: RecordType; recordId: number; brokenAt: number; reason: string } | null;
}

/**
 * Verifies every record's chain, reading the history in pages of `pageSize` rows in key order (record
 * type, record id, seq), so memory stays flat whatever the size. A record whose stored version is past its
 * last history row (its last rows removed) is broken too.
 */
export async function verifyAllHistories(q: Queryable, pageSize = 2000): Promise<AllChainsVerdict> {
  const out: AllChainsVerdict = { ok: true, chains: 0, rows: 0, broken: 0, firstBroken: null };
  let cur: { type: RecordType; id: number; prev: string; expected: number; bad: boolean } | null = null;
  const fail = (type: RecordType, id: number, seq: number, reason: string) => {
    out.broken++;
    out.ok = false;
    out.firstBroken ??= { recordType: type, recordId: id, brokenAt: seq, reason };
  };
  let after: [string, number, number] = ['', 0, 0];
  for (;;) {
    const rows = await q.query<
      StoredHistoryRow & Record<string, unknown> & { record_type: RecordType; record_id: number }
    >(
      `SELECT * FROM history WHERE (record_type, record_id, seq) > ($1, $2, $3)
        ORDER BY record_type, record_id, seq LIMIT $4`,
      [...after, pageSize],
    );
    for (const r of rows) {
      if (!cur || cur.type !== r.record_type || cur.id !== r.record_id) {
        cur = { type: r.record_type, id: r.record_id, prev: genesisHash, expected: 1, bad: false };
        out.chains++;
      }
      out.rows++;
      if (cur.bad) continue;
      const row = historyRowOf(r.record_type, r.record_id, r);
      const reason =
        r.seq !== cur.expected
          ? 'a row is missing'
          : r.prev_hash !== cur.prev
            ? 'chain link broken'
            : hashHistoryRow(cur.prev, row) !== r.hash
              ? 'row altered'
              : null;
      if (reason) {
        cur.bad = true;
        fail(cur.type, cur.id, r.seq, reason);
        continue;
      }
      cur.prev = r.hash;
      cur.expected++;
    }
    if (rows.length < pageSize) break;
    const last = rows[rows.length - 1]!;
    after = [last.record_type, last.record_id, last.seq];
  }
  // Rows cut from the end leave no gap in the chain: the record's version says how many there must be.
  for (const table of ['campaigns', 'dossiers', 'nominations', 'decisions', 'submissions']) {
    const type = table.slice(0, -1) as RecordType;
    const short = await q.query<{ id: number; version: number; last: number | null }>(
      `SELECT r.id, r.version, h.last FROM ${table} r
         LEFT JOIN (SELECT record_id, max(seq) AS last FROM history WHERE record_type = $1 GROUP BY record_id) h
           ON h.record_id = r.id
        WHERE h.last IS DISTINCT FROM r.version ORDER BY r.id`,
      [type],
    );
    for (const s of short) fail(type, s.id, (s.last ?? 0) + 1, 'a row is missing');
  }
  return out;
}
