import type { AnyStateMachine } from 'xstate';
import { campaignDefinition } from './campaign.machine';
import type { MachineDefinition, RecordType, StateTag } from './contract';
import { decisionDefinition, submissionDefinition } from './document.machine';
import { dossierDefinition } from './dossier.machine';
import { nominationDefinition } from './nomination.machine';

export * from './contract';
export * from './quorum';

/** The current definition of each record type: new records start on it. */
export const currentMachines: Record<RecordType, MachineDefinition> = {
  campaign: campaignDefinition as MachineDefinition,
  dossier: dossierDefinition as MachineDefinition,
  nomination: nominationDefinition as MachineDefinition,
  decision: decisionDefinition as MachineDefinition,
  submission: submissionDefinition as MachineDefinition,
};

/**
 * Every definition still needed by a stored snapshot, by `id@version`. When a machine changes
 * incompatibly, add the new version here and keep the old one until its records finish (or migrate them
 * with explicit, tested code).
 */
const registry = new Map<string, MachineDefinition>(
  Object.values(currentMachines).map((d) => [`${d.id}@${d.version}`, d]),
);

export function machineFor(id: string, version: number): MachineDefinition {
  const d = registry.get(`${id}@${version}`);
  if (!d) throw new Error(`no machine definition ${id}@${version}`);
  return d;
}

/**
 * The states of a record type's current machine that carry `tag`: the one definition of each state set
 * (live and settled nominations, editable dossiers, …), read from the machines' own declarations.
 */
export function statesTagged(type: RecordType, tag: StateTag): readonly string[] {
  const key = `${type}:${tag}`;
  let states = tagged.get(key);
  if (!states) {
    const nodes = currentMachines[type].machine.states as Record<string, { tags: readonly string[] }>;
    states = Object.entries(nodes)
      .filter(([, node]) => node.tags.includes(tag))
      .map(([name]) => name);
    tagged.set(key, states);
  }
  return states;
}
const tagged = new Map<string, readonly string[]>();

/** Every state of a record type's current machine. */
export const statesOf = (type: RecordType): readonly string[] =>
  Object.keys(currentMachines[type].machine.states);

export type { AnyStateMachine };

/** The states of a record type's current machine a record is still open in: not final, not settled. */
export function openStatesOf(type: RecordType): readonly string[] {
  const nodes = currentMachines[type].machine.states as Record<string, { type: string; tags: string[] }>;
  return Object.entries(nodes)
    .filter(([, n]) => n.type !== 'final' && !n.tags.includes('settled'))
    .map(([name]) => name);
}
