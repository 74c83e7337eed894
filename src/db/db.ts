/**
 * One small interface over PostgreSQL (a `pg` pool) and the embedded PGlite, so every query in the
 * project runs unchanged on both. SQL lives only under `src/db`.
 */
export type Row = Record<string, unknown>;

export interface Queryable {
  query<R extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<R[]>;
}

export interface Db extends Queryable {
  readonly kind: 'postgres' | 'pglite';
  /**
   * Runs `fn` in one transaction. On PostgreSQL a deadlock or serialization failure is retried a few
   * times (the whole function runs again), so `fn` must not have effects outside the transaction.
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** PostgreSQL error codes the transaction helper retries. */
export const retryableSqlStates = new Set(['40001', '40P01']);

export function sqlState(e: unknown): string | undefined {
  if (typeof e === 'object' && e !== null && 'code' in e) {
    const code = e.code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

export const isUniqueViolation = (e: unknown): boolean => sqlState(e) === '23505';

/** Serialises a value for a `jsonb` parameter (both drivers accept the JSON text). */
export const json = (v: unknown): string => JSON.stringify(v);
