import type { Queryable } from '../db/db';
import type { WorkingCalendar } from '../domain/calendar';
import type { Policy } from '../domain/policy';
import type { EngineDeps } from './types';

/** Everything one transaction of the engine works with. */
export interface TxContext {
  deps: EngineDeps;
  tx: Queryable;
  now: Date;
  policy: Policy;
  calendar: WorkingCalendar;
  /** Outbox rows written: the caller kicks the relay after commit when there are any. */
  outboxWritten: number;
}
