import { withOutbox } from './outbox';
import type { TxContext } from './tx-context';
import type { EngineDeps } from '../types';

/**
 * Runs `fn` in one database transaction with the engine's context (the policy and calendar in force,
 * `now` and its business day, the outbox), then kicks the outbox relay when the transaction added jobs.
 * Once it commits, the events it applied are counted (`committed`, and `retried` once per attempt the
 * database made it repeat: a deadlock or a serialization failure).
 */
export async function inTransaction<T>(deps: EngineDeps, fn: (ctx: TxContext) => Promise<T>): Promise<T> {
  const [policy, calendar] = await Promise.all([deps.policy(), deps.calendar()]);
  let attempts = 0;
  let applied: TxContext['applied'] = [];
  const result = await withOutbox(deps, (tx, outbox) => {
    attempts++;
    applied = [];
    const now = deps.now();
    return fn({ deps, tx, now, today: calendar.localDate(now), policy, calendar, outbox, applied });
  });
  const observe = deps.observe;
  if (observe)
    for (const a of applied) {
      observe.event(a.machine, a.event, 'committed');
      for (let i = 1; i < attempts; i++) observe.event(a.machine, a.event, 'retried');
    }
  return result;
}
