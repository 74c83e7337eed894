import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { chmod, copyFile, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, normalize, sep } from 'node:path';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { loadConfigOrExit } from './config';
import type { Db } from './db/db';
import {
  beginSnapshot,
  isUnmigrated,
  listTables,
  referencedStorageKeys,
  restoreTables,
  tableRows,
} from './db/dump';
import { verifyAllHistories, type AllChainsVerdict } from './db/history';
import { knownMigrationIds, migrate } from './db/migrations';
import { openDb } from './db/open-db';

/**
 * `npm run backup -- <dir>` and `npm run restore -- <dir>`: the database and its files together, on
 * PostgreSQL (DATABASE_URL) or the embedded database (DATA_DIR/pg; stop the application first: one
 * process owns it).
 *
 * A backup is a directory: `manifest.json` (the migrations the schema had, each table's row count and
 * the sha256 of its file), `tables/<table>.jsonl.gz` (one row a line, as `row_to_json`), and `files/…`
 * (every uploaded or issued file the rows refer to, content-addressed as in DATA_DIR). The rows are read
 * in one read-only snapshot; the files are copied after it, and every file a row refers to must be there
 * with its sha256 (files are never rewritten, so the copy matches the snapshot). It holds password
 * hashes, sessions and encrypted keys: it is written readable by its owner only.
 *
 * A restore goes into a database that has never been migrated (a new PostgreSQL database, or an empty
 * DATA_DIR): it rebuilds the schema the backup was taken on, puts the rows back in one transaction,
 * migrates to this version, copies the files, and verifies every history chain. Redis is not backed up:
 * it holds only the schedule, which the timer sweep rebuilds from the restored `timers` at the first start.
 */

export interface BackupManifest {
  format: 1;
  createdAt: string;
  database: Db['kind'];
  migrations: string[];
  tables: { name: string; rows: number; file: string; sha256: string }[];
  files: { key: string; bytes: number }[];
}

type Log = (line: string) => void;

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

/** A storage key as a safe DATA_DIR-relative path (`files/ab/ab12…`, nothing that climbs out). */
function safeKey(key: string): string {
  const n = normalize(key);
  if (n.startsWith('..') || n.startsWith(sep) || !n.startsWith(`files${sep}`))
    throw new Error(`not a storage key: ${key}`);
  return n;
}

/** A content-addressed file must hash to its own name. */
async function checkContent(path: string, key: string): Promise<number> {
  const name = basename(key);
  if (/^[0-9a-f]{64}$/.test(name) && (await sha256Of(path)) !== name)
    throw new Error(`${key}: its content does not match its sha256`);
  return (await stat(path)).size;
}

