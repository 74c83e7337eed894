import type { Logger } from 'pino';
import type { Db } from '../../db/db';
import {
  claimNotice,
  getNotice,
  markNoticeSent,
  markNoticeUnsent,
  releaseNoticeAfterError,
  type NoticeRow,
} from '../../db/notices';
import type { MailAttachment, Mailer } from '../../mail/mailer';
import { currentTrace } from '../../trace';
import type { EngineObserver } from '../types';
import { isNoticeTemplate, noticeDataSchema, noticeLocaleSchema, renderNotice } from '../../mail/templates';

/** A claim older than this belongs to a worker that died mid-send (longer than any SMTP timeout). */
export const defaultStaleClaimMs = 2 * 60_000;

export interface DeliverNoticeDeps {
  db: Db;
  mailer: Mailer;
  logger: Logger;
  now: () => Date;
  staleClaimMs?: number;
  timeZone?: string;
  /**
   * Files to attach (e.g. `submission.signed`: the signed proposal and the dossiers' files). Supplied by
   * the composition root; the ledger holds no blobs. Called on every attempt.
   */
  loadAttachments?: (notice: NoticeRow) => Promise<MailAttachment[]>;
  observe?: Pick<EngineObserver, 'email'>;
}

export type DeliverOutcome = 'sent' | 'already-sent' | 'unsent' | 'failed' | 'not-found';

/** Someone else holds a fresh claim on the notice: retry later (BullMQ backoff) until it is done or stale. */
export class NoticeBusyError extends Error {
  constructor(noticeId: number) {
    super(`notice ${noticeId} is being sent by another worker`);
    this.name = 'NoticeBusyError';
  }
}

/** A notice whose stored template or data no longer renders: no retry can fix it. */
export class NoticeInvalidError extends Error {
  constructor(noticeId: number, why: string) {
    super(`notice ${noticeId} cannot be rendered: ${why}`);
    this.name = 'NoticeInvalidError';
  }
}

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * Sends one notice at most once per claim: claim (conditional update) → render → send with the notice's
 * deterministic Message-ID → mark `sent`. A re-run after success finds it `sent` and does nothing; a re-run
 * after a crash mid-send waits for the claim to go stale and re-sends with the SAME Message-ID, so the
 * receiving side can collapse the duplicate. On a send error the notice goes back to `pending` and the
 * error is rethrown for BullMQ to retry with backoff; on the last attempt it becomes `failed` (an incident).
 *
 * Returns `failed` (without sending) for a job that finds the notice already failed: only an admin's
 * retry brings it back. `unsent` when no SMTP is configured (logged and kept).
 */
export async function deliverNotice(
  deps: DeliverNoticeDeps,
  noticeId: number,
  opts: { attempt: number; maxAttempts: number },
): Promise<DeliverOutcome> {
  const now = deps.now();
  const staleBefore = new Date(now.getTime() - (deps.staleClaimMs ?? defaultStaleClaimMs));
  const log = deps.logger.child({ noticeId });

  if (!deps.mailer.enabled) {
    const row = await markNoticeUnsent(deps.db, noticeId, staleBefore);
    if (row) {
      log.info(
        { template: row.template, record: `${row.record_type}/${row.record_id}`, to: row.recipient_email },
        'SMTP not configured: notice kept as unsent',
      );
      deps.observe?.email('unsent');
      return 'unsent';
    }
    return settledOutcome(deps, noticeId, log);
  }

  const claimed = await claimNotice(deps.db, noticeId, now, staleBefore);
  if (!claimed) return settledOutcome(deps, noticeId, log);
  const resend = claimed.attempts > 1;

  let rendered: ReturnType<typeof renderNotice>;
  try {
    rendered = render(claimed, deps.timeZone);
  } catch (e) {
    // Bad data will not get better by retrying: fail now, visibly.
    await releaseNoticeAfterError(deps.db, noticeId, claimed.attempts, errorText(e), true);
    log.error({ err: e, template: claimed.template }, 'notice cannot be rendered: failed');
    throw e;
  }

  const requestId = currentTrace()?.requestId;
  try {
    const attachments = deps.loadAttachments ? await deps.loadAttachments(claimed) : undefined;
    const result = await deps.mailer.send({
      to: claimed.recipient_email,
      subject: rendered.subject,
      html: rendered.html,
      text: rendered.text,
      messageId: claimed.message_id,
      // The request that caused the notice (from the job's data, see src/trace.ts): one event followed
      // from the HTTP log through the outbox to the message.
      ...(requestId ? { headers: { 'X-Request-Id': requestId } } : {}),
      ...(attachments && attachments.length ? { attachments } : {}),
    });
    await markNoticeSent(deps.db, noticeId, deps.now(), result.response);
    deps.observe?.email(resend ? 'resent' : 'sent');
    log.info(
      {
        template: claimed.template,
        record: `${claimed.record_type}/${claimed.record_id}`,
        messageId: claimed.message_id,
        attempt: opts.attempt,
        resend,
      },
      'notice sent',
    );
    return 'sent';
  } catch (e) {
    const final = opts.attempt >= opts.maxAttempts;
    await releaseNoticeAfterError(deps.db, noticeId, claimed.attempts, errorText(e), final);
    deps.observe?.email(final ? 'gave-up' : 'failed');
    if (final) log.error({ err: e, attempt: opts.attempt }, 'notice failed: attempts exhausted (incident)');
    else
      log.warn(
        { err: e, attempt: opts.attempt, maxAttempts: opts.maxAttempts },
        'notice send failed; will retry',
      );
    throw e;
  }
}

function render(n: NoticeRow, timeZone: string | undefined): ReturnType<typeof renderNotice> {
  if (!isNoticeTemplate(n.template)) throw new NoticeInvalidError(n.id, `unknown template ${n.template}`);
  const data = noticeDataSchema.safeParse(n.data);
  if (!data.success)
    throw new NoticeInvalidError(n.id, data.error.issues.map((i) => i.path.join('.')).join(', '));
  const locale = noticeLocaleSchema.catch('vi').parse(n.locale);
  return renderNotice(n.template, locale, data.data, timeZone ? { timeZone } : {});
}

/** What a job that could not claim the notice reports (or throws, when another worker holds it). */
async function settledOutcome(
  deps: DeliverNoticeDeps,
  noticeId: number,
  log: Logger,
): Promise<DeliverOutcome> {
  const row = await getNotice(deps.db, noticeId);
  if (!row) {
    log.warn('notice not found');
    return 'not-found';
  }
  switch (row.status) {
    case 'sent':
      return 'already-sent';
    case 'unsent':
      return 'unsent';
    case 'failed':
      return 'failed';
    case 'sending':
    case 'pending':
      // `pending` here: it was released between our claim attempt and this read; retrying claims it.
      throw new NoticeBusyError(noticeId);
  }
}
