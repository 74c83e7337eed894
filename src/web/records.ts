import type { RecordType } from '../../machines/contract';

/**
 * The pages' addresses of records: `/dossiers/42` and so on, the addresses the emails link to
 * (`recordLink` in src/workflow/notify.ts), so a link in an email opens the record's page (after sign-in).
 */
export const collections: Record<string, RecordType> = {
  campaigns: 'campaign',
  dossiers: 'dossier',
  nominations: 'nomination',
  decisions: 'decision',
  submissions: 'submission',
};

export const recordPath = (type: RecordType, id: number): string => `/${type}s/${id}`;
export const eventPath = (type: RecordType, id: number, event: string): string =>
  `${recordPath(type, id)}/events/${event}`;
export const recordTypeOf = (collection: string): RecordType | undefined =>
  Object.prototype.hasOwnProperty.call(collections, collection) ? collections[collection] : undefined;
