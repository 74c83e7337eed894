import type { CascadeParams, RecordType } from '../../../machines/contract';
import {
  nominationIdsOfDocument,
  nominationIdsOfDossier,
  sentSubmissionOf,
  type RecordRow,
} from '../../db/records';
import type { TxContext } from './tx-context';

/**
 * Which records a cascade effect reaches (`cascade` params' `target`), from the record whose transition
 * names it. What each reached record's event carries is the receiving machine's `payload` hook.
 */
export interface CascadeTarget {
  recordType: RecordType;
  of(ctx: TxContext, source: { recordType: RecordType; row: RecordRow }): Promise<number[]>;
  /** Lock every target up front, in id order, so that cascades over overlapping sets cannot deadlock. */
  lockAll?: boolean;
  /** Signals the source machine names that arrive at the target as another event (`signal → event`). */
  delivers?: Record<string, string>;
}

export const cascadeTargets: Record<CascadeParams['target'], CascadeTarget> = {
  nominations: {
    recordType: 'nomination',
    lockAll: true,
    of: ({ tx }, { recordType, row }) =>
      recordType === 'dossier'
        ? nominationIdsOfDossier(tx, row.id)
        : recordType === 'decision' || recordType === 'submission'
          ? nominationIdsOfDocument(tx, recordType, row.id)
          : Promise.resolve([]),
  },
  // A nomination says it is settled; its dossier hears it as "all settled?" (its payload hook decides).
  dossier: {
    recordType: 'dossier',
    delivers: { NOMINATION_SETTLED: 'ALL_NOMINATIONS_SETTLED' },
    of: (_ctx, { recordType, row }) =>
      Promise.resolve(recordType === 'nomination' ? [Number(row.dossier_id)] : []),
  },
  // The submission still waiting for the province's answer on this nomination, if any.
  submission: {
    recordType: 'submission',
    of: async ({ tx }, { recordType, row }) => {
      if (recordType !== 'nomination') return [];
      const id = await sentSubmissionOf(tx, row.id);
      return id === undefined ? [] : [id];
    },
  },
};
