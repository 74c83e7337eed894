import { readRecord } from '../../db/records';
import { type DossierFindings, dossierFindings } from '../eligibility/findings';
import { AppError } from '../../errors';
import { canReadRecord } from '../access';
import type { Actor, EngineDeps } from '../types';

/**
 * The eligibility findings of every nomination of a dossier, recomputed now: what the office appraises
 * and what the unit's clerk checks before submitting. Scoped as the dossier itself.
 */
export async function getDossierFindings(
  deps: EngineDeps,
  actor: Actor,
  dossierId: number,
): Promise<DossierFindings> {
  const row = await readRecord(deps.db, 'dossier', dossierId);
  if (!row || !canReadRecord(actor, 'dossier', row.unit_id))
    throw new AppError('NOT_FOUND', `dossier ${dossierId} not found`);
  return dossierFindings(deps.db, dossierId, deps.now(), { timeZone: deps.timeZone });
}
