import { z } from 'zod';
import { listIncidents } from '../../workflow/admin/list-incidents';
import { type QueueCounts, readOutboxStatus } from '../../workflow/admin/read-outbox-status';
import { retryNotice } from '../../workflow/admin/retry-notice';
import { verifyEveryHistory } from '../../workflow/records/verify-record-history';
import { listAdminAudit, type AuditEntryView } from '../../workflow/audit/list-admin-audit';
import { adminChangeKinds } from '../../workflow/audit/record-admin-change';
import { verifyAdminAudit } from '../../workflow/audit/verify-admin-audit';
import { listAllApiTokens } from '../../workflow/auth/list-api-tokens';
import { revokeApiToken } from '../../workflow/auth/revoke-api-token';
import { AppError } from '../../errors';
import type { EngineDeps, NoticeRow } from '../../workflow/types';
import type { RouteRegistry } from '../registry';
import { idParams, pageOf, pageQuery, queryBoolean } from '../schemas';

export interface AdminRoutesDeps {
  engine: EngineDeps;
  /** The queues' job counts (absent, or Redis down: `null`). */
  queueCounts?: QueueCounts | undefined;
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

const auditEntrySchema = z
  .object({
    seq: z.number().int(),
    at: z.iso.datetime(),
    actor: z.object({ id: z.number().int().nullable(), name: z.string() }),
    kind: z.enum(adminChangeKinds),
    action: z.string(),
    target: z.object({ id: z.string(), label: z.string().nullable() }).nullable(),
    details: z.record(z.string(), z.unknown()),
    hash: z.string(),
  })
  .meta({ id: 'AdminAuditEntry' });

export const auditEntryOf = (e: AuditEntryView): z.infer<typeof auditEntrySchema> => ({
  seq: e.seq,
  at: e.at.toISOString(),
  actor: { id: e.actorId, name: e.actorName },
  kind: e.kind as z.infer<typeof auditEntrySchema>['kind'],
  action: e.action,
  target: e.targetId === null ? null : { id: e.targetId, label: e.targetLabel },
  details: e.details,
  hash: e.hash,
});

const adminTokenSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    user: z.object({ id: z.number().int(), username: z.string() }),
    createdAt: z.iso.datetime(),
    lastUsedAt: z.iso.datetime().nullable(),
    revokedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'AdminApiToken' });

/**
 * What an administrator needs to run deadlines and email: notices that failed (incidents) and their
 * resend, and the state of the outbox and the timers (is anything stuck between PostgreSQL and Redis?).
 */
export function adminRoutes(registry: RouteRegistry, deps: AdminRoutesDeps): void {
  const { engine } = deps;
  const stale = deps.staleClaimMs !== undefined ? { staleClaimMs: deps.staleClaimMs } : {};

  registry.add({
    method: 'get',
    path: '/api/admin/incidents',
    summary: 'Email notices that need an administrator (failed, or abandoned mid-send), newest first',
    description: '`includeUnsent=true` adds the notices kept unsent because no SMTP server was configured.',
    tags: ['admin'],
    auth: ['admin'],
    query: z.object({ ...pageQuery, includeUnsent: queryBoolean.optional() }).strict(),
    responses: { 200: pageOf(incidentSchema) },
    handler: async ({ actor, query }) => {
      const page = await listIncidents(engine, actor, {
        limit: query.limit,
        cursor: query.cursor,
        includeUnsent: query.includeUnsent ?? false,
        ...stale,
      });
      return { items: page.items.map(incidentOf), nextCursor: page.nextCursor };
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
    handler: async ({ actor, params }) => {
      const r = await retryNotice(engine, actor, params.id, stale);
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
    handler: ({ actor }) => readOutboxStatus(engine, actor, deps.queueCounts),
  });

  registry.add({
    method: 'get',
    path: '/api/admin/audit',
    summary: 'The audit log of administration, newest first',
    description:
      'One row per change to users, roles, API tokens, units, the award catalogue, the policy, the calendar and signer certificates, written in the change’s transaction and hash-chained. No password, token value or hash is ever in it.',
    tags: ['admin'],
    auth: ['admin'],
    query: z.object({ ...pageQuery, kind: z.enum(adminChangeKinds).optional() }).strict(),
    responses: { 200: pageOf(auditEntrySchema) },
    handler: async ({ actor, query }) => {
      const page = await listAdminAudit(engine, actor, query);
      return { items: page.items.map(auditEntryOf), nextCursor: page.nextCursor };
    },
  });

  registry.add({
    method: 'get',
    path: '/api/admin/audit/verify',
    summary: 'Recompute the audit log’s hash chain',
    description:
      '`ok` false names the first broken seq and why: a row altered, a link broken, a row missing, or rows missing at the end.',
    tags: ['admin'],
    auth: ['admin'],
    responses: {
      200: z.object({
        ok: z.boolean(),
        rows: z.number().int(),
        brokenAt: z.number().int().optional(),
        reason: z.string().optional(),
      }),
    },
    handler: ({ actor }) => verifyAdminAudit(engine, actor),
  });

  registry.add({
    method: 'get',
    path: '/api/admin/tokens',
    summary: 'Every user’s API tokens, newest first (no secrets)',
    tags: ['admin'],
    auth: ['admin'],
    query: z.object({ ...pageQuery, includeRevoked: queryBoolean.optional() }).strict(),
    responses: { 200: pageOf(adminTokenSchema) },
    handler: async ({ actor, query }) => {
      const page = await listAllApiTokens(engine, actor, query);
      return {
        items: page.items.map((t) => ({
          id: t.id,
          name: t.name,
          user: { id: t.userId, username: t.username },
          createdAt: t.createdAt.toISOString(),
          lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
          revokedAt: t.revokedAt?.toISOString() ?? null,
        })),
        nextCursor: page.nextCursor,
      };
    },
  });

  registry.add({
    method: 'delete',
    path: '/api/admin/tokens/:id',
    summary: 'Revoke any user’s API token',
    tags: ['admin'],
    auth: ['admin'],
    params: idParams,
    responses: { 204: 'Revoked', 404: 'no such live token' },
    handler: async ({ actor, params }) => {
      await revokeApiToken(engine, actor, params.id);
      return undefined;
    },
  });

  registry.add({
    method: 'get',
    path: '/api/admin/history/verify',
    summary: "Verify every record's history hash chain at once",
    description:
      'Reads the whole history in key order (pages of rows, flat memory): the number of chains and rows, how many are broken, and the first broken record (type, id, seq, reason).',
    tags: ['admin'],
    auth: ['admin'],
    responses: {
      200: z.object({
        ok: z.boolean(),
        chains: z.number().int(),
        rows: z.number().int(),
        broken: z.number().int(),
        firstBroken: z
          .object({
            recordType: z.string(),
            recordId: z.number().int(),
            brokenAt: z.number().int(),
            reason: z.string(),
          })
          .nullable(),
      }),
    },
    handler: ({ actor }) => verifyEveryHistory(engine, actor),
  });
}
