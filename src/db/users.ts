import type { Role } from '../../machines/contract';
import type { Queryable } from './db';

/** A person who logs in. The password hash never leaves this module except through `findUserForLogin`. */
export interface UserRecord {
  id: number;
  username: string;
  fullName: string;
  email: string;
  unitId: number | null;
  roles: Role[];
  locale: string;
  active: boolean;
  passwordChangedAt: Date;
  createdAt: Date;
}

interface UserRow {
  [k: string]: unknown;
  id: number;
  username: string;
  full_name: string;
  email: string;
  unit_id: number | null;
  roles: Role[];
  locale: string;
  active: boolean;
  password_changed_at: Date;
  created_at: Date;
}

const cols =
  'id, username, full_name, email, unit_id, roles, locale, active, password_changed_at, created_at';
const toUser = (r: UserRow): UserRecord => ({
  id: r.id,
  username: r.username,
  fullName: r.full_name,
  email: r.email,
  unitId: r.unit_id,
  roles: r.roles,
  locale: r.locale,
  active: r.active,
  passwordChangedAt: r.password_changed_at,
  createdAt: r.created_at,
});

export interface NewUser {
  username: string;
  passwordHash: string;
  fullName: string;
  email: string;
  unitId: number | null;
  roles: readonly Role[];
  locale?: string;
}

export async function createUser(db: Queryable, u: NewUser): Promise<UserRecord> {
  const rows = await db.query<UserRow>(
    `INSERT INTO users (username, password_hash, full_name, email, unit_id, roles, locale)
     VALUES ($1, $2, $3, $4, $5, $6::text[], $7) RETURNING ${cols}`,
    [u.username, u.passwordHash, u.fullName, u.email, u.unitId, u.roles, u.locale ?? 'vi'],
  );
  return toUser(rows[0]!);
}

/**
 * Creates `u` only when there is no user at all (the bootstrap admin). Processes starting together take
 * turns on an advisory lock, so exactly one creates it. Returns the user created, or null.
 */
export async function createFirstUser(
  db: { transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> },
  u: NewUser,
): Promise<UserRecord | null> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(774412)');
    const n = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
    if ((n[0]?.n ?? 0) > 0) return null;
    return createUser(tx, u);
  });
}

export async function findUserById(db: Queryable, id: number): Promise<UserRecord | null> {
  const rows = await db.query<UserRow>(`SELECT ${cols} FROM users WHERE id = $1`, [id]);
  return rows[0] ? toUser(rows[0]) : null;
}

export async function findUserByUsername(db: Queryable, username: string): Promise<UserRecord | null> {
  const rows = await db.query<UserRow>(`SELECT ${cols} FROM users WHERE username = $1`, [username]);
  return rows[0] ? toUser(rows[0]) : null;
}

/** For password checks only. */
export async function findUserForLogin(
  db: Queryable,
  username: string,
): Promise<(UserRecord & { passwordHash: string }) | null> {
  const rows = await db.query<UserRow & { password_hash: string }>(
    `SELECT ${cols}, password_hash FROM users WHERE username = $1`,
    [username],
  );
  const r = rows[0];
  return r ? { ...toUser(r), passwordHash: r.password_hash } : null;
}

export async function getPasswordHash(db: Queryable, id: number): Promise<string | null> {
  const rows = await db.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = $1', [
    id,
  ]);
  return rows[0]?.password_hash ?? null;
}

/** Sets a new hash; returns the new `passwordChangedAt` (the database's clock). */
export async function setPasswordHash(db: Queryable, id: number, passwordHash: string): Promise<Date> {
  const rows = await db.query<{ password_changed_at: Date }>(
    'UPDATE users SET password_hash = $2, password_changed_at = now() WHERE id = $1 RETURNING password_changed_at',
    [id, passwordHash],
  );
  if (!rows[0]) throw new Error(`no user ${id}`);
  return rows[0].password_changed_at;
}

export interface UserPatch {
  fullName?: string;
  email?: string;
  unitId?: number | null;
  roles?: readonly Role[];
  locale?: string;
  active?: boolean;
}

export async function updateUser(db: Queryable, id: number, p: UserPatch): Promise<UserRecord | null> {
  const rows = await db.query<UserRow>(
    `UPDATE users SET
       full_name = COALESCE($2, full_name),
       email = COALESCE($3, email),
       unit_id = CASE WHEN $4::boolean THEN $5::integer ELSE unit_id END,
       roles = COALESCE($6::text[], roles),
       locale = COALESCE($7, locale),
       active = COALESCE($8, active)
     WHERE id = $1 RETURNING ${cols}`,
    [
      id,
      p.fullName ?? null,
      p.email ?? null,
      p.unitId !== undefined,
      p.unitId ?? null,
      p.roles ?? null,
      p.locale ?? null,
      p.active ?? null,
    ],
  );
  return rows[0] ? toUser(rows[0]) : null;
}

export interface UserFilter {
  limit: number;
  afterId?: number;
  unitId?: number;
  role?: Role;
  active?: boolean;
  /** Matches username, full name or email, case-insensitively. */
  q?: string;
}

/** Users in id order after `afterId`; asks for `limit` rows (ask one more to know if a page follows). */
export async function listUsers(db: Queryable, f: UserFilter): Promise<UserRecord[]> {
  const rows = await db.query<UserRow>(
    `SELECT ${cols} FROM users
     WHERE id > $1
       AND ($2::integer IS NULL OR unit_id = $2)
       AND ($3::text IS NULL OR $3 = ANY(roles))
       AND ($4::boolean IS NULL OR active = $4)
       AND ($5::text IS NULL OR username ILIKE $5 OR full_name ILIKE $5 OR email ILIKE $5)
     ORDER BY id LIMIT $6`,
    [
      f.afterId ?? 0,
      f.unitId ?? null,
      f.role ?? null,
      f.active ?? null,
      f.q ? `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null,
      f.limit,
    ],
  );
  return rows.map(toUser);
}

export async function countActiveUsersWithRole(
  db: Queryable,
  role: Role,
  exceptId?: number,
): Promise<number> {
  const rows = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM users WHERE active AND $1 = ANY(roles) AND id <> $2',
    [role, exceptId ?? 0],
  );
  return rows[0]?.n ?? 0;
}

/** Moves the users of a retired unit to its successor. */
export async function moveUnitUsers(db: Queryable, fromUnitId: number, toUnitId: number): Promise<number> {
  const rows = await db.query('UPDATE users SET unit_id = $2 WHERE unit_id = $1 RETURNING id', [
    fromUnitId,
    toUnitId,
  ]);
  return rows.length;
}
