import { withOutbox } from './outbox';
import type { TxContext } from './tx-context';
import type { EngineDeps } from '../types';

/**
 * Runs `fn` in one database transaction with the engine's context (the policy and calendar in force,
 * `now` and its business day, the outbox), then kicks the outbox relay when the transaction added jobs.
 */
export async function inTransaction<T>(deps: EngineDeps, fn: (ctx: TxContext) => Promise<T>): Promise<T> {
  const [policy, calendar] = await Promise.all([deps.policy(), deps.calendar()]);
  return withOutbox(deps, (tx, outbox) => {
    const now = deps.now();
    return fn({ deps, tx, now, today: calendar.localDate(now), policy, calendar, outbox });
  });
}
