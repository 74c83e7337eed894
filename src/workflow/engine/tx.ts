import type { Queryable } from '../../db/db';
import type { TxContext } from './tx-context';
import type { EngineDeps } from '../types';

/**
 * Runs `fn` in one database transaction with the engine's context, then hands what it wrote to the
 * outbox relay (a hint: the relay's sweep publishes anything a crash leaves behind).
 */
export async function inTransaction<T>(deps: EngineDeps, fn: (ctx: TxContext) => Promise<T>): Promise<T> {
  const [policy, calendar] = await Promise.all([deps.policy(), deps.calendar()]);
  let written = 0;
  const result = await deps.db.transaction(async (tx: Queryable) => {
    const now = deps.now();
    const ctx: TxContext = {
      deps,
      tx,
      now,
      today: calendar.localDate(now),
      policy,
      calendar,
      outboxWritten: 0,
    };
    const r = await fn(ctx);
    written = ctx.outboxWritten;
    return r;
  });
  if (written > 0) deps.outbox?.kick();
  return result;
}
