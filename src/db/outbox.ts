import type { Queryable, Row } from './db';
import { json } from './db';

/**
 * The transactional outbox: jobs written in the same transaction as the state change they follow from,
 * handed to BullMQ after commit by the relay (and by its sweep after a crash).
 */
export interface OutboxRow extends Row {
  id: number;
  queue: string;
  job_name: string;
  job_id: string;
  payload: Record<string, unknown>;
  run_at: Date | null;
  attempts: number;
}

export interface NewOutboxRow {
  queue: string;
  jobName: string;
  jobId: string;
  payload: Record<string, unknown>;
  runAt?: Date | null;
}

export async function insertOutbox(tx: Queryable, row: NewOutboxRow): Promise<number> {
  const rows = await tx.query<{ id: number }>(
    'INSERT INTO outbox (queue, job_name, job_id, payload, run_at) VALUES ($1, $2, $3, $4, $5) RETURNING id',
    [row.queue, row.jobName, row.jobId, json(row.payload), row.runAt ?? null],
  );
  const id = rows[0]?.id;
  if (id === undefined) throw new Error('outbox insert returned no id');
  return id;
}

/**
 * Takes a batch of unpublished rows; SKIP LOCKED lets several relays (one per process) share the work
 * without publishing a row twice at the same time (and a job id makes a second publication harmless).
 */
export async function lockUnpublished(tx: Queryable, limit: number): Promise<OutboxRow[]> {
  return tx.query<OutboxRow>(
    'SELECT * FROM outbox WHERE published_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED',
    [limit],
  );
}

export async function markPublished(tx: Queryable, ids: readonly number[], at: Date): Promise<void> {
  if (ids.length === 0) return;
  await tx.query('UPDATE outbox SET published_at = $2 WHERE id = ANY($1::bigint[])', [ids, at]);
}

export async function markPublishFailed(tx: Queryable, ids: readonly number[], error: string): Promise<void> {
  if (ids.length === 0) return;
  await tx.query('UPDATE outbox SET attempts = attempts + 1, last_error = $2 WHERE id = ANY($1::bigint[])', [
    ids,
    error.slice(0, 500),
  ]);
}

export async function countUnpublished(q: Queryable): Promise<number> {
  const rows = await q.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL',
  );
  return rows[0]?.n ?? 0;
}

/** Published rows older than a cut-off are only history: prune them. */
export async function prunePublished(q: Queryable, before: Date): Promise<void> {
  await q.query('DELETE FROM outbox WHERE published_at IS NOT NULL AND published_at < $1', [before]);
}

/** What waits for Redis: unpublished rows, the oldest one's creation, and how many failed at least once. */
export async function unpublishedSummary(
  q: Queryable,
): Promise<{ unpublished: number; oldest: Date | null; failedAttempts: number }> {
  const rows = await q.query<{ n: number; oldest: Date | null; failed: number }>(
    `SELECT count(*)::int AS n, min(created_at) AS oldest,
            count(*) FILTER (WHERE attempts > 0)::int AS failed
       FROM outbox WHERE published_at IS NULL`,
  );
  return {
    unpublished: rows[0]?.n ?? 0,
    oldest: rows[0]?.oldest ?? null,
    failedAttempts: rows[0]?.failed ?? 0,
  };
}
