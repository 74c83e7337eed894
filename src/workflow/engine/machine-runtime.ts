import type { AnyActorScope, AnyMachineSnapshot, AnyStateMachine, ExecutableActionObject } from 'xstate';
import { createActor } from 'xstate';
import type {
  CascadeParams,
  DeadlineSpec,
  MachineDefinition,
  NotifyParams,
  Sender,
  StateMeta,
} from '../../../machines/contract';
import { machineFor } from '../../../machines/index';
import type { RecordRow } from '../../db/records';
import type { Actor } from '../types';

/**
 * Thin helpers over XState's pure API: restore a stored snapshot, ask what it allows, run one event and
 * read the effects it returns as data. Nothing here keeps an actor alive.
 */
export interface StoredSnapshot {
  value: unknown;
  context: Record<string, unknown>;
}

export function definitionOf(row: Pick<RecordRow, 'machine_id' | 'machine_version'>): MachineDefinition {
  return machineFor(row.machine_id, row.machine_version);
}

export function restore(def: MachineDefinition, stored: StoredSnapshot): AnyMachineSnapshot {
  return def.machine.resolveState({
    value: stored.value as never,
    context: stored.context,
  }) as AnyMachineSnapshot;
}

export function stateValueOf(s: AnyMachineSnapshot): string {
  if (typeof s.value !== 'string')
    throw new Error('workflow machines are flat: state value must be a string');
  return s.value;
}

export function persist(def: MachineDefinition, s: AnyMachineSnapshot): StoredSnapshot {
  const p = def.machine.getPersistedSnapshot(s) as unknown as {
    value: unknown;
    context: Record<string, unknown>;
  };
  return { value: p.value, context: p.context };
}

export function metaOf(def: MachineDefinition, state: string): StateMeta | undefined {
  const node = def.machine.getStateNodeById(`${def.machine.id}.${state}`);
  return node.meta as StateMeta | undefined;
}

export function deadlineSpecs(def: MachineDefinition, state: string): DeadlineSpec[] {
  return metaOf(def, state)?.deadlines ?? [];
}

export type Effect = { type: 'notify'; params: NotifyParams } | { type: 'cascade'; params: CascadeParams };

/**
 * XState's `transition()` makes a throw-away actor for every call, only to have an inert scope to pass to
 * `machine.transition` (creating it runs the machine's initial state: most of the cost of a step). Our
 * machines invoke and spawn nothing and read nothing from `self`, so one inert scope per machine, made the
 * same way, serves every step; each step collects the actions it would execute, as `transition()` does.
 */
type InertScope = Omit<AnyActorScope, 'actionExecutor'>;
const inertScopes = new WeakMap<AnyStateMachine, InertScope>();

function inertScopeOf(machine: AnyStateMachine): InertScope {
  let scope = inertScopes.get(machine);
  if (!scope) {
    const self = createActor(machine);
    scope = {
      self,
      defer: () => undefined,
      id: '',
      logger: () => undefined,
      sessionId: '',
      stopChild: () => undefined,
      system: self.system,
      emit: () => undefined,
    };
    inertScopes.set(machine, scope);
  }
  return scope;
}

/** `transition(machine, snapshot, event)` of XState, with the machine's shared inert scope. */
export function pureTransition(
  machine: AnyStateMachine,
  s: AnyMachineSnapshot,
  event: { type: string },
): [AnyMachineSnapshot, ExecutableActionObject[]] {
  const actions: ExecutableActionObject[] = [];
  const scope: AnyActorScope = { ...inertScopeOf(machine), actionExecutor: (a) => actions.push(a) };
  const next: AnyMachineSnapshot = machine.transition(s, event, scope as never);
  return [next, actions];
}

export function step(
  def: MachineDefinition,
  s: AnyMachineSnapshot,
  event: { type: string } & Record<string, unknown>,
): { next: AnyMachineSnapshot; effects: Effect[] } {
  const [next, actions] = pureTransition(def.machine, s, event);
  const effects: Effect[] = [];
  for (const a of actions as Array<{ type: string; params?: unknown }>) {
    if (a.type === 'notify') effects.push({ type: 'notify', params: a.params as NotifyParams });
    else if (a.type === 'cascade') effects.push({ type: 'cascade', params: a.params as CascadeParams });
  }
  return { next, effects };
}

export function maySend(actor: Actor, senders: readonly Sender[]): boolean {
  if (actor.system) return true;
  return senders.some((s) => s !== 'system' && actor.roles.includes(s));
}

/** The events this caller may send now: allowed by its roles and by the machine in this state. */
export function allowedEventsFor(def: MachineDefinition, s: AnyMachineSnapshot, actor: Actor): string[] {
  if (s.status !== 'active') return [];
  const out: string[] = [];
  for (const [type, spec] of Object.entries(def.events)) {
    if (spec.senders.every((x) => x === 'system')) continue;
    if (!maySend(actor, spec.senders)) continue;
    if (s.can({ type })) out.push(type);
  }
  return out;
}
