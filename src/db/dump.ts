import type { Queryable } from './db';

/**
 * A logical copy of the whole schema, in SQL both PostgreSQL and PGlite speak: each row as its
 * `row_to_json` text, read in one snapshot, and put back with `json_populate_recordset`, so types
 * (timestamps to the microsecond, jsonb, bytea) come back exactly and a record's history still hashes to
 * what it did. Used by `npm run backup` / `npm run restore` (src/backup.ts).
 */

const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** The schema's tables (the current schema: `public`, or a test's own), in name order. */
export async function listTables(q: Queryable): Promise<string[]> {
  const rows = await q.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
      ORDER BY table_name`,
  );
  return rows.map((r) => r.name);
}

/** Whether the schema has never been migrated (no `schema_migrations`): the only place a restore goes. */
export async function isUnmigrated(q: Queryable): Promise<boolean> {
  const rows = await q.query(
    `SELECT 1 FROM information_schema.tables
      WHERE table_schema = current_schema() AND table_name = 'schema_migrations'`,
  );
  return rows.length === 0;
}

/** Makes the calling transaction a read-only snapshot: every table read after this sees one instant. */
export async function beginSnapshot(tx: Queryable): Promise<void> {
  await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
}

/**
 * A table's rows as JSON text, `batch` at a time, through a cursor (memory stays flat). Runs inside a
 * transaction (the snapshot's).
 */
export async function* tableRows(tx: Queryable, table: string, batch = 1000): AsyncGenerator<string[]> {
  const cursor = `dump_${table.replace(/[^a-z0-9_]/gi, '_')}`;
  await tx.query(
    `DECLARE ${cursor} NO SCROLL CURSOR FOR SELECT row_to_json(t)::text AS j FROM ${ident(table)} t`,
  );
  try {
    for (;;) {
      const rows = await tx.query<{ j: string }>(`FETCH ${batch} FROM ${cursor}`);
      if (rows.length === 0) return;
      yield rows.map((r) => r.j);
    }
  } finally {
    await tx.query(`CLOSE ${cursor}`);
  }
}

/** The values of every `storage_key` column: the files the rows refer to (DATA_DIR-relative). */
export async function referencedStorageKeys(tx: Queryable): Promise<string[]> {
  const cols = await tx.query<{ t: string; c: string }>(
    `SELECT table_name AS t, column_name AS c FROM information_schema.columns
      WHERE table_schema = current_schema() AND column_name = 'storage_key'`,
  );
  const keys = new Set<string>();
  for (const { t, c } of cols) {
    const rows = await tx.query<{ k: string }>(
      `SELECT DISTINCT ${ident(c)} AS k FROM ${ident(t)} WHERE ${ident(c)} IS NOT NULL`,
    );
    for (const r of rows) keys.add(r.k);
  }
  return [...keys].sort();
}

interface ForeignKey {
  table: string;
  name: string;
  definition: string;
}

async function foreignKeys(tx: Queryable): Promise<ForeignKey[]> {
  return tx.query<ForeignKey & Record<string, unknown>>(
    `SELECT cl.relname AS "table", co.conname AS name, pg_get_constraintdef(co.oid) AS definition
       FROM pg_constraint co JOIN pg_class cl ON cl.oid = co.conrelid
       JOIN pg_namespace ns ON ns.oid = cl.relnamespace
      WHERE co.contype = 'f' AND ns.nspname = current_schema()
      ORDER BY cl.relname, co.conname`,
  );
}

/**
 * Puts a dump back into a schema migrated to the dump's own migrations, in one transaction: the foreign
 * keys are dropped while the tables fill (rows of a self-referencing table come in any order) and added
 * again afterwards, which checks every reference; what the migrations seeded is replaced; identity
 * counters continue after the highest id. `tables` yields each table's rows in batches.
 */
export async function restoreTables(
  tx: Queryable,
  tables: { name: string; batches: () => AsyncIterable<string[]> }[],
  progress: (table: string, rows: number) => void = () => undefined,
): Promise<void> {
  const known = new Set(await listTables(tx));
  for (const t of tables) if (!known.has(t.name)) throw new Error(`the schema has no table ${t.name}`);
  const fks = await foreignKeys(tx);
  for (const fk of fks) await tx.query(`ALTER TABLE ${ident(fk.table)} DROP CONSTRAINT ${ident(fk.name)}`);
  if (tables.length > 0) await tx.query(`TRUNCATE ${tables.map((t) => ident(t.name)).join(', ')}`);
  for (const t of tables) {
    let count = 0;
    for await (const batch of t.batches()) {
      await tx.query(
        `INSERT INTO ${ident(t.name)} OVERRIDING SYSTEM VALUE
         SELECT * FROM json_populate_recordset(NULL::${ident(t.name)}, $1::json)`,
        [`[${batch.join(',')}]`],
      );
      count += batch.length;
    }
    progress(t.name, count);
  }
  const identities = await tx.query<{ t: string; c: string }>(
    `SELECT table_name AS t, column_name AS c FROM information_schema.columns
      WHERE table_schema = current_schema() AND is_identity = 'YES'`,
  );
  for (const { t, c } of identities)
    await tx.query(
      `SELECT setval(pg_get_serial_sequence($1, $2), coalesce(max(${ident(c)}), 0) + 1, false) FROM ${ident(t)}`,
      [ident(t), c],
    );
  for (const fk of fks)
    await tx.query(`ALTER TABLE ${ident(fk.table)} ADD CONSTRAINT ${ident(fk.name)} ${fk.definition}`);
}
