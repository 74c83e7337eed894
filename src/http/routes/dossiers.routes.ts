import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { idParamSchema } from '../../domain/ids';
import { discardStored, openStored, storeUpload } from '../../storage/files';
import { addAttachment, attachmentKindSchema } from '../../workflow/dossiers/add-attachment';
import { addNomination, addNominationInput } from '../../workflow/dossiers/add-nomination';
import { createDossier, createDossierInput } from '../../workflow/dossiers/create-dossier';
import { getAttachment } from '../../workflow/dossiers/get-attachment';
import { getDossierFindings } from '../../workflow/dossiers/get-dossier-findings';
import type { EngineDeps } from '../../workflow/types';
import type { RouteRegistry } from '../registry';
import { findingSchema, idParams, recordSchema } from '../schemas';

/**
 * A unit's dossier as its clerk prepares it (the dossier, its nominations, its attachments) and its
 * findings; its events, history and lists are the workflow routes'.
 */

const id = idParamSchema;

const dossierFindingsSchema = z
  .object({
    dossierId: z.number().int(),
    items: z.array(
      z.object({
        nominationId: z.number().int(),
        awardCode: z.string(),
        nomineeKind: z.enum(['individual', 'collective']),
        nomineeName: z.string(),
        state: z.string(),
        asOf: z.string().describe('the day judged by: the receipt day, or today before receipt'),
        awardVersion: z.number().int().nullable().describe('the catalogue version in force that day'),
        eligible: z.boolean().describe('no hard rule fails'),
        counts: z.object({ pass: z.number().int(), warn: z.number().int(), fail: z.number().int() }),
        findings: z.array(findingSchema),
      }),
    ),
    summary: z.object({
      nominations: z.number().int(),
      eligible: z.number().int(),
      withHardFailure: z.number().int(),
      withWarning: z.number().int(),
    }),
  })
  .meta({ id: 'DossierFindings' });

export function dossiersRoutes(registry: RouteRegistry, deps: { engine: EngineDeps; dataDir: string }): void {
  const { engine } = deps;

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
      const a = await getAttachment(engine, actor, params.id, params.attachmentId);
      res.setHeader('Content-Type', a.mime);
      res.setHeader('Content-Length', String(a.size));
      res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(a.filename)}`);
      res.setHeader('X-Content-SHA256', a.sha256);
      // Answered here, streamed: the registry sends nothing once the response has ended.
      await pipeline(openStored(deps.dataDir, a.storageKey), res);
      return undefined;
    },
  });
  registry.add({
    method: 'get',
    path: '/api/dossiers/:id/findings',
    summary: 'Every nomination of a dossier with its eligibility findings, recomputed now',
    description:
      "Judged as `GET /api/nominations/<id>` judges one nomination: by the catalogue version in force on the dossier's receipt day (before receipt: today), with the nominee's register history, the unit's other nominations in the campaign (quota, duplicates) and its registration. `eligible` is false when a hard rule fails.",
    tags: ['dossiers'],
    auth: 'user',
    params: idParams,
    responses: { 200: dossierFindingsSchema, 404: 'not found (or not yours to read)' },
    handler: ({ actor, params }) => getDossierFindings(engine, actor, params.id),
  });
}
