import type { Queryable, Row } from './db';
import { json } from './db';

/**
 * The email ledger (`notices`): one row per logical notice, keyed by its business identity.
 *
 * Status: `pending` (waiting for a worker) → `sending` (claimed) → `sent`; `unsent` when no SMTP is
 * configured (kept for an admin to resend); `failed` when every attempt failed (an incident).
 * `attempts` grows by one at each claim and doubles as a fencing token: a worker that lost its claim to
 * a stale-claim takeover cannot overwrite the newer claim's outcome.
 */
export type NoticeStatus = 'pending' | 'sending' | 'sent' | 'unsent' | 'failed';

export interface NoticeRow extends Row {
  id: number;
  key: string;
  template: string;
  record_type: string | null;
  record_id: number | null;
  recipient_user_id: number | null;
  recipient_email: string;
  locale: string;
  data: unknown;
  status: NoticeStatus;
  message_id: string;
  attempts: number;
  last_error: string | null;
  claimed_at: Date | null;
  sent_at: Date | null;
  created_at: Date;
  smtp_response: string | null;
  retries: number;
}

/**
 * Claims a notice for sending: `pending`, or `sending` with a claim older than `staleBefore` (the worker
 * that held it died mid-send). Returns the claimed row, or null when someone else holds it or it is done.
 */
export async function claimNotice(
  q: Queryable,
  id: number,
  now: Date,
  staleBefore: Date,
): Promise<NoticeRow | null> {
  const rows = await q.query<NoticeRow>(
    `UPDATE notices SET status = 'sending', claimed_at = $2, attempts = attempts + 1
      WHERE id = $1 AND (status = 'pending' OR (status = 'sending' AND claimed_at < $3))
      RETURNING *`,
    [id, now, staleBefore],
  );
  return rows[0] ?? null;
}

export async function getNotice(q: Queryable, id: number): Promise<NoticeRow | null> {
  const rows = await q.query<NoticeRow>('SELECT * FROM notices WHERE id = $1', [id]);
  return rows[0] ?? null;
}

/**
 * Records a successful send. An SMTP acceptance is the truth whoever holds the claim now, so any status
 * but `sent` becomes `sent` (a later job then finds it done instead of sending it again).
 */
export async function markNoticeSent(
  q: Queryable,
  id: number,
  at: Date,
  smtpResponse: string,
): Promise<boolean> {
  const rows = await q.query(
    `UPDATE notices SET status = 'sent', sent_at = $2, smtp_response = $3, last_error = NULL
      WHERE id = $1 AND status <> 'sent' RETURNING id`,
    [id, at, smtpResponse.slice(0, 1000)],
  );
  return rows.length > 0;
}

/**
 * After a failed send by the claim holder (`attempts` = its fencing token): back to `pending` for the next
 * try, or `failed` when the attempts are exhausted.
 */
export async function releaseNoticeAfterError(
  q: Queryable,
  id: number,
  claimAttempts: number,
  error: string,
  final: boolean,
): Promise<boolean> {
  const rows = await q.query(
    `UPDATE notices SET status = $4, last_error = $3
      WHERE id = $1 AND status = 'sending' AND attempts = $2 RETURNING id`,
    [id, claimAttempts, error.slice(0, 1000), final ? 'failed' : 'pending'],
  );
  return rows.length > 0;
}

/** Without SMTP: `pending` (or a stale claim) becomes `unsent`. Returns the row when it changed. */
export async function markNoticeUnsent(
  q: Queryable,
  id: number,
  staleBefore: Date,
): Promise<NoticeRow | null> {
  const rows = await q.query<NoticeRow>(
    `UPDATE notices SET status = 'unsent', last_error = 'SMTP is not configured'
      WHERE id = $1 AND (status = 'pending' OR (status = 'sending' AND claimed_at < $2))
      RETURNING *`,
    [id, staleBefore],
  );
  return rows[0] ?? null;
}

export interface IncidentPage {
  items: NoticeRow[];
  nextCursor: string | null;
}

/**
 * Notices that need an admin: `failed` ones, and (given `staleBefore`) claims abandoned longer ago than
 * that. Newest first; `cursor` is the last id of the previous page.
 */
export async function listIncidents(
  q: Queryable,
  opts: { limit: number; cursor?: string | null; staleBefore?: Date; includeUnsent?: boolean },
): Promise<IncidentPage> {
  const limit = Math.max(1, Math.min(500, Math.trunc(opts.limit)));
  const cursor = opts.cursor ? Number(opts.cursor) : null;
  if (cursor !== null && !Number.isSafeInteger(cursor)) throw new Error('bad cursor');
  const rows = await q.query<NoticeRow>(
    `SELECT * FROM notices
      WHERE (status = 'failed'
             OR (status = 'unsent' AND $4::boolean)
             OR (status = 'sending' AND $3::timestamptz IS NOT NULL AND claimed_at < $3::timestamptz))
        AND ($2::integer IS NULL OR id < $2::integer)
      ORDER BY id DESC LIMIT $1`,
    [limit + 1, cursor, opts.staleBefore ?? null, opts.includeUnsent ?? false],
  );
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? String(last.id) : null };
}

/**
 * A `failed` or `unsent` notice (or a claim older than `staleBefore`) back to `pending`, counting the
 * retry. Returns the retry's number, or null when the notice is in no such state (or does not exist).
 */
export async function requeueNotice(
  tx: Queryable,
  noticeId: number,
  staleBefore: Date | null,
): Promise<number | null> {
  const rows = await tx.query<{ retries: number }>(
    `UPDATE notices SET status = 'pending', retries = retries + 1
      WHERE id = $1 AND (status IN ('failed', 'unsent')
            OR (status = 'sending' AND $2::timestamptz IS NOT NULL AND claimed_at < $2::timestamptz))
      RETURNING retries`,
    [noticeId, staleBefore],
  );
  return rows[0]?.retries ?? null;
}

export interface NewNotice {
  key: string;
  template: string;
  recordType: string | null;
  recordId: number | null;
  recipientUserId: number | null;
  recipientEmail: string;
  locale: string;
  data: unknown;
  messageId: string;
}

/**
 * Inserts a notice unless a notice with the same key exists (then nothing: the key is the notice's
 * identity). Returns the new id, or null when it already existed; its email job is the caller's.
 */
export async function insertNoticeOnce(tx: Queryable, n: NewNotice): Promise<number | null> {
  const rows = await tx.query<{ id: number }>(
    `INSERT INTO notices (key, template, record_type, record_id, recipient_user_id, recipient_email, locale, data, message_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (key) DO NOTHING RETURNING id`,
    [
      n.key,
      n.template,
      n.recordType,
      n.recordId,
      n.recipientUserId,
      n.recipientEmail,
      n.locale,
      json(n.data),
      n.messageId,
    ],
  );
  return rows[0]?.id ?? null;
}

export async function countNoticesByStatus(q: Queryable): Promise<Record<string, number>> {
  const rows = await q.query<{ status: string; n: number }>(
    'SELECT status, count(*)::integer AS n FROM notices GROUP BY status',
  );
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}
