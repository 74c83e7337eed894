import type { AnyMachineSnapshot } from 'xstate';
import type { EventSpec, EventsOf, RecordType } from '../../../machines/contract';
import type { RecordRow } from '../../db/records';
import type { Actor } from '../types';
import type { TxContext } from './tx-context';

/**
 * The command path's per-event knowledge, declared beside the machines' events: what an event needs
 * from outside its record before it runs, what entering a state writes elsewhere, and what payload an
 * engine-internal event carries to each record a cascade reaches. The machines stay pure (they name
 * effects as data); these hooks do the I/O, in the event's transaction. One file per machine under
 * `src/workflow/hooks/` declares them (`defineHooks`); `apply-event.ts` runs them and knows no event by
 * name.
 *
 * Order within one event: role and payload checked → the machine accepts it (`can`) → `before` → the
 * pure transition → history row prepared (with what `before` recorded) → `enter` of the state entered →
 * timers → notices → the record's write → cascades (each target's `payload`, then its own event).
 */

/** The event as the machine takes it: `{type, …payload}` parsed by its schema. */
export type EngineEvent = { type: string } & Record<string, unknown>;

export interface HookArgs<E extends EngineEvent = EngineEvent> {
  ctx: TxContext;
  actor: Actor;
  recordType: RecordType;
  /** The record as locked, before the transition. */
  row: RecordRow;
  event: E;
}

/** What a `before` hook prepares for the transition it precedes. */
export interface Prepared {
  /** The record's own columns, written in the event's transaction (`submitted_at`, `number`, …). */
  columns?: Record<string, unknown>;
  /** Fields added to the event's history row, so the hash chain holds them (a document's sha256). */
  recorded?: Record<string, unknown>;
  /** Handed to the `payload` hooks of the events this transition cascades (a signed document's number). */
  passOn?: Record<string, unknown>;
}

export interface EnterArgs<E extends EngineEvent = EngineEvent> extends HookArgs<E> {
  /** The snapshot after the transition (its context: a decision number). */
  next: AnyMachineSnapshot;
}

/** The transition that cascades an engine-internal event to other records. */
export interface Cause {
  recordType: RecordType;
  /** The record after its transition. */
  row: RecordRow;
  event: EngineEvent;
  passOn: Record<string, unknown>;
}

export interface CascadeArgs {
  ctx: TxContext;
  actor: Actor;
  cause: Cause;
  /** The record the event goes to. */
  targetId: number;
  /** That record, when the cascade locked its targets up front (a dossier's or a document's nominations). */
  target: RecordRow | undefined;
}

/** Method syntax on purpose: a machine's hooks, typed by its own events, stand in the engine's registry. */
export interface EventHooks<E extends EngineEvent> {
  /**
   * After the roles, the payload and the machine accept the event, before the transition: checks what the
   * machine cannot see (other records, the award rules), refusing with an AppError, and prepares what the
   * transition writes.
   */
  before?(args: HookArgs<E>): Promise<Prepared | void>;
  /** An engine-internal event that a cascade sends: its payload for one target, or null to skip that target. */
  payload?(args: CascadeArgs): Promise<Omit<E, 'type'> | null>;
}

export interface MachineHooks<Events extends Record<string, EventSpec> = Record<string, EventSpec>> {
  events?: { [K in keyof Events & string]?: EventHooks<Extract<EventsOf<Events>, { type: K }>> };
  /** On entering a state, whatever the event: writes that follow the record elsewhere (the award register). */
  enter?: Partial<Record<string, (args: EnterArgs<EventsOf<Events>>) => Promise<void>>>;
}

/** The hooks of one machine, typed by its events (`defineHooks(nominationEvents, {...})`). */
export function defineHooks<Events extends Record<string, EventSpec>>(
  _events: Events,
  hooks: MachineHooks<Events>,
): MachineHooks {
  return hooks as MachineHooks;
}
