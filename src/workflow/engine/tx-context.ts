import type { Queryable } from '../../db/db';
import type { WorkingCalendar } from '../../domain/calendar';
import type { Policy } from '../../domain/policy';
import type { EngineDeps } from '../types';
import type { TxOutbox } from './outbox';

/** Everything one transaction of the engine works with. */
export interface TxContext {
  deps: EngineDeps;
  tx: Queryable;
  now: Date;
  policy: Policy;
  calendar: WorkingCalendar;
  /** `now`'s date in the business time zone: the day the transaction's rules are judged by. */
  today: string;
  /** Jobs for after commit (timers, emails): `outbox.add(job, payload)`. */
  outbox: TxOutbox;
  /** The events this transaction applied (the caller's and its cascades), counted once it commits. */
  applied: Array<{ machine: string; event: string }>;
}
