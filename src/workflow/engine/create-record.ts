import { initialTransition } from 'xstate';
import type { RecordType } from '../../../machines/contract';
import { currentMachines } from '../../../machines/index';
import { genesisHash, insertHistoryRow } from '../../db/history';
import { insertRecord } from '../../db/records';
import type { TxContext } from './tx-context';
import { persist, stateValueOf } from './machine-runtime';
import type { Actor } from '../types';

/**
 * Inserts a record on the current machine version with its initial snapshot and history row 1
 * (`CREATE`, from nothing to the initial state), in the caller's transaction.
 */
export async function createRecord(
  ctx: TxContext,
  actor: Actor,
  type: RecordType,
  columns: Record<string, unknown>,
  input: Record<string, unknown> = {},
): Promise<number> {
  const def = currentMachines[type];
  const [snapshot] = initialTransition(def.machine, def.initialContext(input));
  const state = stateValueOf(snapshot);
  const id = await insertRecord(ctx.tx, type, columns, {
    state,
    machineId: def.id,
    machineVersion: def.version,
    snapshot: persist(def, snapshot),
    createdBy: actor.userId,
    at: ctx.now,
  });
  await insertHistoryRow(ctx.tx, genesisHash, {
    recordType: type,
    recordId: id,
    seq: 1,
    at: ctx.now,
    actorId: actor.userId,
    actorName: actor.name,
    event: 'CREATE',
    from: null,
    to: state,
    payload: columns,
  });
  return id;
}
