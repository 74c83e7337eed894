import type { RecordType } from '../../../machines/contract';
import { verifyHistory, type ChainVerdict } from '../../db/history';
import type { EngineDeps } from '../types';

/** Whether a record's hash chain holds: every history row chains to the one before it. */
export async function verifyRecordHistory(
  deps: EngineDeps,
  type: RecordType,
  id: number,
): Promise<ChainVerdict> {
  return verifyHistory(deps.db, type, id);
}
