import type { AnyStateNode } from 'xstate';
import {
  currentMachines,
  type MachineDefinition,
  type RecordType,
  type Role,
  roles,
  type Sender,
  type StateMeta,
} from '../../machines/index';

/**
 * The machines read as graphs, from their XState definitions (never written twice): every state with its
 * label and deadlines, every transition (event, target, who may send it), and who must act in a state.
 * Used by the state diagrams and by the to-do list.
 */
export interface GraphTransition {
  from: string;
  event: string;
  /** The state it goes to; the same state for an event that stays (an objection, a reminder). */
  to: string;
  label: { vi: string; en: string };
  senders: readonly Sender[];
  guarded: boolean;
}

export interface GraphState {
  id: string;
  label: { vi: string; en: string };
  final: boolean;
  initial: boolean;
  meta: StateMeta | undefined;
}

export interface MachineGraph {
  recordType: RecordType;
  machineId: string;
  version: number;
  states: GraphState[];
  transitions: GraphTransition[];
}

const graphs = new WeakMap<MachineDefinition, MachineGraph>();

/** The graph of a machine definition, by walking `machine.root` (cached per definition). */
export function graphOf(def: MachineDefinition): MachineGraph {
  const known = graphs.get(def);
  if (known) return known;
  const root = def.machine.root as AnyStateNode;
  const initial = root.initial?.target?.[0]?.key;
  const states: GraphState[] = [];
  const transitions: GraphTransition[] = [];
  for (const node of Object.values(root.states) as AnyStateNode[]) {
    const meta = node.meta as StateMeta | undefined;
    states.push({
      id: node.key,
      label: meta?.label ?? { vi: node.key, en: node.key },
      final: node.type === 'final',
      initial: node.key === initial,
      meta,
    });
    for (const [event, list] of node.transitions) {
      // XState's own delayed events (`xstate.after.*`) are not used by our machines; skip any.
      if (event.startsWith('xstate.')) continue;
      const spec = def.events[event];
      for (const t of list) {
        const targets = t.target?.length ? t.target : [node];
        for (const target of targets)
          transitions.push({
            from: node.key,
            event,
            to: target.key,
            label: spec?.label ?? { vi: event, en: event },
            senders: spec?.senders ?? ['system'],
            guarded: t.guard !== undefined,
          });
      }
    }
  }
  const graph: MachineGraph = {
    recordType: def.recordType,
    machineId: def.id,
    version: def.version,
    states,
    transitions,
  };
  graphs.set(def, graph);
  return graph;
}

const isRole = (s: string): s is Role => (roles as readonly string[]).includes(s);

/**
 * Who must act on a record in `state`: the roles that may send an event there which moves the record on
 * (to another state that is not final: withdrawing, removing or revoking is a choice, not a task). When
 * the state declares deadlines, only the roles those deadlines name (the one who is reminded) — so a
 * dossier waiting for receipt is the office's task, not its clerk's, though the clerk may withdraw it.
 */
export function mustActIn(graph: MachineGraph, state: string): Map<Role, string[]> {
  const node = graph.states.find((s) => s.id === state);
  const out = new Map<Role, string[]>();
  if (!node || node.final) return out;
  const finals = new Set(graph.states.filter((s) => s.final).map((s) => s.id));
  const deadlineActors = (node.meta?.deadlines ?? []).map((d) => d.actor as string).filter(isRole);
  const hasDeadlines = (node.meta?.deadlines?.length ?? 0) > 0;
  for (const t of graph.transitions) {
    if (t.from !== state || t.to === state || finals.has(t.to)) continue;
    for (const s of t.senders) {
      if (!isRole(s)) continue;
      if (hasDeadlines && !deadlineActors.includes(s)) continue;
      const events = out.get(s) ?? [];
      if (!events.includes(t.event)) events.push(t.event);
      out.set(s, events);
    }
  }
  return out;
}

/** For each record type, the states in which any of `actorRoles` must act, with the events that do it. */
export function tasksOfRoles(
  actorRoles: readonly Role[],
): Array<{ type: RecordType; state: string; events: string[] }> {
  const out: Array<{ type: RecordType; state: string; events: string[] }> = [];
  for (const def of Object.values(currentMachines)) {
    const graph = graphOf(def);
    for (const s of graph.states) {
      const events = new Set<string>();
      for (const [role, evs] of mustActIn(graph, s.id))
        if (actorRoles.includes(role)) evs.forEach((e) => events.add(e));
      if (events.size > 0) out.push({ type: def.recordType, state: s.id, events: [...events] });
    }
  }
  return out;
}

/** The current machine definition of a record type (new records start on it; diagrams show it). */
export const currentDefinition = (type: RecordType): MachineDefinition => currentMachines[type];
