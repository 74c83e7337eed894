import { z } from 'zod';
import { getRegistration } from '../../workflow/registrations/get-registration';
import { getRegistrationHistory } from '../../workflow/registrations/get-registration-history';
import {
  registrationEntriesInput,
  saveRegistrationEntries,
} from '../../workflow/registrations/save-registration-entries';
import {
  registrationEventInput,
  sendRegistrationEvent,
} from '../../workflow/registrations/send-registration-event';
import type { EngineDeps } from '../../workflow/types';
import type { RouteRegistry } from '../registry';
import { bilingualSchema, idParams } from '../schemas';
import { idParamSchema } from '../../domain/ids';

/** Emulation registrations (đăng ký thi đua): what each unit aims for in a campaign, and their approval. */

const registrationSchema = z
  .object({
    id: z.number().int(),
    campaignId: z.number().int(),
    unitId: z.number().int(),
    state: z.string(),
    stateLabel: bilingualSchema,
    version: z.number().int(),
    returnReason: z.string().nullable(),
    entries: z.array(
      z.object({
        personId: z.number().int().nullable(),
        collectiveId: z.number().int().nullable(),
        awardCodes: z.array(z.string()),
      }),
    ),
    allowedEvents: z.array(z.string()),
  })
  .meta({ id: 'Registration' });

const registrationParams = z.object({ id: idParamSchema, unitId: idParamSchema });

export function registrationsRoutes(registry: RouteRegistry, deps: { engine: EngineDeps }): void {
  const { engine } = deps;

  registry.add({
    method: 'get',
    path: '/api/campaigns/:id/registrations/:unitId',
    summary: "A unit's emulation registration (đăng ký thi đua) for a campaign",
    tags: ['registrations'],
    auth: 'user',
    params: registrationParams,
    responses: { 200: registrationSchema, 404: 'none yet (PUT entries to start one), or not yours' },
    handler: ({ actor, params }) => getRegistration(engine, actor, params.id, params.unitId),
  });

  registry.add({
    method: 'put',
    path: '/api/campaigns/:id/registrations/:unitId',
    summary: "Create or replace the unit's registration entries (while draft, or returned: back to draft)",
    description:
      'Each entry names one person or collective of the unit and the award codes it aims for; codes are checked against the catalogue in force today.',
    tags: ['registrations'],
    auth: ['unit'],
    params: registrationParams,
    body: registrationEntriesInput,
    responses: { 200: registrationSchema, 409: 'the registration is submitted or approved' },
    handler: ({ actor, params, body }) =>
      saveRegistrationEntries(engine, actor, params.id, params.unitId, body),
  });

  registry.add({
    method: 'post',
    path: '/api/registrations/:id/events',
    summary: 'Move a registration: SUBMIT / RESUBMIT (unit), APPROVE / RETURN {reason} (office)',
    description:
      'A unit clerk moves only its own unit’s registrations (another unit’s answers 404). An event the caller’s roles can never send answers 403; one not allowed in the current state 409.',
    tags: ['registrations'],
    auth: 'user',
    params: idParams,
    body: registrationEventInput,
    responses: {
      200: registrationSchema,
      409: 'not allowed in this state, or version conflict',
    },
    handler: ({ actor, params, body }) => sendRegistrationEvent(engine, actor, params.id, body),
  });

  registry.add({
    method: 'get',
    path: '/api/registrations/:id/history',
    summary: "A registration's history: its events, and a merger of its unit (UNIT_SUCCEEDED)",
    tags: ['registrations'],
    auth: 'user',
    params: idParams,
    responses: {
      200: z.array(
        z.object({
          seq: z.number().int(),
          at: z.string(),
          actorId: z.number().int().nullable(),
          event: z.string(),
          from: z.string().nullable(),
          to: z.string(),
          payload: z.record(z.string(), z.unknown()),
        }),
      ),
      404: 'not found (or not yours to read)',
    },
    handler: ({ actor, params }) => getRegistrationHistory(engine, actor, params.id),
  });
}
