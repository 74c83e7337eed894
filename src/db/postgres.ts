import { Pool, types, type PoolClient } from 'pg';
import type { Db, Queryable, Row } from './db';
import { retryableSqlStates, sqlState } from './db';

// int8 (counts, bigint ids) as numbers: our ids stay far below 2^53.
const int8 = (v: string): number => Number(v);
const typeParsers = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary'): unknown =>
    oid === 20
      ? int8
      : (types.getTypeParser as (o: number, f?: string) => unknown)(
          oid,
          format,
        )) as typeof types.getTypeParser,
};

export interface PostgresOptions {
  connectionString: string;
  /** Schema to use (created if missing); tests give each file its own. */
  schema?: string;
  max?: number;
}

/**
 * Statements run in transactions are prepared once per connection (a named statement): PostgreSQL then
 * skips parsing and planning them again, which is most of its work for the engine's short statements.
 * Our SQL takes values as parameters only, so the texts are a small fixed set; past `maxPrepared` texts
 * (a guard against SQL built from data) statements run unnamed as before.
 */
const maxPrepared = 500;
const statementNames = new Map<string, string>();
function statementName(sql: string): string | undefined {
  let name = statementNames.get(sql);
  if (name === undefined && statementNames.size < maxPrepared) {
    name = `accolade_${statementNames.size}`;
    statementNames.set(sql, name);
  }
  return name;
}

/**
 * A prepared `SELECT *` whose table gained a column (a migration run by a newer process) fails with
 * "cached plan must not change result type": the transaction is retried on a new connection.
 */
const isStalePlan = (e: unknown): boolean =>
  sqlState(e) === '0A000' &&
  e instanceof Error &&
  e.message.includes('cached plan must not change result type');

const clientQueryable = (c: PoolClient): Queryable => ({
  async query<R extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<R[]> {
    const name = statementName(sql);
    const r = await c.query<R>(
      name === undefined
        ? { text: sql, values: params as unknown[] | undefined }
        : { name, text: sql, values: params as unknown[] | undefined },
    );
    return r.rows;
  },
});

export async function openPostgres(opts: PostgresOptions): Promise<Db> {
  const schema = opts.schema;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema))
    throw new Error(`bad schema name ${schema}`);
  if (schema) {
    const boot = new Pool({ connectionString: opts.connectionString, max: 1 });
    try {
      await boot.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    } finally {
      await boot.end();
    }
  }
  const pool = new Pool({
    connectionString: opts.connectionString,
    max: opts.max ?? 10,
    types: typeParsers,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle client that loses its connection must not crash the process.
  pool.on('error', () => undefined);

  return {
    kind: 'postgres',
    async query<R extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<R[]> {
      const r = await pool.query<R>(sql, params as unknown[] | undefined);
      return r.rows;
    },
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      for (let attempt = 1; ; attempt++) {
        const client = await pool.connect();
        let discard = false;
        try {
          await client.query('BEGIN');
          const result = await fn(clientQueryable(client));
          await client.query('COMMIT');
          return result;
        } catch (e) {
          await client.query('ROLLBACK').catch(() => undefined);
          // The connection's prepared statements are stale: drop the connection, not only the statement.
          discard = isStalePlan(e);
          if (discard && attempt < 5) continue;
          const state = sqlState(e);
          if (state && retryableSqlStates.has(state) && attempt < 5) continue;
          throw e;
        } finally {
          client.release(discard);
        }
      }
    },
    async ping() {
      try {
        await pool.query('SELECT 1');
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      await pool.end();
    },
  };
}

/** Drops a schema made by a test. */
export async function dropPostgresSchema(connectionString: string, schema: string): Promise<void> {
  const pool = new Pool({ connectionString, max: 1 });
  try {
    await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await pool.end();
  }
}
