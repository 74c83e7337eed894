import { randomBytes } from 'node:crypto';
import type { Db, Queryable, Row } from '../../src/db/db';
import { openDb } from '../../src/db/open-db';
import { dropPostgresSchema } from '../../src/db/postgres';

/**
 * A fresh database for one test file: PostgreSQL in its own schema when DATABASE_URL is set (CI runs
 * the suite both ways), else PGlite in memory.
 */
export interface TestDb {
  db: Db;
  kind: 'postgres' | 'pglite';
  close(): Promise<void>;
}

export const testDatabaseUrl = (): string | undefined => process.env.DATABASE_URL || undefined;

export async function openTestDb(opts: { poolSize?: number } = {}): Promise<TestDb> {
  const url = testDatabaseUrl();
  if (url) {
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const db = await openDb({
      databaseUrl: url,
      schema,
      ...(opts.poolSize ? { poolSize: opts.poolSize } : {}),
    });
    return {
      db,
      kind: 'postgres',
      async close() {
        await db.close();
        await dropPostgresSchema(url, schema);
      },
    };
  }
  const db = await openDb({ inMemory: true });
  return { db, kind: 'pglite', close: () => db.close() };
}

export const uniquePrefix = (name: string): string => `test-${name}-${randomBytes(4).toString('hex')}`;

/** A Queryable that counts the statements sent through it (tests and benches of round trips). */
export function countingStatements(q: Queryable): Queryable & { statements: number } {
  const c = {
    statements: 0,
    query: <R extends Row = Row>(sql: string, params?: readonly unknown[]) => {
      c.statements++;
      return q.query<R>(sql, params);
    },
  };
  return c;
}
