import type { RecordType } from '../../../machines/contract';
import {
  type AllChainsVerdict,
  verifyAllHistories,
  verifyHistory,
  type ChainVerdict,
} from '../../db/history';
import { selectRecord } from '../../db/record-queries';
import { AppError } from '../../errors';
import { canReadRecord, requireRole } from '../access';
import type { Actor, EngineDeps } from '../types';

/** Whether a record's hash chain holds: every history row chains to the one before it. */
export async function verifyRecordHistory(
  deps: Pick<EngineDeps, 'db'>,
  type: RecordType,
  id: number,
): Promise<ChainVerdict> {
  return verifyHistory(deps.db, type, id);
}

/**
 * `GET /api/<records>/<id>/history/verify`: the chain of a record the caller may read (else NOT_FOUND),
 * including that it reaches the record's current version (rows cut from the end break it too).
 */
export async function verifyHistoryOf(
  deps: Pick<EngineDeps, 'db' | 'now'>,
  actor: Actor,
  type: RecordType,
  id: number,
): Promise<ChainVerdict & { recordType: RecordType; recordId: number; version: number }> {
  const row = await selectRecord(deps.db, type, id, deps.now());
  if (!row || !canReadRecord(actor, type, row.unit_id))
    throw new AppError('NOT_FOUND', `${type} ${id} not found`);
  const verdict = await verifyHistory(deps.db, type, id);
  const out = { recordType: type, recordId: id, version: row.version };
  if (verdict.ok && verdict.rows !== row.version)
    return { ...out, ok: false, rows: verdict.rows, brokenAt: verdict.rows + 1, reason: 'a row is missing' };
  return { ...out, ...verdict };
}

/** An administrator verifies every record's chain at once: how many, and the first broken record. */
export async function verifyEveryHistory(
  deps: Pick<EngineDeps, 'db'>,
  actor: Actor,
): Promise<AllChainsVerdict> {
  requireRole(actor, 'admin');
  return verifyAllHistories(deps.db);
}
