import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { backup, restore, type BackupManifest } from '../../../src/backup';
import type { Db } from '../../../src/db/db';
import { listTables } from '../../../src/db/dump';
import { verifyAllHistories } from '../../../src/db/history';
import { openDb } from '../../../src/db/open-db';
import { dropPostgresSchema } from '../../../src/db/postgres';
import { createUnit } from '../../../src/db/units';
import { sweepTimers } from '../../../src/queue/timer-sweep';
import { RecordBuilder, setupApiOrg, startApiApp, type ApiApp } from '../../helpers/api-org';
import { deletePrefixKeys, timersHarness } from '../../helpers/timers';
import { uniquePrefix } from '../../helpers/db';

/**
 * `npm run backup` / `npm run restore` (src/backup.ts) on the suite's database (PGlite, or PostgreSQL
 * with DATABASE_URL): an organisation with records under notice (armed deadlines), dossiers with files
 * and an issued decision (a stored PDF) is backed up and restored into a new database and DATA_DIR; the
 * rows come back exactly, every chain verifies, the files are there, and an empty Redis gets every armed
 * deadline back from the sweep.
 */
const databaseUrl = process.env.DATABASE_URL;
const quiet = () => undefined;

async function freshTarget(): Promise<{ db: Db; close(): Promise<void> }> {
  if (!databaseUrl) {
    const db = await openDb({ inMemory: true, migrate: false });
    return { db, close: () => db.close() };
  }
  const schema = `t_restore_${randomBytes(6).toString('hex')}`;
  const db = await openDb({ databaseUrl, schema, poolSize: 3, migrate: false });
  return {
    db,
    async close() {
      await db.close();
      await dropPostgresSchema(databaseUrl, schema);
    },
  };
}

async function everyRow(db: Db): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const t of await listTables(db)) {
    if (t === 'schema_migrations') continue;
    const rows = await db.query<{ j: string }>(`SELECT row_to_json(x)::text AS j FROM "${t}" x`);
    out[t] = rows.map((r) => r.j).sort();
  }
  return out;
}

describe('backup and restore', () => {
  let app: ApiApp;
  const dirs: string[] = [];
  const tmp = (name: string) => {
    const d = mkdtempSync(join(tmpdir(), `accolade-${name}-`));
    dirs.push(d);
    return d;
  };
  let manifest: BackupManifest;
  let backupDir: string;

  beforeAll(async () => {
    app = await startApiApp();
    const org = await setupApiOrg(app.t);
    const build = new RecordBuilder(org);
    await build.nomination('publicNotice');
    await build.nomination('publicNotice');
    await build.nomination('awarded');
    await build.dossier('returned');
    backupDir = join(tmp('backup'), 'b');
    manifest = await backup(app.t.db, app.t.config.DATA_DIR, backupDir, quiet);
  }, 120_000);

  afterAll(async () => {
    await app.t.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  test('the backup holds every table, the files the rows refer to, and is readable by its owner only', async () => {
    const source = await listTables(app.t.db);
    expect(manifest.tables.map((t) => t.name)).toEqual(source);
    expect(manifest.tables.find((t) => t.name === 'history')!.rows).toBeGreaterThan(10);
    expect(manifest.migrations).toContain('0001-core');
    // Attachments and the issued decision's PDF.
    expect(manifest.files.length).toBeGreaterThanOrEqual(2);
    for (const f of manifest.files) expect(existsSync(join(backupDir, f.key))).toBe(true);
    const { statSync } = await import('node:fs');
    expect(statSync(backupDir).mode & 0o077).toBe(0);
    expect(statSync(join(backupDir, 'manifest.json')).mode & 0o077).toBe(0);
    // A backup never overwrites one.
    await expect(backup(app.t.db, app.t.config.DATA_DIR, backupDir, quiet)).rejects.toThrow(/not empty/);
  });

  test('a restore into a new database gives the same rows, verifying chains, the files, and the deadlines back in an empty Redis', async () => {
    const target = await freshTarget();
    const dataDir = tmp('restored');
    const prefix = uniquePrefix('restore');
    const h = timersHarness(target.db, { prefix });
    try {
      const lines: string[] = [];
      const { history } = await restore(target.db, dataDir, backupDir, (l) => lines.push(l));
      expect(lines).toContain('history: ' + `${history.chains} chains, ${history.rows} rows, all verify`);

      // Row for row, byte for byte (timestamps to the microsecond, jsonb, hashes).
      expect(await everyRow(target.db)).toEqual(await everyRow(app.t.db));
      const before = await verifyAllHistories(app.t.db);
      expect(history).toEqual(before);
      expect(history.ok).toBe(true);

      for (const f of manifest.files)
        expect(readFileSync(join(dataDir, f.key))).toEqual(readFileSync(join(app.t.config.DATA_DIR, f.key)));

      // Identity counters go on after the restored ids.
      const maxId = (await target.db.query<{ m: number }>('SELECT max(id)::int AS m FROM units'))[0]!.m;
      const unit = await createUnit(target.db, {
        code: 'MOI',
        name: 'Đơn vị mới',
        parentId: null,
        email: null,
        validFrom: '2026-01-01',
      });
      expect(unit.id).toBeGreaterThan(maxId);

      // Redis is not in the backup: the sweep re-arms every armed deadline from the restored timers.
      const armed = await target.db.query<{ id: number }>(`SELECT id FROM timers WHERE status = 'armed'`);
      expect(armed.length).toBeGreaterThan(0);
      const rearmed = await sweepTimers({
        db: target.db,
        queues: h.queues,
        logger: pino({ level: 'silent' }),
        now: () => new Date(),
      });
      expect(rearmed).toBe(armed.length);
      const counts = await h.queues.timers.getJobCounts('delayed', 'waiting');
      expect((counts.delayed ?? 0) + (counts.waiting ?? 0)).toBe(armed.length);
      // A second sweep finds nothing missing.
      expect(
        await sweepTimers({
          db: target.db,
          queues: h.queues,
          logger: pino({ level: 'silent' }),
          now: () => new Date(),
        }),
      ).toBe(0);

      // Never over a database that has a schema.
      await expect(restore(target.db, dataDir, backupDir, quiet)).rejects.toThrow(/already has a schema/);
    } finally {
      await h.close();
      await deletePrefixKeys(prefix);
      await target.close();
    }
  }, 120_000);

  test('a damaged or newer backup is refused before the database is touched', async () => {
    const target = await freshTarget();
    try {
      const damaged = join(tmp('damaged'), 'b');
      const { cpSync } = await import('node:fs');
      cpSync(backupDir, damaged, { recursive: true });
      const history = manifest.tables.find((t) => t.name === 'history')!;
      writeFileSync(join(damaged, history.file), 'not gzip');
      await expect(restore(target.db, tmp('d1'), damaged, quiet)).rejects.toThrow(
        /history.jsonl.gz is damaged/,
      );

      const newer = join(tmp('newer'), 'b');
      cpSync(backupDir, newer, { recursive: true });
      writeFileSync(
        join(newer, 'manifest.json'),
        JSON.stringify({ ...manifest, migrations: [...manifest.migrations, '9999-future'] }),
      );
      await expect(restore(target.db, tmp('d2'), newer, quiet)).rejects.toThrow(/newer version.*9999-future/);
      // Nothing was written: the target is still unmigrated.
      expect(await listTables(target.db)).toEqual([]);
    } finally {
      await target.close();
    }
  });
});
