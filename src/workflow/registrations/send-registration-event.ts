import { z } from 'zod';
import type { Role } from '../../../machines/contract';
import {
  appendRegistrationHistory,
  getRegistrationById,
  lockRegistration,
  setRegistrationState,
} from '../../db/registrations';
import {
  allowedRegistrationEvents,
  registrationEventSchema,
  registrationTransition,
  registrationTransitions,
} from '../../domain/registration';
import { AppError } from '../../errors';
import { hasRole, requireVisibleUnit } from '../access';
import { parseInput } from '../input';
import type { Actor, EngineDeps } from '../types';
import { type RegistrationResource, registrationView } from './registration-view';

/** The events a user sends (EDIT is not one: saving the entries records it), each with `expectedVersion?`. */
const sendableEvents = registrationEventSchema.options
  .filter((o) => o.shape.type.value !== 'EDIT')
  .map((o) => o.extend({ expectedVersion: z.number().int().min(1).optional() }));
export const registrationEventInput = z.discriminatedUnion(
  'type',
  sendableEvents as [(typeof sendableEvents)[number], ...Array<(typeof sendableEvents)[number]>],
);

/** The roles that may send `type` in some state: any other caller is refused (403) whatever the state. */
const sendersOf = (type: string): Role[] =>
  Object.values(registrationTransitions).flatMap(
    (byEvent) => (byEvent as Record<string, { senders: readonly Role[] } | undefined>)[type]?.senders ?? [],
  );

/**
 * Moves a registration by its transition table (domain/registration.ts): SUBMIT / RESUBMIT by the unit
 * (with at least one entry), APPROVE / RETURN {reason} by the office. A clerk moves only its own unit's
 * registrations (another unit's answers 404); a role that can never send the event is 403; an event the
 * state does not take is 409.
 */
export async function sendRegistrationEvent(
  deps: Pick<EngineDeps, 'db'>,
  actor: Actor,
  registrationId: number,
  input: unknown,
): Promise<RegistrationResource> {
  const { db } = deps;
  const { expectedVersion, ...event } = parseInput(registrationEventInput, input);
  const found = await getRegistrationById(db, registrationId);
  if (!found) throw new AppError('NOT_FOUND', `registration ${registrationId} not found`);
  await requireVisibleUnit(db, actor, found.unitId, `registration ${registrationId}`);
  const senders = sendersOf(event.type);
  if (!hasRole(actor, senders))
    throw new AppError('FORBIDDEN', `${event.type} needs the role ${senders.join(' or ')}`);
  const moved = await db.transaction(async (tx) => {
    const reg = await lockRegistration(tx, registrationId);
    if (!reg) throw new AppError('NOT_FOUND', `registration ${registrationId} not found`);
    if (expectedVersion !== undefined && expectedVersion !== reg.version)
      throw new AppError('VERSION_CONFLICT', `registration ${registrationId} is at version ${reg.version}`);
    const spec = registrationTransitions[reg.state][event.type];
    const to = registrationTransition(reg.state, event.type);
    if (!spec || !to)
      throw new AppError('TRANSITION_NOT_ALLOWED', `${event.type} is not allowed in ${reg.state}`, {
        extra: { state: reg.state, allowedEvents: allowedRegistrationEvents(reg.state, actor.roles) },
      });
    if (!hasRole(actor, spec.senders as readonly Role[]))
      throw new AppError('FORBIDDEN', `${event.type} needs the role ${spec.senders.join(' or ')}`);
    if ((event.type === 'SUBMIT' || event.type === 'RESUBMIT') && reg.entries.length === 0)
      throw new AppError('VALIDATION_FAILED', 'a registration needs at least one entry', {
        errors: [{ field: 'entries', message: 'empty' }],
      });
    await setRegistrationState(tx, reg.id, to, event.type === 'RETURN' ? event.reason : null);
    await appendRegistrationHistory(tx, reg.id, event.type, reg.state, to, actor.userId, event);
    return (await getRegistrationById(tx, reg.id))!;
  });
  return registrationView(moved, actor);
}
