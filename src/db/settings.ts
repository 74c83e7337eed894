import type { Queryable } from './db';
import { json } from './db';

/** Key-value settings shared by every process (policy, the session secret, …). */
export async function getSetting(db: Queryable, key: string): Promise<unknown> {
  const rows = await db.query<{ value: unknown }>('SELECT value FROM settings WHERE key = $1', [key]);
  return rows[0]?.value;
}

export async function putSetting(
  db: Queryable,
  key: string,
  value: unknown,
  userId: number | null,
): Promise<void> {
  await db.query(
    `INSERT INTO settings (key, value, updated_by, updated_at) VALUES ($1, $2::jsonb, $3, now())
     ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_by = EXCLUDED.updated_by, updated_at = now()`,
    [key, json(value), userId],
  );
}

/**
 * Returns the stored value, storing `make()` first when there is none. Several processes starting at
 * once all end up with the value of whichever wrote first.
 */
export async function getOrCreateSetting(db: Queryable, key: string, make: () => unknown): Promise<unknown> {
  await db.query('INSERT INTO settings (key, value) VALUES ($1, $2::jsonb) ON CONFLICT (key) DO NOTHING', [
    key,
    json(make()),
  ]);
  return getSetting(db, key);
}
