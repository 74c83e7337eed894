import { z } from 'zod';
import { statesTagged } from '../../../machines/index';
import { listAwardVersions } from '../../db/award-versions';
import { campaignFacts } from '../../db/campaigns';
import { outsideUnit } from '../../db/persons';
import {
  appendRegistrationHistory,
  getRegistrationById,
  lockRegistrationCreating,
  replaceRegistrationEntries,
  setRegistrationState,
  touchRegistration,
} from '../../db/registrations';
import { localDate } from '../../domain/business-date';
import {
  allowedRegistrationEvents,
  canEditRegistration,
  registrationEntrySchema,
  validateRegistrationEntries,
} from '../../domain/registration';
import { AppError } from '../../errors';
import { requireRole, requireVisibleUnit } from '../access';
import { invalidInput, parseInput } from '../input';
import type { Actor, EngineDeps } from '../types';
import { type RegistrationResource, registrationView } from './registration-view';

export const registrationEntriesInput = z
  .object({
    entries: z.array(registrationEntrySchema).max(2000),
  })
  .strict();

/**
 * A unit's clerk creates or replaces its registration entries for a campaign: while the campaign is at
 * its start (planned or open), while the registration is the unit's (draft, or returned: which goes back
 * to draft, the EDIT transition), for the unit's own people and collectives, with titles of the
 * catalogue in force today that suit each of them.
 */
export async function saveRegistrationEntries(
  deps: Pick<EngineDeps, 'db' | 'now' | 'timeZone'>,
  actor: Actor,
  campaignId: number,
  unitId: number,
  input: unknown,
): Promise<RegistrationResource> {
  const { db } = deps;
  requireRole(actor, 'unit');
  const { entries } = parseInput(registrationEntriesInput, input);
  await requireVisibleUnit(db, actor, unitId);
  const campaign = await campaignFacts(db, campaignId);
  if (!campaign) throw new AppError('NOT_FOUND', `campaign ${campaignId} not found`);
  if (!statesTagged('campaign', 'registering').includes(campaign.state))
    throw new AppError(
      'TRANSITION_NOT_ALLOWED',
      `Đợt thi đua đã đóng, không đăng ký thêm được / the campaign is ${campaign.state}: registrations can no longer be changed`,
      { extra: { campaignState: campaign.state } },
    );
  const outside = await outsideUnit(db, unitId, {
    personIds: entries.flatMap((e) => (e.personId === null ? [] : [e.personId])),
    collectiveIds: entries.flatMap((e) => (e.collectiveId === null ? [] : [e.collectiveId])),
  });
  const strangers = [
    ...outside.personIds.map((p) => ({
      field: 'entries.personId',
      message: `${p} is not a person of the unit`,
    })),
    ...outside.collectiveIds.map((c) => ({
      field: 'entries.collectiveId',
      message: `${c} is not a collective of the unit`,
    })),
  ];
  if (strangers.length)
    throw invalidInput('entries must name the unit’s own people and collectives', strangers);
  const onDate = localDate(deps.now(), deps.timeZone);
  const saved = await db.transaction(async (tx) => {
    const problems = validateRegistrationEntries(entries, await listAwardVersions(tx), onDate);
    if (problems.length)
      throw invalidInput(
        'invalid registration entries',
        problems.map((p) => ({ field: `entries.${p.index}`, message: `${p.message.vi} / ${p.message.en}` })),
      );
    const reg = await lockRegistrationCreating(tx, campaignId, unitId, actor.userId);
    if (!canEditRegistration(reg.state))
      throw new AppError('TRANSITION_NOT_ALLOWED', `a ${reg.state} registration cannot be edited`, {
        extra: { state: reg.state, allowedEvents: allowedRegistrationEvents(reg.state) },
      });
    if (reg.state === 'returned') {
      await setRegistrationState(tx, reg.id, 'draft');
      await appendRegistrationHistory(tx, reg.id, 'EDIT', 'returned', 'draft', actor.userId, {});
    } else await touchRegistration(tx, reg.id);
    await replaceRegistrationEntries(tx, reg.id, entries);
    return (await getRegistrationById(tx, reg.id))!;
  });
  return registrationView(saved, actor);
}
