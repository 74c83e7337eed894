import type { Db } from '../../db/db';
import { getNotice, type NoticeStatus, requeueNotice } from '../../db/notices';
import { emailJob } from '../../queue/queues';
import { withOutbox } from '../engine/outbox';
import { requireRole } from '../access';
import { defaultStaleClaimMs } from '../notices/deliver-notice';
import type { Actor, OutboxKicker } from '../types';

export type RetryNoticeResult =
  | { outcome: 'queued'; jobId: string }
  | { outcome: 'not-found' }
  | { outcome: 'not-retryable'; status: NoticeStatus };

/**
 * An admin's resend: a `failed` or `unsent` notice (or an abandoned claim older than `staleBefore`) goes
 * back to `pending` with a new email job whose id is new (`ntc-<id>-r<n>`). Same Message-ID, so a
 * receiving server that saw the first one can collapse them.
 */
export async function retryNotice(
  deps: { db: Db; now?: () => Date; outbox?: OutboxKicker | undefined },
  actor: Actor,
  noticeId: number,
  opts: { staleClaimMs?: number } = {},
): Promise<RetryNoticeResult> {
  requireRole(actor, 'admin');
  const now = deps.now?.() ?? new Date();
  const staleBefore = new Date(now.getTime() - (opts.staleClaimMs ?? defaultStaleClaimMs));
  return withOutbox(deps, async (tx, outbox) => {
    const retry = await requeueNotice(tx, noticeId, staleBefore);
    if (retry === null) {
      const current = await getNotice(tx, noticeId);
      return current ? { outcome: 'not-retryable', status: current.status } : { outcome: 'not-found' };
    }
    const jobId = emailJob.retryJobId(noticeId, retry);
    await outbox.add(emailJob, { noticeId }, { jobId });
    return { outcome: 'queued', jobId };
  });
}
