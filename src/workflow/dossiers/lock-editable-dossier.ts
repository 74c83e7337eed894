import { statesTagged } from '../../../machines/index';
import { lockRecord, type RecordRow } from '../../db/records';
import { AppError } from '../../errors';
import { canReadRecord } from '../access';
import type { TxContext } from '../engine/tx-context';
import type { Actor } from '../types';

/**
 * Locks a dossier its unit is still preparing (the dossier machine's `editable` states: draft,
 * returned), for a change to its parts: NOT_FOUND when the caller may not read it, else
 * TRANSITION_NOT_ALLOWED naming what cannot be added (`parts`: "files", "nominations").
 */
export async function lockEditableDossier(
  ctx: TxContext,
  actor: Actor,
  dossierId: number,
  parts: string,
): Promise<RecordRow> {
  const dossier = await lockRecord(ctx.tx, 'dossier', dossierId);
  if (!dossier || !canReadRecord(actor, 'dossier', dossier.unit_id))
    throw new AppError('NOT_FOUND', `dossier ${dossierId} not found`);
  if (!statesTagged('dossier', 'editable').includes(dossier.state))
    throw new AppError(
      'TRANSITION_NOT_ALLOWED',
      `${parts} can only be added while the dossier is draft or returned`,
      {
        extra: { state: dossier.state },
      },
    );
  return dossier;
}
