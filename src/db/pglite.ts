import { PGlite } from '@electric-sql/pglite';
import type { Db, Queryable, Row } from './db';

/**
 * The embedded PostgreSQL (WASM, in-process). `dataDir` undefined keeps it in memory (tests).
 * PGlite runs one statement at a time and serialises transactions, so concurrency is correct by
 * construction, only slower.
 */
export async function openPglite(dataDir?: string): Promise<Db> {
  const pg = new PGlite({ ...(dataDir ? { dataDir } : {}), parsers: { 20: (v: string) => Number(v) } });
  await pg.waitReady;
  let closed = false;
  return {
    kind: 'pglite',
    async query<R extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<R[]> {
      const r = await pg.query<R>(sql, params as unknown[] | undefined);
      return r.rows;
    },
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      return pg.transaction(async (tx) =>
        fn({
          async query<R extends Row = Row>(sql: string, params?: readonly unknown[]) {
            const r = await tx.query<R>(sql, params as unknown[] | undefined);
            return r.rows;
          },
        }),
      );
    },
    async ping() {
      if (closed) return false;
      try {
        await pg.query('SELECT 1');
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await pg.close();
    },
  };
}
