import type { RecordType } from '../../machines/contract';
import { countWaiting, selectWaiting } from '../db/work-queue';
import { currentDefinition as definitionOfType, graphOf, tasksOfRoles } from './machine-graph';
import { allowedEventsFor, definitionOf, metaOf, restore } from './engine/machine-runtime';
import type { Actor, EngineDeps } from './types';

/** One thing waiting for the caller: a record in a state where the caller's role must act. */
export interface WorkItem {
  type: RecordType;
  id: number;
  state: string;
  stateLabel: { vi: string; en: string };
  /** The record's title, or a nomination's nominee. */
  label: string;
  /** A nomination's award code, a dossier's campaign, a document's number. */
  detail: string | null;
  unitName: string | null;
  /** When the record entered its current state (ISO 8601). */
  waitingSince: string | null;
  /** The earliest deadline of this state entry (ISO 8601): the instant it ends. */
  dueAt: string | null;
  /** The events that do the task, that this caller may send now, with their labels. */
  events: Array<{ type: string; label: { vi: string; en: string } }>;
}

export interface WorkList {
  /** Oldest first (longest waiting), at most `limit`. */
  items: WorkItem[];
  /** How many records wait for the caller in all. */
  total: number;
  /** Per record type and state, how many wait. */
  counts: Array<{ type: RecordType; state: string; stateLabel: { vi: string; en: string }; n: number }>;
}

/**
 * "Việc cần làm": what waits for the caller, oldest first. Which states are whose task is derived from
 * the machines (`tasksOfRoles`: a state's events that the caller's roles may send, that move the record
 * on, restricted to the deadline's actor where the state has one); a unit's clerk sees only the unit's own
 * records. Each type reads at most `limit` rows (by id, on its state index), so the cost does not grow with
 * the number waiting.
 */
export async function listMyWork(
  deps: EngineDeps,
  actor: Actor,
  opts: { limit?: number; type?: RecordType | undefined } = {},
): Promise<WorkList> {
  const limit = opts.limit ?? 50;
  const tasks = tasksOfRoles(actor.roles).filter((t) => opts.type === undefined || t.type === opts.type);
  const byType = new Map<RecordType, Map<string, string[]>>();
  for (const t of tasks) {
    const states = byType.get(t.type) ?? new Map<string, string[]>();
    states.set(t.state, t.events);
    byType.set(t.type, states);
  }
  const wide = actor.system === true || actor.roles.some((r) => r !== 'unit');
  const unitId = wide ? null : (actor.unitId ?? -1);
  const items: WorkItem[] = [];
  const counts: WorkList['counts'] = [];
  for (const [type, states] of byType) {
    const stateList = [...states.keys()];
    const [rows, n] = await Promise.all([
      selectWaiting(deps.db, type, stateList, unitId, limit),
      countWaiting(deps.db, type, stateList, unitId),
    ]);
    for (const row of rows) {
      const def = definitionOf(row);
      const allowed = new Set(allowedEventsFor(def, restore(def, row.snapshot), actor));
      const events = (states.get(row.state) ?? [])
        .filter((e) => allowed.has(e))
        .map((e) => ({ type: e, label: def.events[e]?.label ?? { vi: e, en: e } }));
      items.push({
        type,
        id: row.id,
        state: row.state,
        stateLabel: metaOf(def, row.state)?.label ?? { vi: row.state, en: row.state },
        label: row.label,
        detail: row.detail,
        unitName: row.unit_name,
        waitingSince: row.waiting_since ? row.waiting_since.toISOString() : null,
        dueAt: row.due_at ? row.due_at.toISOString() : null,
        events,
      });
    }
    const graph = graphOf(definitionOfType(type));
    for (const c of n)
      counts.push({
        type,
        state: c.state,
        stateLabel: graph.states.find((s) => s.id === c.state)?.label ?? { vi: c.state, en: c.state },
        n: c.n,
      });
  }
  items.sort((a, b) => (a.waitingSince ?? '9').localeCompare(b.waitingSince ?? '9') || a.id - b.id);
  return {
    items: items.slice(0, limit),
    total: counts.reduce((s, c) => s + c.n, 0),
    counts,
  };
}
