import type { Response } from 'express';
import { z } from 'zod';
import {
  exportNominationReport,
  exportNominations,
  getNominationReport,
  listUnderNotice,
  nominationFiltersSchema,
} from '../../workflow/director/nomination-lists';
import { bulkEventsInput, sendBulkEvents } from '../../workflow/engine/send-bulk-events';
import type { EngineDeps } from '../../workflow/types';
import type { RouteRegistry } from '../registry';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function sendXlsx(res: Response, name: string, bytes: Buffer): void {
  res.setHeader('Content-Type', XLSX);
  res.setHeader('Content-Disposition', `attachment; filename="${name}"`);
  res.send(bytes);
}

const bilingual = z.object({ vi: z.string(), en: z.string() });
const countsSchema = z.array(z.object({ key: z.string(), label: bilingual, n: z.number().int() }));
const reportSchema = z
  .object({
    total: z.number().int(),
    byState: countsSchema,
    byUnit: countsSchema,
    byAward: countsSchema,
    byYear: countsSchema,
    overdue: z.array(
      z.object({ recordType: z.string(), state: z.string(), label: bilingual, n: z.number().int() }),
    ),
  })
  .meta({ id: 'NominationReport' });
const noticeQuery = z
  .object({
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    perPage: z.coerce.number().int().min(1).max(100).default(50),
  })
  .strict();

const bulkResultSchema = z
  .object({
    results: z.array(
      z.object({
        id: z.number().int(),
        ok: z.boolean(),
        state: z.string().optional(),
        error: z.object({ code: z.string(), detail: z.string() }).optional(),
      }),
    ),
  })
  .meta({ id: 'BulkEventResults' });

/**
 * The director's side of the API: one event to many nominations (bulk approve / reject / send back).
 * Declared before the workflow routes, whose `/api/nominations/:id` would otherwise take these paths.
 */
export function directorRoutes(registry: RouteRegistry, deps: { engine: EngineDeps }): void {
  const { engine } = deps;
  registry.add({
    method: 'post',
    path: '/api/nominations/bulk-events',
    summary: 'Send one event to many nominations',
    description:
      'Each id goes through the same path as `POST /api/nominations/{id}/events` (permissions, unit scoping, history, notices), one transaction per 100 ids, each id on its own: the answer lists every id with `ok` and its new `state`, or the `error` that id would have answered alone (`NOT_FOUND` for a record you may not read, `TRANSITION_NOT_ALLOWED`, …). An unknown event, one your roles never may send, or a payload that does not fit the event refuses the whole request.',
    tags: ['nominations'],
    auth: 'user',
    body: bulkEventsInput,
    responses: { 200: bulkResultSchema, 400: 'invalid event or payload', 403: 'your roles may not send it' },
    handler: ({ actor, body }) => sendBulkEvents(engine, actor, 'nomination', body),
  });

  const xlsx = { description: 'the workbook (.xlsx)', contentType: XLSX, binary: true };
  registry.add({
    method: 'get',
    path: '/api/nominations/export.xlsx',
    summary: 'The nominations matching the filters, as an Excel workbook',
    description:
      'The same filters as the list (`state`, `unitId`, `awardCode`, `campaignId`, `year`, `overdue`), oldest first, at most 50,000 rows; a unit clerk gets its own unit only. A second sheet names the filters.',
    tags: ['nominations', 'reports'],
    auth: 'user',
    query: nominationFiltersSchema,
    responses: { 200: xlsx },
    handler: async ({ actor, query, res }) =>
      sendXlsx(res, 'danh-sach-de-nghi.xlsx', await exportNominations(engine, actor, query)),
  });
  registry.add({
    method: 'get',
    path: '/api/reports/nominations',
    summary: 'Nominations counted by state, unit, award and year; records overdue by stage',
    tags: ['reports'],
    auth: 'user',
    query: nominationFiltersSchema,
    responses: { 200: reportSchema },
    handler: ({ actor, query }) => getNominationReport(engine, actor, query),
  });
  registry.add({
    method: 'get',
    path: '/api/reports/nominations.xlsx',
    summary: 'The same report as an Excel workbook',
    tags: ['reports'],
    auth: 'user',
    query: nominationFiltersSchema,
    responses: { 200: xlsx },
    handler: async ({ actor, query, res }) =>
      sendXlsx(res, 'bao-cao-de-nghi.xlsx', await exportNominationReport(engine, actor, query)),
  });
  registry.add({
    method: 'get',
    path: '/api/public/notice',
    summary: 'Nominations under public notice, with the notice period (no sign-in)',
    tags: ['public'],
    auth: 'public',
    query: noticeQuery,
    responses: { 200: 'the page of nominations under notice and the total' },
    handler: ({ query }) => listUnderNotice(engine, query),
  });
}
