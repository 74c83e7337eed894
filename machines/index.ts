import type { AnyStateMachine } from 'xstate';
import { campaignDefinition } from './campaign.machine';
import type { MachineDefinition, RecordType } from './contract';
import { decisionDefinition, submissionDefinition } from './document.machine';
import { dossierDefinition } from './dossier.machine';
import { nominationDefinition } from './nomination.machine';

export * from './contract';

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

export type { AnyStateMachine };
