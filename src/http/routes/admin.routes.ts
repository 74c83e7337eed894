import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { RequestHandler } from 'express';
import { z } from 'zod';
import type { Db } from '../../db/db';
import { countNoticesByStatus, listIncidents, type NoticeRow } from '../../db/notices';
import { retryNotice } from '../../workflow/admin/retry-notice';
import { AppError } from '../../errors';
import { defaultStaleClaimMs } from '../../workflow/notices/deliver-notice';
import type { Queues } from '../../queue/queues';
import type { OutboxKicker } from '../../workflow/types';
import type { RouteRegistry } from '../registry';
import { decodeCursor, encodeCursor } from '../../workflow/page';
import { idParams, pageOf, pageQuery, queryBoolean } from '../schemas';
import { within } from '../within';

export interface AdminRoutesDeps {
  db: Db;
  /** For the queues' job counts (absent or Redis down: `null`). */
  queues?: Queues | undefined;
  /** Kicked after a retry so the notice is published at once (else the relay's sweep does it). */
  outbox?: OutboxKicker | undefined;
  now?: () => Date;
  /** A claim older than this is an abandoned send, listed and retryable (default: the ledger's). */
  staleClaimMs?: number;
}

const incidentSchema = z
  .object({
    id: z.number().int(),
    key: z.string(),
    template: z.string(),
    recordType: z.string().nullable(),
    recordId: z.number().int().nullable(),
    recipientEmail: z.string(),
    status: z.enum(['pending', 'sending', 'sent', 'unsent', 'failed']),
    attempts: z.number().int(),
    retries: z.number().int(),
    lastError: z.string().nullable(),
    messageId: z.string(),
    createdAt: z.iso.datetime(),
    claimedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'Incident' });

const incidentOf = (n: NoticeRow): z.infer<typeof incidentSchema> => ({
  id: n.id,
  key: n.key,
  template: n.template,
  recordType: n.record_type,
  recordId: n.record_id,
  recipientEmail: n.recipient_email,
  status: n.status,
  attempts: n.attempts,
  retries: n.retries,
  lastError: n.last_error,
  messageId: n.message_id,
  createdAt: n.created_at.toISOString(),
  claimedAt: n.claimed_at ? n.claimed_at.toISOString() : null,
});

const jobCountsSchema = z.record(z.string(), z.number().int());

const outboxStatusSchema = z.object({
  outbox: z.object({
    unpublished: z.number().int(),
    /** Age of the oldest unpublished row, in seconds (null when none). */
    oldestUnpublishedSeconds: z.number().nullable(),
    failedAttempts: z.number().int(),
  }),
  timers: z.object({
    armed: z.number().int(),
    /** Armed and past due by more than a minute: their job is late or missing. */
    overdue: z.number().int(),
    oldestOverdueSeconds: z.number().nullable(),
  }),
  notices: jobCountsSchema,
  queues: z.record(z.string(), jobCountsSchema).nullable(),
});

/**
 * What an administrator needs to run deadlines and email: notices that failed (incidents) and their
 * resend, and the state of the outbox and the timers (is anything stuck between PostgreSQL and Redis?).
 */
