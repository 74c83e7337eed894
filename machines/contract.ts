import { z } from 'zod';
import type { AnyStateMachine } from 'xstate';

/**
 * What every machine declares beside its XState definition, so the engine can stay generic:
 * which roles may send which event (with the zod schema of its payload), which deadlines each state arms,
 * and the effects (notices, cascades to other records) as named actions carrying data.
 *
 * Machines import only xstate and zod: no I/O, no clock. Deadlines are never `after` (a delayed event
 * does not survive persistence, statelyai/xstate#5331); the engine turns `meta.deadlines` into timer rows.
 */
export const roles = ['unit', 'office', 'council', 'director', 'admin'] as const;
export type Role = (typeof roles)[number];
/** Events the engine sends itself (deadlines, cascades): no user may send them. */
export type Sender = Role | 'system';

export const recordTypes = ['campaign', 'dossier', 'nomination', 'decision', 'submission'] as const;
export type RecordType = (typeof recordTypes)[number];

export const periodKeys = [
  'receiptPeriod',
  'supplementPeriod',
  'appraisalPeriod',
  'directorReviewPeriod',
  'provinceResponsePeriod',
  'noticePeriod',
] as const;
export type PeriodKey = (typeof periodKeys)[number];

/** Who a notice or reminder goes to; the engine resolves each to people. */
export type Recipient = 'office' | 'director' | 'unit' | 'provinceBoard' | 'unitsNotSubmitted';

export interface DeadlineSpec {
  /** Stable name of the deadline, e.g. `receipt`. */
  kind: string;
  /** A policy period counted from the state entry, or a date held in the record's context. */
  period: PeriodKey | { contextDate: string };
  /** A payload field of the entering event that, when present, gives the due time instead. */
  dueAtFromEvent?: string;
  /** Who must act before it passes (reminded; past it, the director too). */
  actor: Recipient;
  /** Paused (not cancelled) when the record moves to a state that lists this kind in `pauses`. */
  resumable?: boolean;
}

/**
 * State tags: the sets of states the engine, the rules and the lists read, declared on the machines'
 * states (`tags: [...]`) so that each set has one definition (see `statesTagged` in index.ts).
 */
export const stateTags = {
  /** A nomination that still counts (quota, duplicates, required attachments): not rejected, withdrawn or revoked. */
  live: 'live',
  /** A nomination with its outcome: awarded, rejected, withdrawn or revoked (the last one closes its dossier). */
  settled: 'settled',
  /** A campaign units may still register for (its start: planned or open). */
  registering: 'registering',
  /** A dossier its unit still prepares: nominations and attachments may be added (draft, returned). */
  editable: 'editable',
  /** A dossier its unit has handed in (campaign reminders skip the unit). */
  handedIn: 'handedIn',
  /** A decision or submission that holds its nominations: none of them can be listed in another. */
  holding: 'holding',
  /** The office must act (the daily digest lists it). */
  officeToAct: 'officeToAct',
  /** A director must act (the daily digest lists it). */
  directorToAct: 'directorToAct',
} as const;
export type StateTag = (typeof stateTags)[keyof typeof stateTags];

export interface StateMeta {
  label: { vi: string; en: string };
  deadlines?: DeadlineSpec[];
  /** Deadline kinds whose clock stops while the record is in this state. */
  pauses?: string[];
}

export interface EventSpec {
  /** Who may send it. `system` alone means the engine only. */
  senders: readonly Sender[];
  /** Payload schema (without `type`); the machine's event type is derived from it (`EventsOf`). */
  payload: z.ZodObject;
  label: { vi: string; en: string };
  /** Payload fields that are secrets (a signing password): used by the hooks, never written to history. */
  secret?: readonly string[];
}

/** The events of a machine as XState sees them, derived from their payload schemas: `{type} & payload`. */
export type EventsOf<E extends Record<string, EventSpec>> = {
  [K in keyof E & string]: { type: K } & z.output<E[K]['payload']>;
}[keyof E & string];

export interface NotifyParams {
  template: string;
  to: readonly Recipient[];
}
export interface CascadeParams {
  /** Which related records get the event: the dossier's nominations, a nomination's dossier, … */
  target: 'nominations' | 'dossier' | 'submission';
  event: string;
}

export interface MachineDefinition<M extends AnyStateMachine = AnyStateMachine> {
  recordType: RecordType;
  id: string;
  version: number;
  machine: M;
  events: Record<string, EventSpec>;
  /** Context of a new record, from the data it is created with. */
  initialContext: (input: Record<string, unknown>) => Record<string, unknown>;
}

export const empty = z.object({});
export const reason = z.string().trim().min(1, 'a reason is required').max(4000);

export const deadlinePassedPayload = z.object({ kind: z.string().min(1).max(64) });
export const deadlinePassed = {
  senders: ['system'],
  payload: deadlinePassedPayload,
  label: { vi: 'Hết hạn', en: 'Deadline passed' },
} satisfies EventSpec;
