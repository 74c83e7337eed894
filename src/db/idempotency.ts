import type { Queryable } from './db';
import { json } from './db';

export interface StoredResponse {
  recordType: string;
  recordId: number;
  event: string;
  response: unknown;
}

export async function findIdempotent(
  q: Queryable,
  userId: number,
  key: string,
): Promise<StoredResponse | undefined> {
  const rows = await q.query<{ record_type: string; record_id: number; event: string; response: unknown }>(
    'SELECT record_type, record_id, event, response FROM idempotency_keys WHERE user_id = $1 AND key = $2',
    [userId, key],
  );
  const r = rows[0];
  return r
    ? { recordType: r.record_type, recordId: r.record_id, event: r.event, response: r.response }
    : undefined;
}

/**
 * Claims a key for a request at the start of its transaction. A concurrent request with the same key
 * waits on the unique index until the first commits, then finds the key taken (false) and replays.
 */
export async function claimIdempotencyKey(
  tx: Queryable,
  userId: number,
  key: string,
  s: Omit<StoredResponse, 'response'>,
): Promise<boolean> {
  const rows = await tx.query(
    `INSERT INTO idempotency_keys (user_id, key, record_type, record_id, event, response)
     VALUES ($1, $2, $3, $4, $5, 'null'::jsonb) ON CONFLICT (user_id, key) DO NOTHING RETURNING key`,
    [userId, key, s.recordType, s.recordId, s.event],
  );
  return rows.length === 1;
}

export async function saveIdempotentResponse(
  tx: Queryable,
  userId: number,
  key: string,
  response: unknown,
): Promise<void> {
  await tx.query('UPDATE idempotency_keys SET response = $3 WHERE user_id = $1 AND key = $2', [
    userId,
    key,
    json(response),
  ]);
}
