import type { RecordType } from '../../../machines/contract';
import type { Actor, EngineDeps, RecordView } from '../types';
import { viewRecord } from '../engine/views';

/** One record as its resource (a nomination with its findings, recomputed now); NOT_FOUND if not readable. */
export async function getRecord(
  deps: EngineDeps,
  actor: Actor,
  type: RecordType,
  id: number,
): Promise<RecordView> {
  return viewRecord(deps.db, deps.now(), actor, type, id, {
    findings: type === 'nomination',
    timeZone: deps.timeZone,
  });
}
