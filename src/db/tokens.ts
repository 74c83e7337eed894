import type { Queryable } from './db';

/** API tokens: only the sha256 of the secret is stored. */
export interface ApiTokenRecord {
  id: number;
  userId: number;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

interface TokenRow {
  [k: string]: unknown;
  id: number;
  user_id: number;
  name: string;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

const cols = 'id, user_id, name, created_at, last_used_at, revoked_at';
const toToken = (r: TokenRow): ApiTokenRecord => ({
  id: r.id,
  userId: r.user_id,
  name: r.name,
  createdAt: r.created_at,
  lastUsedAt: r.last_used_at,
  revokedAt: r.revoked_at,
});

export async function createToken(
  db: Queryable,
  userId: number,
  name: string,
  tokenHash: string,
): Promise<ApiTokenRecord> {
  const rows = await db.query<TokenRow>(
    `INSERT INTO api_tokens (user_id, name, token_hash) VALUES ($1, $2, $3) RETURNING ${cols}`,
    [userId, name, tokenHash],
  );
  return toToken(rows[0]!);
}

export async function listTokens(db: Queryable, userId: number): Promise<ApiTokenRecord[]> {
  const rows = await db.query<TokenRow>(`SELECT ${cols} FROM api_tokens WHERE user_id = $1 ORDER BY id`, [
    userId,
  ]);
  return rows.map(toToken);
}

/** The live (not revoked) token with this hash. */
export async function findTokenByHash(db: Queryable, tokenHash: string): Promise<ApiTokenRecord | null> {
  const rows = await db.query<TokenRow>(
    `SELECT ${cols} FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL`,
    [tokenHash],
  );
  return rows[0] ? toToken(rows[0]) : null;
}

/** Records use at most once a minute, so a busy client does not write on every request. */
export async function markTokenUsed(db: Queryable, id: number): Promise<void> {
  await db.query(
    `UPDATE api_tokens SET last_used_at = now()
     WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '60 seconds')`,
    [id],
  );
}

/** Revokes one of the user's tokens; false when the user has no such live token. */
export async function revokeToken(db: Queryable, userId: number, id: number): Promise<boolean> {
  const rows = await db.query(
    'UPDATE api_tokens SET revoked_at = now() WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL RETURNING id',
    [id, userId],
  );
  return rows.length > 0;
}

export async function revokeUserTokens(db: Queryable, userId: number): Promise<number> {
  const rows = await db.query(
    'UPDATE api_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL RETURNING id',
    [userId],
  );
  return rows.length;
}

/** One token (any user's), for an admin or the owner's revocation. */
export async function getToken(db: Queryable, id: number): Promise<ApiTokenRecord | null> {
  const rows = await db.query<TokenRow>(`SELECT ${cols} FROM api_tokens WHERE id = $1`, [id]);
  return rows[0] ? toToken(rows[0]) : null;
}

/** Every user's tokens with their owner's username, newest first (the admin's list); live ones only unless `all`. */
export async function listAllTokens(
  db: Queryable,
  opts: { limit: number; beforeId: number; includeRevoked: boolean },
): Promise<Array<ApiTokenRecord & { username: string }>> {
  const params: unknown[] = [opts.limit];
  const where: string[] = [];
  if (opts.beforeId > 0) {
    params.push(opts.beforeId);
    where.push(`t.id < $${params.length}`);
  }
  if (!opts.includeRevoked) where.push('t.revoked_at IS NULL');
  const rows = await db.query<TokenRow & { username: string }>(
    `SELECT t.id, t.user_id, t.name, t.created_at, t.last_used_at, t.revoked_at, u.username
     FROM api_tokens t JOIN users u ON u.id = t.user_id
     ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY t.id DESC LIMIT $1`,
    params,
  );
  return rows.map((r) => ({ ...toToken(r), username: r.username }));
}

/** Revokes a live token whoever owns it; the token as revoked, or null when there is no live one. */
export async function revokeTokenById(db: Queryable, id: number): Promise<ApiTokenRecord | null> {
  const rows = await db.query<TokenRow>(
    `UPDATE api_tokens SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING ${cols}`,
    [id],
  );
  return rows[0] ? toToken(rows[0]) : null;
}
