import type { Queryable } from './db';
import { json } from './db';

/** Server-side HTTP sessions (see src/http/session-store.ts). */
export async function getSession(db: Queryable, sid: string): Promise<unknown> {
  const rows = await db.query<{ sess: unknown }>(
    'SELECT sess FROM sessions WHERE sid = $1 AND expires_at > now()',
    [sid],
  );
  return rows[0]?.sess ?? null;
}

export async function putSession(
  db: Queryable,
  sid: string,
  userId: number | null,
  sess: unknown,
  expiresAt: Date,
): Promise<void> {
  await db.query(
    `INSERT INTO sessions (sid, user_id, sess, expires_at) VALUES ($1, $2, $3::jsonb, $4)
     ON CONFLICT (sid) DO UPDATE SET user_id = EXCLUDED.user_id, sess = EXCLUDED.sess, expires_at = EXCLUDED.expires_at`,
    [sid, userId, json(sess), expiresAt],
  );
}

/** Moves the expiry forward; skips the write when it would move by less than a minute. */
export async function touchSession(db: Queryable, sid: string, expiresAt: Date): Promise<void> {
  await db.query(
    `UPDATE sessions SET expires_at = $2 WHERE sid = $1 AND expires_at < $2::timestamptz - interval '60 seconds'`,
    [sid, expiresAt],
  );
}

export async function deleteSession(db: Queryable, sid: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE sid = $1', [sid]);
}

/** Ends every session of a user, except `exceptSid` when given. Returns how many ended. */
export async function deleteUserSessions(db: Queryable, userId: number, exceptSid?: string): Promise<number> {
  const rows = await db.query(
    exceptSid === undefined
      ? 'DELETE FROM sessions WHERE user_id = $1 RETURNING sid'
      : 'DELETE FROM sessions WHERE user_id = $1 AND sid <> $2 RETURNING sid',
    exceptSid === undefined ? [userId] : [userId, exceptSid],
  );
  return rows.length;
}

export async function countUserSessions(db: Queryable, userId: number): Promise<number> {
  const rows = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM sessions WHERE user_id = $1 AND expires_at > now()',
    [userId],
  );
  return rows[0]?.n ?? 0;
}

export async function deleteExpiredSessions(db: Queryable): Promise<number> {
  const rows = await db.query('DELETE FROM sessions WHERE expires_at <= now() RETURNING sid');
  return rows.length;
}
