import { statesTagged } from '../../../machines/index';
import type { Db } from '../../db/db';
import {
  listDigestRecipients,
  listWaitingItems,
  type DigestAudience,
  type WaitingItemRow,
  type WaitingStates,
} from '../../db/digest';
import { insertNoticeOnce } from '../../db/notices';
import { emailJob } from '../../queue/queues';
import { withOutbox } from '../engine/outbox';
import type { OutboxKicker } from '../types';
import { formatDate, noticeMessageId } from '../../mail/format';
import type { DigestItem, NoticeData, NoticeLocale } from '../../mail/templates';

export interface QueueDigestDeps {
  db: Db;
  now: () => Date;
  /** Kicked after commit when notices were queued (else the relay's sweep publishes them). */
  outbox?: OutboxKicker | undefined;
  /** Absolute base URL for links. */
  publicUrl: string;
}

const plural: Record<WaitingItemRow['record_type'], string> = {
  dossier: 'dossiers',
  nomination: 'nominations',
  decision: 'decisions',
  submission: 'submissions',
};

/** Which states wait on whom (DOMAIN.md: the office receives, appraises, prepares; the director signs). */
const waitingOn = (tag: 'officeToAct' | 'directorToAct'): WaitingStates => ({
  dossier: statesTagged('dossier', tag),
  nomination: statesTagged('nomination', tag),
  decision: statesTagged('decision', tag),
  submission: statesTagged('submission', tag),
});
const waitingStates: Record<DigestAudience, WaitingStates> = {
  office: waitingOn('officeToAct'),
  director: waitingOn('directorToAct'),
};

const digestTitle = (date: string, locale: NoticeLocale): string =>
  locale === 'vi'
    ? `Công việc chờ xử lý ngày ${formatDate(date, 'vi')}`
    : `Items waiting on ${formatDate(date, 'en')}`;

/**
 * Queues the daily digest for `date` (`YYYY-MM-DD`, the business date): one notice per office or director
 * user with something waiting, keyed `digest/<date>/user-<id>`, with its outbox row, all in one
 * transaction. Running it again the same day creates nothing. Returns the number of notices created.
 */
export async function queueDailyDigest(deps: QueueDigestDeps, date: string): Promise<number> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`bad digest date ${date}`);
  const base = deps.publicUrl.replace(/\/+$/, '');
  const now = deps.now();
  return withOutbox(deps, async (tx, outbox) => {
    const recipients = await listDigestRecipients(tx);
    if (recipients.length === 0) return 0;
    const byAudience = new Map<DigestAudience, DigestItem[]>();
    for (const audience of ['office', 'director'] as const) {
      const rows = await listWaitingItems(tx, waitingStates[audience]);
      byAudience.set(
        audience,
        rows.map((r) => ({
          recordType: r.record_type,
          recordId: r.record_id,
          title: r.title,
          state: r.state,
          ...(r.due_at ? { dueAt: new Date(r.due_at).toISOString() } : {}),
          overdue: r.due_at !== null && new Date(r.due_at).getTime() <= now.getTime(),
          link: `${base}/${plural[r.record_type]}/${r.record_id}`,
        })),
      );
    }
    let created = 0;
    for (const user of recipients) {
      const items: DigestItem[] = [];
      for (const audience of ['office', 'director'] as const)
        if (user.roles.includes(audience)) items.push(...(byAudience.get(audience) ?? []));
      if (items.length === 0) continue;
      const locale: NoticeLocale = user.locale === 'en' ? 'en' : 'vi';
      const key = `digest/${date}/user-${user.id}`;
      const data: NoticeData = {
        recordType: 'digest',
        recordId: Number(date.replaceAll('-', '')),
        recordTitle: digestTitle(date, locale),
        link: `${base}/`,
        recipientName: user.full_name,
        items,
      };
      const id = await insertNoticeOnce(tx, {
        key,
        template: 'digest.daily',
        recordType: null,
        recordId: null,
        recipientUserId: user.id,
        recipientEmail: user.email,
        locale,
        data,
        messageId: noticeMessageId(key),
      });
      if (id === null) continue;
      await outbox.add(emailJob, { noticeId: id });
      created++;
    }
    return created;
  });
}
