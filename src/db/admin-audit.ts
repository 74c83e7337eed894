import { createHash } from 'node:crypto';
import type { Queryable } from './db';
import { json } from './db';
import { canonicalJson, genesisHash } from './history';

/**
 * The audit log of administration: one hash chain over the whole log (seq 1, 2, …), each row's hash
 * covering its content and the previous row's hash, like the records' history (`history.ts`).
 */
export interface AuditEntry {
  seq: number;
  at: Date;
  actorId: number | null;
  actorName: string;
  kind: string;
  action: string;
  targetId: string | null;
  targetLabel: string | null;
  details: Record<string, unknown>;
}

export interface StoredAuditEntry extends AuditEntry {
  prevHash: string;
  hash: string;
}

export function hashAuditEntry(prevHash: string, e: AuditEntry): string {
  const body = canonicalJson({
    seq: e.seq,
    at: e.at.toISOString(),
    actorId: e.actorId,
    actorName: e.actorName,
    kind: e.kind,
    action: e.action,
    targetId: e.targetId,
    targetLabel: e.targetLabel,
    details: e.details,
  });
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

/**
 * Appends one entry at the end of the chain, inside the caller's transaction. The head row is locked
 * first, so concurrent writers take turns (each sees the head the previous one committed).
 */
export async function appendAuditEntry(tx: Queryable, e: Omit<AuditEntry, 'seq'>): Promise<StoredAuditEntry> {
  const head = await tx.query<{ seq: string | number; hash: string }>(
    'SELECT seq, hash FROM admin_audit_head WHERE id = 1 FOR UPDATE',
  );
  const prevHash = head[0]?.hash ?? genesisHash;
  const seq = Number(head[0]?.seq ?? 0) + 1;
  // Milliseconds only: what timestamptz keeps of `at` must hash the same when read back.
  const entry: AuditEntry = { ...e, seq, at: new Date(e.at.getTime()) };
  const hash = hashAuditEntry(prevHash, entry);
  await tx.query(
    `INSERT INTO admin_audit (seq, at, actor_id, actor_name, kind, action, target_id, target_label, details, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      seq,
      entry.at,
      entry.actorId,
      entry.actorName,
      entry.kind,
      entry.action,
      entry.targetId,
      entry.targetLabel,
      json(entry.details),
      prevHash,
      hash,
    ],
  );
  await tx.query('UPDATE admin_audit_head SET seq = $1, hash = $2 WHERE id = 1', [seq, hash]);
  return { ...entry, prevHash, hash };
}

interface AuditRow {
  [k: string]: unknown;
  seq: string | number;
  at: Date;
  actor_id: number | null;
  actor_name: string;
  kind: string;
  action: string;
  target_id: string | null;
  target_label: string | null;
  details: Record<string, unknown>;
  prev_hash: string;
  hash: string;
}

const toEntry = (r: AuditRow): StoredAuditEntry => ({
  seq: Number(r.seq),
  at: r.at,
  actorId: r.actor_id,
  actorName: r.actor_name,
  kind: r.kind,
  action: r.action,
  targetId: r.target_id,
  targetLabel: r.target_label,
  details: r.details,
  prevHash: r.prev_hash,
  hash: r.hash,
});

/** Newest first; `beforeSeq` 0 for the first page; `limit` rows (the caller asks one more to page). */
export async function listAuditEntries(
  q: Queryable,
  opts: { limit: number; beforeSeq: number; kind?: string | undefined },
): Promise<StoredAuditEntry[]> {
  const params: unknown[] = [opts.limit];
  const where: string[] = [];
  if (opts.beforeSeq > 0) {
    params.push(opts.beforeSeq);
    where.push(`seq < $${params.length}`);
  }
  if (opts.kind !== undefined) {
    params.push(opts.kind);
    where.push(`kind = $${params.length}`);
  }
  const rows = await q.query<AuditRow>(
    `SELECT * FROM admin_audit ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT $1`,
    params,
  );
  return rows.map(toEntry);
}

/** Oldest first from `afterSeq` (exclusive): the verifier reads the chain in batches. */
export async function readAuditBatch(
  q: Queryable,
  afterSeq: number,
  limit: number,
): Promise<StoredAuditEntry[]> {
  const rows = await q.query<AuditRow>('SELECT * FROM admin_audit WHERE seq > $1 ORDER BY seq LIMIT $2', [
    afterSeq,
    limit,
  ]);
  return rows.map(toEntry);
}

export async function readAuditHead(q: Queryable): Promise<{ seq: number; hash: string }> {
  const rows = await q.query<{ seq: string | number; hash: string }>(
    'SELECT seq, hash FROM admin_audit_head WHERE id = 1',
  );
  return { seq: Number(rows[0]?.seq ?? 0), hash: rows[0]?.hash ?? genesisHash };
}