export function adminRoutes(registry: RouteRegistry, deps: AdminRoutesDeps): void {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());
  const staleBefore = () => new Date(now().getTime() - (deps.staleClaimMs ?? defaultStaleClaimMs));

  registry.add({
    method: 'get',
    path: '/api/admin/incidents',
    summary: 'Email notices that need an administrator (failed, or abandoned mid-send), newest first',
    description: '`includeUnsent=true` adds the notices kept unsent because no SMTP server was configured.',
    tags: ['admin'],
    auth: ['admin'],
    query: z.object({ ...pageQuery, includeUnsent: queryBoolean.optional() }).strict(),
    responses: { 200: pageOf(incidentSchema) },
    handler: async ({ query }) => {
      const after = decodeCursor(query.cursor) || null;
      const page = await listIncidents(db, {
        limit: query.limit,
        cursor: after === null ? null : String(after),
        staleBefore: staleBefore(),
        includeUnsent: query.includeUnsent ?? false,
      });
      return {
        items: page.items.map(incidentOf),
        nextCursor: page.nextCursor === null ? null : encodeCursor(Number(page.nextCursor)),
      };
    },
  });

  registry.add({
    method: 'post',
    path: '/api/admin/incidents/:id/retry',
    summary: 'Send a failed (or unsent, or abandoned) notice again, under the same Message-ID',
    tags: ['admin'],
    auth: ['admin'],
    params: idParams,
    responses: {
      202: z.object({ noticeId: z.number().int(), jobId: z.string() }),
      404: 'no such notice',
      409: 'the notice is not in a state that can be retried (e.g. already sent)',
    },
    handler: async ({ params }) => {
      const r = await retryNotice({ db, outbox: deps.outbox }, params.id, { staleBefore: staleBefore() });
      if (r.outcome === 'not-found') throw new AppError('NOT_FOUND', 'No such notice');
      if (r.outcome === 'not-retryable')
        throw new AppError('CONFLICT', `The notice is ${r.status}: nothing to retry`, {
          extra: { status: r.status },
        });
      return { noticeId: params.id, jobId: r.jobId };
    },
  });

  registry.add({
    method: 'get',
    path: '/api/admin/outbox',
    summary: 'The outbox and the timers: what waits for Redis, and what is overdue',
    tags: ['admin'],
    auth: ['admin'],
    responses: { 200: outboxStatusSchema },
    handler: async () => {
      const at = now();
      const [outbox, timers, notices] = await Promise.all([
        db.query<{ n: number; oldest: Date | null; failed: number }>(
          `SELECT count(*)::int AS n, min(created_at) AS oldest,
                  count(*) FILTER (WHERE attempts > 0)::int AS failed
             FROM outbox WHERE published_at IS NULL`,
        ),
        db.query<{ armed: number; overdue: number; oldest: Date | null }>(
          `SELECT count(*)::int AS armed,
                  count(*) FILTER (WHERE due_at < $1)::int AS overdue,
                  min(due_at) FILTER (WHERE due_at < $1) AS oldest
             FROM timers WHERE status = 'armed'`,
          [new Date(at.getTime() - 60_000)],
        ),
        countNoticesByStatus(db),
      ]);
      const ageOf = (d: Date | null | undefined) =>
        d ? Math.max(0, Math.round((at.getTime() - new Date(d).getTime()) / 100) / 10) : null;
      const q = deps.queues;
      const queues = q
        ? await within(
            (async () => ({
              timers: await q.timers.getJobCounts(),
              email: await q.email.getJobCounts(),
              digest: await q.digest.getJobCounts(),
            }))(),
            1000,
            null,
          )
        : null;
      return {
        outbox: {
          unpublished: outbox[0]?.n ?? 0,
          oldestUnpublishedSeconds: ageOf(outbox[0]?.oldest),
          failedAttempts: outbox[0]?.failed ?? 0,
        },
        timers: {
          armed: timers[0]?.armed ?? 0,
          overdue: timers[0]?.overdue ?? 0,
          oldestOverdueSeconds: ageOf(timers[0]?.oldest),
        },
        notices,
        queues,
      };
    },
  });
}

/**
 * The BullMQ dashboard (read-only) as an Express router, to mount at `basePath` behind an admin check
 * (see `AppDeps.extraRouters`).
 */
export function bullBoardRouter(queues: Queues, basePath = '/admin/queues'): RequestHandler {
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(basePath);
  createBullBoard({
    queues: [queues.timers, queues.email, queues.digest].map(
      (q) => new BullMQAdapter(q, { readOnlyMode: true }),
    ),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Accolade queues' } },
  });
  return serverAdapter.getRouter() as RequestHandler;
}
