import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from './db';
import { migrate } from './migrations';
import { openPglite } from './pglite';
import { openPostgres } from './postgres';

export interface OpenDbOptions {
  databaseUrl?: string | undefined;
  dataDir?: string;
  /** PostgreSQL schema (tests); ignored by PGlite. */
  schema?: string;
  /** PGlite only: keep the database in memory (tests). */
  inMemory?: boolean;
  poolSize?: number;
  /** False: leave the schema as it is (a restore migrates it itself). Default true. */
  migrate?: boolean;
}

/** Opens PostgreSQL when a URL is given, else PGlite in `dataDir/pg`, and (unless told not to) brings the schema up to date. */
export async function openDb(opts: OpenDbOptions): Promise<Db> {
  let db: Db;
  if (opts.databaseUrl) {
    db = await openPostgres({
      connectionString: opts.databaseUrl,
      ...(opts.schema ? { schema: opts.schema } : {}),
      ...(opts.poolSize ? { max: opts.poolSize } : {}),
    });
  } else if (opts.inMemory) {
    db = await openPglite();
  } else {
    const dir = join(opts.dataDir ?? './data', 'pg');
    mkdirSync(dir, { recursive: true });
    db = await openPglite(dir);
  }
  if (opts.migrate !== false) await migrate(db);
  return db;
}
