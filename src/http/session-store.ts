import session from 'express-session';
import { randomBytes } from 'node:crypto';
import type { Db } from '../db/db';
import { deleteExpiredSessions, deleteSession, getSession, putSession, touchSession } from '../db/sessions';
import { getOrCreateSetting } from '../db/settings';
import type { Config } from '../config';

type Callback = (err?: unknown) => void;

/**
 * express-session's store over our database, so every web process sees the same sessions and ending a
 * user's sessions (logout, password change, deactivation) is one DELETE by `user_id`.
 */
export class DbSessionStore extends session.Store {
  private writes = 0;

  constructor(
    private readonly db: Db,
    private readonly defaultTtlMs: number,
  ) {
    super();
  }

  private expiry(sess: session.SessionData): Date {
    const e = sess.cookie?.expires;
    if (e) return new Date(e);
    return new Date(Date.now() + (sess.cookie?.maxAge ?? this.defaultTtlMs));
  }

  override get(sid: string, cb: (err: unknown, session?: session.SessionData | null) => void): void {
    getSession(this.db, sid).then(
      (s) => cb(null, (s as session.SessionData | null) ?? null),
      (e: unknown) => cb(e),
    );
  }

  override set(sid: string, sess: session.SessionData, cb?: Callback): void {
    // Expired rows are swept now and then on writes: no timer, so nothing keeps the process alive.
    const sweep = ++this.writes % 200 === 0;
    putSession(this.db, sid, sess.userId ?? null, sess, this.expiry(sess))
      .then(() => (sweep ? deleteExpiredSessions(this.db) : 0))
      .then(
        () => cb?.(),
        (e: unknown) => cb?.(e),
      );
  }

  override touch(sid: string, sess: session.SessionData, cb?: Callback): void {
    touchSession(this.db, sid, this.expiry(sess)).then(
      () => cb?.(),
      (e: unknown) => cb?.(e),
    );
  }

  override destroy(sid: string, cb?: Callback): void {
    deleteSession(this.db, sid).then(
      () => cb?.(),
      (e: unknown) => cb?.(e),
    );
  }
}

/**
 * The secret that signs session cookies: `SESSION_SECRET` when set, else a random one made once and kept
 * in `settings`, so every web process (and every restart) signs alike.
 */
export async function resolveSessionSecret(db: Db, config: Config): Promise<string> {
  if (config.SESSION_SECRET) return config.SESSION_SECRET;
  const v = await getOrCreateSetting(db, 'session_secret', () => randomBytes(48).toString('base64url'));
  if (typeof v !== 'string' || v.length < 16)
    throw new Error('settings.session_secret is not a usable secret');
  return v;
}
