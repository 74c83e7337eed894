import { getRegistrationById, readRegistrationHistory } from '../../db/registrations';
import { AppError } from '../../errors';
import { requireVisibleUnit } from '../access';
import type { Actor, EngineDeps } from '../types';

export interface RegistrationHistoryEntry {
  seq: number;
  at: string;
  actorId: number | null;
  event: string;
  from: string | null;
  to: string;
  payload: Record<string, unknown>;
}

/** A registration's history (its events, and a merger of its unit), for whoever sees the unit's register. */
export async function getRegistrationHistory(
  deps: Pick<EngineDeps, 'db'>,
  actor: Actor,
  registrationId: number,
): Promise<RegistrationHistoryEntry[]> {
  const r = await getRegistrationById(deps.db, registrationId);
  if (!r) throw new AppError('NOT_FOUND', `registration ${registrationId} not found`);
  await requireVisibleUnit(deps.db, actor, r.unitId, `registration ${registrationId}`);
  return (await readRegistrationHistory(deps.db, registrationId)).map((h) => ({
    ...h,
    at: h.at.toISOString(),
  }));
}
