import type { Db } from './db';
import { migrations } from './migrations/index';

/** The ids of the migrations this code knows, in order. */
export const knownMigrationIds = (): string[] => migrations.map((m) => m.id);

/**
 * Brings the schema up to date, on PostgreSQL and PGlite alike. Several processes may start at once:
 * an advisory lock makes them take turns, and each migration runs in its own transaction. With `only`,
 * just those migrations (a restore first rebuilds the schema its backup was taken on).
 */
export async function migrate(db: Db, opts: { only?: ReadonlySet<string> } = {}): Promise<string[]> {
  const applied: string[] = [];
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(774411)');
    await tx.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const done = new Set(
      (await tx.query<{ id: string }>('SELECT id FROM schema_migrations')).map((r) => r.id),
    );
    for (const m of migrations) {
      if (done.has(m.id) || (opts.only && !opts.only.has(m.id))) continue;
      for (const stmt of splitStatements(m.sql)) await tx.query(stmt);
      await tx.query('INSERT INTO schema_migrations (id) VALUES ($1)', [m.id]);
      applied.push(m.id);
    }
  });
  return applied;
}

/** Splits on semicolons at line ends (our migrations have no functions with bodies). */
function splitStatements(sql: string): string[] {
  return sql
    .split(/;\s*\n/)
    .map((s) => s.replace(/^\s*--.*$/gm, '').trim())
    .filter((s) => s.length > 0);
}