export async function backup(db: Db, dataDir: string, outDir: string, log: Log): Promise<BackupManifest> {
  if (existsSync(outDir) && (await readdir(outDir)).length > 0)
    throw new Error(`${outDir} is not empty: a backup goes into a new directory`);
  if (await isUnmigrated(db)) throw new Error('the database has no Accolade schema: nothing to back up');
  await mkdir(join(outDir, 'tables'), { recursive: true, mode: 0o700 });
  await chmod(outDir, 0o700);

  const manifest: BackupManifest = {
    format: 1,
    createdAt: new Date().toISOString(),
    database: db.kind,
    migrations: [],
    tables: [],
    files: [],
  };
  const keys = await db.transaction(async (tx) => {
    await beginSnapshot(tx);
    manifest.migrations = (
      await tx.query<{ id: string }>('SELECT id FROM schema_migrations ORDER BY applied_at, id')
    ).map((r) => r.id);
    for (const name of await listTables(tx)) {
      const file = `tables/${name}.jsonl.gz`;
      const path = join(outDir, file);
      const gzip = createGzip();
      const done = pipeline(gzip, createWriteStream(path, { mode: 0o600 }));
      let rows = 0;
      for await (const batch of tableRows(tx, name)) {
        for (const line of batch)
          if (!gzip.write(`${line}\n`)) await new Promise((r) => gzip.once('drain', r));
        rows += batch.length;
      }
      gzip.end();
      await done;
      manifest.tables.push({ name, rows, file, sha256: await sha256Of(path) });
      log(`${name}: ${rows} rows`);
    }
    return referencedStorageKeys(tx);
  });

  for (const [i, raw] of keys.entries()) {
    const key = safeKey(raw);
    const from = join(dataDir, key);
    if (!existsSync(from)) throw new Error(`the database refers to ${key}, which is not in ${dataDir}`);
    const to = join(outDir, key);
    await mkdir(dirname(to), { recursive: true, mode: 0o700 });
    await copyFile(from, to);
    await chmod(to, 0o600);
    manifest.files.push({ key, bytes: await checkContent(to, key) });
    if ((i + 1) % 500 === 0 || i + 1 === keys.length) log(`files: ${i + 1} of ${keys.length}`);
  }
  await writeFile(join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
  return manifest;
}

async function readManifest(fromDir: string): Promise<BackupManifest> {
  const path = join(fromDir, 'manifest.json');
  if (!existsSync(path)) throw new Error(`${fromDir} has no manifest.json: not an Accolade backup`);
  const manifest = JSON.parse(await readFile(path, 'utf8')) as BackupManifest;
  if (manifest.format !== 1) throw new Error(`backup format ${String(manifest.format)} is not known`);
  return manifest;
}

async function* batchesOf(path: string, size = 500): AsyncGenerator<string[]> {
  const lines = createInterface({ input: createReadStream(path).pipe(createGunzip()), crlfDelay: Infinity });
  let batch: string[] = [];
  for await (const line of lines) {
    if (line === '') continue;
    batch.push(line);
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

export async function restore(
  db: Db,
  dataDir: string,
  fromDir: string,
  log: Log,
): Promise<{ manifest: BackupManifest; history: AllChainsVerdict }> {
  const manifest = await readManifest(fromDir);
  // Everything is checked before the database is touched.
  for (const t of manifest.tables)
    if ((await sha256Of(join(fromDir, t.file))) !== t.sha256)
      throw new Error(`${t.file} is damaged (sha256)`);
  for (const f of manifest.files) await checkContent(join(fromDir, safeKey(f.key)), f.key);
  const known = new Set(knownMigrationIds());
  const unknown = manifest.migrations.filter((m) => !known.has(m));
  if (unknown.length > 0)
    throw new Error(
      `the backup was taken by a newer version (migrations ${unknown.join(', ')}): upgrade first`,
    );
  if (!(await isUnmigrated(db)))
    throw new Error('the target database already has a schema: restore into a new, empty database');

  await migrate(db, { only: new Set(manifest.migrations) });
  await db.transaction((tx) =>
    restoreTables(
      tx,
      manifest.tables.map((t) => ({ name: t.name, batches: () => batchesOf(join(fromDir, t.file)) })),
      (name, rows) => log(`${name}: ${rows} rows`),
    ),
  );
  const upgraded = await migrate(db);
  if (upgraded.length > 0) log(`migrated to this version: ${upgraded.join(', ')}`);

  for (const f of manifest.files) {
    const to = join(dataDir, safeKey(f.key));
    if (existsSync(to)) await checkContent(to, f.key);
    else {
      await mkdir(dirname(to), { recursive: true });
      await copyFile(join(fromDir, f.key), to);
    }
  }
  log(`files: ${manifest.files.length}`);
  const history = await verifyAllHistories(db);
  log(
    history.ok
      ? `history: ${history.chains} chains, ${history.rows} rows, all verify`
      : `history: ${history.broken} broken chains, first ${JSON.stringify(history.firstBroken)}`,
  );
  return { manifest, history };
}

async function main(): Promise<void> {
  const [command, dir] = process.argv.slice(2);
  if ((command !== 'backup' && command !== 'restore') || !dir) {
    console.error('usage: npm run backup -- <new directory>   |   npm run restore -- <backup directory>');
    process.exit(2);
  }
  const config = loadConfigOrExit();
  const db = await openDb({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, migrate: false });
  const log: Log = (line) => console.log(line);
  try {
    if (command === 'backup') {
      const m = await backup(db, config.DATA_DIR, dir, log);
      console.log(`backup written to ${dir}: ${m.tables.length} tables, ${m.files.length} files`);
    } else {
      const { history } = await restore(db, config.DATA_DIR, dir, log);
      console.log(
        history.ok ? `restored from ${dir}` : `restored from ${dir}, but some history chains do not verify`,
      );
      if (!history.ok) process.exitCode = 1;
    }
  } catch (e) {
    console.error(`${command} failed: ${(e as Error).message}`);
    process.exitCode = 1;
  } finally {
    await db.close();
  }
}

if (require.main === module) void main();
