import type { RecordType } from '../../../machines/contract';
import { readHistory } from '../../db/history';
import { selectRecord } from '../../db/record-queries';
import { AppError } from '../../errors';
import { canReadRecord } from '../access';
import type { Actor, EngineDeps, HistoryEntry } from '../types';

/** A record's ordered transitions (who, when, from, to, payload), scoped as the record. */
export async function getHistory(
  deps: EngineDeps,
  actor: Actor,
  type: RecordType,
  id: number,
): Promise<HistoryEntry[]> {
  const row = await selectRecord(deps.db, type, id, deps.now());
  if (!row || !canReadRecord(actor, type, row.unit_id))
    throw new AppError('NOT_FOUND', `${type} ${id} not found`);
  const rows = await readHistory(deps.db, type, id);
  return rows.map((h) => ({
    seq: h.seq,
    at: h.at.toISOString(),
    actor: { id: h.actorId, name: h.actorName },
    event: h.event,
    from: h.from,
    to: h.to,
    payload: h.payload,
  }));
}
