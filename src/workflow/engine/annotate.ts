import type { RecordType } from '../../../machines/contract';
import type { Queryable } from '../../db/db';
import { prepareHistoryRow } from '../../db/history';
import { lockRecord, type RecordRow, writeTransition } from '../../db/records';
import type { Actor } from '../types';

/**
 * A history row that is not a transition: something happened to the record from outside its machine (its
 * unit merged into another, its machine version migrated). The state, the snapshot and the state entry
 * stay as they are (timers armed for the entry still fire); the version moves on, so the row is in the
 * hash chain like any other. `change` may replace the snapshot and the machine version (a migration).
 */
export async function annotateRecord(
  tx: Queryable,
  now: Date,
  actor: Actor,
  type: RecordType,
  id: number,
  event: string,
  payload: Record<string, unknown>,
  locked?: RecordRow,
): Promise<{ row: RecordRow; seq: number } | null> {
  const row = locked ?? (await lockRecord(tx, type, id));
  if (!row) return null;
  if (!row.last_hash) throw new Error(`${type} ${id} has no history row for version ${row.version}`);
  const seq = row.version + 1;
  const history = prepareHistoryRow(row.last_hash, {
    recordType: type,
    recordId: id,
    seq,
    at: now,
    actorId: actor.userId,
    actorName: actor.name,
    event,
    from: row.state,
    to: row.state,
    payload,
  });
  await writeTransition(
    tx,
    type,
    id,
    { state: row.state, version: seq, snapshot: row.snapshot, entrySeq: row.entry_seq, at: now },
    history,
  );
  return { row: { ...row, version: seq }, seq };
}
