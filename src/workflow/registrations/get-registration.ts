import { getRegistration as readRegistration } from '../../db/registrations';
import { AppError } from '../../errors';
import { requireVisibleUnit } from '../access';
import type { Actor, EngineDeps } from '../types';
import { type RegistrationResource, registrationView } from './registration-view';

/** A unit's emulation registration for a campaign, for whoever sees the unit's register. */
export async function getRegistration(
  deps: Pick<EngineDeps, 'db'>,
  actor: Actor,
  campaignId: number,
  unitId: number,
): Promise<RegistrationResource> {
  await requireVisibleUnit(deps.db, actor, unitId);
  const r = await readRegistration(deps.db, campaignId, unitId);
  if (!r) throw new AppError('NOT_FOUND', 'no registration for this campaign and unit');
  return registrationView(r, actor);
}
