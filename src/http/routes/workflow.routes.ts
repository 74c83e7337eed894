import { z } from 'zod';
import { recordTypes, type RecordType } from '../../../machines/contract';
import { idParamSchema } from '../../domain/ids';
import { createCampaign, createCampaignInput } from '../../workflow/campaigns/create-campaign';
import { createDocument, createDocumentInput } from '../../workflow/decisions/create-document';
import { getHistory } from '../../workflow/records/get-history';
import { getRecord } from '../../workflow/records/get-record';
import { listRecords } from '../../workflow/records/list-records';
import { verifyHistoryOf } from '../../workflow/records/verify-record-history';
import { sendEvent } from '../../workflow/engine/send-event';
import type { EngineDeps } from '../../workflow/types';
import type { RouteRegistry } from '../registry';
import { findingSchema, idParams, pageQuery, queryBoolean, recordSchema } from '../schemas';

/** A nomination as read alone: with its eligibility findings, recomputed at the read. */
const nominationSchema = recordSchema
  .extend({
    findings: z
      .array(findingSchema)
      .describe(
        "judged by the catalogue version in force on the dossier's receipt day (before receipt: today)",
      ),
  })
  .meta({ id: 'Nomination' });

const historySchema = z
  .array(
    z.object({
      seq: z.number().int(),
      at: z.string(),
      actor: z.object({ id: z.number().int().nullable(), name: z.string() }),
      event: z.string(),
      from: z.string().nullable(),
      to: z.string(),
      payload: z.record(z.string(), z.unknown()),
    }),
  )
  .meta({ id: 'History' });

export const chainVerdictSchema = z
  .object({
    recordType: z.enum(recordTypes),
    recordId: z.number().int(),
    version: z.number().int(),
    ok: z.boolean(),
    rows: z.number().int(),
    brokenAt: z.number().int().optional().describe('the first seq whose row does not hold'),
    reason: z.string().optional(),
  })
  .meta({ id: 'ChainVerdict' });

const eventBody = z
  .looseObject({
    type: z.string().regex(/^[A-Z_]{2,40}$/, 'an event name in UPPER_SNAKE case'),
    expectedVersion: z.number().int().min(1).optional(),
  })
  .describe(
    '`{type, expectedVersion?, …payload}`: the payload fields of each event are listed in DOMAIN.md.',
  );

const plural: Record<RecordType, string> = {
  campaign: 'campaigns',
  dossier: 'dossiers',
  nomination: 'nominations',
  decision: 'decisions',
  submission: 'submissions',
};

const id = idParamSchema;
const listQuery = z
  .object({
    ...pageQuery,
    state: z.string().max(40).optional(),
    campaignId: id.optional(),
    unitId: id.optional(),
    awardCode: z.string().max(32).optional(),
    dossierId: id.optional(),
    overdue: queryBoolean.optional(),
    order: z.enum(['asc', 'desc']).optional().describe('`desc` (newest first, the default) or `asc`'),
  })
  .strict();

const idempotencyKey = (h: string | string[] | undefined): string | undefined => {
  const v = Array.isArray(h) ? h[0] : h;
  if (v === undefined) return undefined;
  return v.trim().slice(0, 200) || undefined;
};

export function workflowRoutes(registry: RouteRegistry, deps: { engine: EngineDeps }): void {
  const { engine } = deps;

  for (const type of recordTypes) {
    const base = `/api/${plural[type]}`;
    registry.add({
      method: 'get',
      path: base,
      summary: `List ${plural[type]} (newest first, scoped to the caller's unit for unit clerks)`,
      tags: [plural[type]],
      auth: 'user',
      query: listQuery,
      responses: { 200: z.object({ items: z.array(recordSchema), nextCursor: z.string().nullable() }) },
      handler: ({ actor, query }) =>
        listRecords(engine, actor, type, query, {
          limit: query.limit,
          cursor: query.cursor,
          order: query.order,
        }),
    });
    registry.add({
      method: 'get',
      path: `${base}/:id`,
      summary: `One ${type}`,
      tags: [plural[type]],
      auth: 'user',
      params: idParams,
      responses: {
        200: type === 'nomination' ? nominationSchema : recordSchema,
        404: 'not found (or not yours to read)',
      },
      handler: ({ actor, params }) => getRecord(engine, actor, type, params.id),
    });
    registry.add({
      method: 'get',
      path: `${base}/:id/history`,
      summary: `The ordered transitions of a ${type}`,
      tags: [plural[type]],
      auth: 'user',
      params: idParams,
      responses: { 200: historySchema, 404: 'not found' },
      handler: ({ actor, params }) => getHistory(engine, actor, type, params.id),
    });
    registry.add({
      method: 'get',
      path: `${base}/:id/history/verify`,
      summary: `Whether the ${type}'s history hash chain holds, up to its current version`,
      tags: [plural[type]],
      auth: 'user',
      params: idParams,
      responses: { 200: chainVerdictSchema, 404: 'not found (or not yours to read)' },
      handler: ({ actor, params }) => verifyHistoryOf(engine, actor, type, params.id),
    });
    registry.add({
      method: 'post',
      path: `${base}/:id/events`,
      summary: `Send an event to a ${type}`,
      description:
        'One transition, atomically. 409 TRANSITION_NOT_ALLOWED when the state does not allow it (403 when your roles never may), 409 VERSION_CONFLICT when `expectedVersion` is stale. An `Idempotency-Key` header makes a retry answer the first result.',
      tags: [plural[type]],
      auth: 'user',
      params: idParams,
      body: eventBody,
      responses: { 200: recordSchema, 409: 'not allowed now, or version conflict' },
      handler: ({ actor, params, body, req }) => {
        const { expectedVersion, ...event } = body;
        const key = idempotencyKey(req.headers['idempotency-key']);
        return sendEvent(engine, actor, {
          recordType: type,
          id: params.id,
          event: event,
          ...(expectedVersion !== undefined ? { expectedVersion } : {}),
          ...(key ? { idempotencyKey: key } : {}),
        });
      },
    });
  }

  registry.add({
    method: 'post',
    path: '/api/campaigns',
    summary: 'Plan a campaign (emulation drive)',
    tags: ['campaigns'],
    auth: ['admin', 'office'],
    body: createCampaignInput,
    responses: { 201: recordSchema },
    handler: ({ actor, body }) => createCampaign(engine, actor, body),
  });
  for (const type of ['decision', 'submission'] as const)
    registry.add({
      method: 'post',
      path: `/api/${plural[type]}`,
      summary:
        type === 'decision'
          ? 'Draft a decision listing nominations awaiting decision'
          : 'Draft a submission to the province listing nominations awaiting forwarding',
      tags: [plural[type]],
      auth: ['office'],
      body: createDocumentInput,
      responses: { 201: recordSchema },
      handler: ({ actor, body }) => createDocument(engine, actor, type, body),
    });
}
