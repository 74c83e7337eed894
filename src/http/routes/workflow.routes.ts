import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { recordTypes, type RecordType } from '../../../machines/contract';
import { findAttachment } from '../../db/dossier-parts';
import { idParamSchema } from '../../domain/ids';
import { AppError } from '../../errors';
import { discardStored, openStored, storeUpload } from '../../storage/files';
import { addAttachment, attachmentKindSchema } from '../../workflow/dossiers/add-attachment';
import { addNomination, addNominationInput } from '../../workflow/dossiers/add-nomination';
import { createCampaign, createCampaignInput } from '../../workflow/campaigns/create-campaign';
import { createDocument, createDocumentInput } from '../../workflow/decisions/create-document';
import { createDossier, createDossierInput } from '../../workflow/dossiers/create-dossier';
import { getHistory } from '../../workflow/records/get-history';
import { getRecord } from '../../workflow/records/get-record';
import { listRecords } from '../../workflow/records/list-records';
import { sendEvent } from '../../workflow/engine/send-event';
import type { EngineDeps } from '../../workflow/types';
import type { RouteRegistry } from '../registry';
import { findingSchema, idParams, pageQuery, queryBoolean } from '../schemas';

/** Every workflow resource answers at least this; each type adds its own fields. */
const recordSchema = z
  .looseObject({
    id: z.number().int(),
    type: z.enum(recordTypes),
    state: z.string(),
    stateLabel: z.object({ vi: z.string(), en: z.string() }),
    version: z.number().int(),
    allowedEvents: z.array(z.string()),
    overdue: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'WorkflowRecord' });

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
  })
  .strict();

const idempotencyKey = (h: string | string[] | undefined): string | undefined => {
  const v = Array.isArray(h) ? h[0] : h;
  if (v === undefined) return undefined;
  return v.trim().slice(0, 200) || undefined;
};

export function workflowRoutes(registry: RouteRegistry, deps: { engine: EngineDeps; dataDir: string }): void {
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
        listRecords(engine, actor, type, query, { limit: query.limit, cursor: query.cursor }),
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
  registry.add({
    method: 'post',
    path: '/api/dossiers',
    summary: "Open a dossier for the caller's unit",
    tags: ['dossiers'],
    auth: ['unit'],
    body: createDossierInput,
    responses: { 201: recordSchema },
    handler: ({ actor, body }) => createDossier(engine, actor, body),
  });
  registry.add({
    method: 'post',
    path: '/api/dossiers/:id/nominations',
    summary: 'Add a nomination (one nominee, one award) to a draft or returned dossier',
    tags: ['dossiers'],
    auth: ['unit'],
    params: idParams,
    body: addNominationInput,
    responses: { 201: recordSchema },
    handler: ({ actor, params, body }) => addNomination(engine, actor, params.id, body),
  });
  registry.add({
    method: 'post',
    path: '/api/dossiers/:id/attachments',
    summary: 'Attach a file (PDF, DOCX, XLSX, JPEG or PNG, checked by content)',
    tags: ['dossiers'],
    auth: ['unit'],
    params: idParams,
    upload: { field: 'file' },
    body: z.object({ kind: attachmentKindSchema }),
    responses: {
      201: z.object({
        id: z.number().int(),
        kind: z.string(),
        filename: z.string(),
        mime: z.string(),
        size: z.number().int(),
        sha256: z.string(),
        createdAt: z.string(),
      }),
    },
    handler: async ({ actor, params, body, file }) => {
      // Scoping and the dossier's state are checked (under its lock) before the bytes are written.
      if (!file) throw new Error('upload missing after validation');
      return addAttachment(engine, actor, params.id, body.kind, {
        store: () => storeUpload(deps.dataDir, { buffer: file.buffer, filename: file.filename }),
        discard: (storageKey) => discardStored(deps.dataDir, storageKey),
      });
    },
  });
  registry.add({
    method: 'get',
    path: '/api/dossiers/:id/attachments/:attachmentId',
    summary: 'Download an attachment',
    tags: ['dossiers'],
    auth: 'user',
    params: z.object({ id, attachmentId: id }),
    responses: { 200: { description: 'the file', binary: true, contentType: 'application/octet-stream' } },
    handler: async ({ actor, params, res }) => {
      await getRecord(engine, actor, 'dossier', params.id);
      const a = await findAttachment(engine.db, params.id, params.attachmentId);
      if (!a) throw new AppError('NOT_FOUND', 'attachment not found');
      res.setHeader('Content-Type', a.mime);
      res.setHeader('Content-Length', String(a.size));
      res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(a.filename)}`);
      res.setHeader('X-Content-SHA256', a.sha256);
      // Answered here, streamed: the registry sends nothing once the response has ended.
      await pipeline(openStored(deps.dataDir, a.storage_key), res);
      return undefined;
    },
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
