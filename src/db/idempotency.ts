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

export async function saveIdempotent(
  tx: Queryable,
  userId: number,
  key: string,
  s: StoredResponse,
): Promise<void> {
  await tx.query(
    'INSERT INTO idempotency_keys (user_id, key, record_type, record_id, event, response) VALUES ($1, $2, $3, $4, $5, $6)',
    [userId, key, s.recordType, s.recordId, s.event, json(s.response)],
  );
}
