import type { Registration } from '../../db/registrations';
import { allowedRegistrationEvents, registrationStateLabel } from '../../domain/registration';
import type { Actor } from '../types';

/** A registration as its resource: its state's label and the events this caller may send now. */
export const registrationView = (r: Registration, actor: Actor) => ({
  ...r,
  stateLabel: registrationStateLabel[r.state],
  // EDIT is not sent: saving the entries of a returned registration records it.
  allowedEvents: allowedRegistrationEvents(r.state, actor.roles).filter((e) => e !== 'EDIT'),
});
export type RegistrationResource = ReturnType<typeof registrationView>;
