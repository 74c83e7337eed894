import type { RecordType } from '../../../machines/contract';
import type { MachineHooks } from '../engine/hooks';
import { campaignHooks } from './campaign.hooks';
import { decisionHooks, submissionHooks } from './document.hooks';
import { dossierHooks } from './dossier.hooks';
import { nominationHooks } from './nomination.hooks';

/** The hooks of each record type's machine: the one place the command path looks up an event's hooks. */
export const machineHooks: Record<RecordType, MachineHooks> = {
  campaign: campaignHooks,
  dossier: dossierHooks,
  nomination: nominationHooks,
  decision: decisionHooks,
  submission: submissionHooks,
};
