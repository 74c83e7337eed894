import type { Queryable } from './db';

/**
 * Runs `fn` inside a savepoint of the caller's transaction: when it throws, what it wrote is rolled back
 * (the locks taken before the savepoint are kept) and the error is rethrown, so the transaction can go on.
 * One name is reused: savepoints nest, but a batch never needs more than one level.
 */
export async function withSavepoint<T>(tx: Queryable, fn: () => Promise<T>): Promise<T> {
  await tx.query('SAVEPOINT batch_item');
  try {
    const r = await fn();
    await tx.query('RELEASE SAVEPOINT batch_item');
    return r;
  } catch (e) {
    await tx.query('ROLLBACK TO SAVEPOINT batch_item');
    await tx.query('RELEASE SAVEPOINT batch_item');
    throw e;
  }
}
