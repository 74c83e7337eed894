import type { Recipient, RecordType } from '../../../machines/contract';
import { statesTagged } from '../../../machines/index';
import { insertNoticeOnce } from '../../db/notices';
import { describeRecord, type RecordRow } from '../../db/records';
import { currentUnitOf } from '../../db/unit-succession';
import { type Addressee, unitAddressees, unitsWithoutSubmission, usersWithRole } from '../../db/recipients';
import { noticeMessageId } from '../../mail/format';
import { emailJob } from '../../queue/queues';
import type { TxContext } from './tx-context';

/** Where a person reads a record in the web app. */
export const recordLink = (publicUrl: string, type: RecordType, id: number): string =>
  `${publicUrl.replace(/\/$/, '')}/${type}s/${id}`;

async function resolve(
  ctx: TxContext,
  type: RecordType,
  row: RecordRow,
  to: readonly Recipient[],
  unitId?: number,
): Promise<Addressee[]> {
  const out: Addressee[] = [];
  for (const r of to) {
    if (r === 'office' || r === 'director') out.push(...(await usersWithRole(ctx.tx, r)));
    else if (r === 'provinceBoard') {
      const email = ctx.policy.provinceBoardEmail;
      if (email) out.push({ userId: null, email, name: 'Ban Thi đua – Khen thưởng tỉnh', locale: 'vi' });
    } else if (r === 'unit' && unitId !== undefined) {
      out.push(...(await unitAddressees(ctx.tx, unitId)));
    } else if (r === 'unit' && row.unit_id !== null) {
      // A merged unit's records are its successor's: its clerks are told (the old unit has none left).
      out.push(...(await unitAddressees(ctx.tx, await currentUnitOf(ctx.tx, row.unit_id))));
    } else if (type === 'campaign') {
      // A campaign's `unit` and `unitsNotSubmitted` alike: the units that have not submitted yet.
      for (const u of await unitsWithoutSubmission(ctx.tx, row.id, statesTagged('dossier', 'handedIn')))
        out.push(...(await unitAddressees(ctx.tx, u)));
    }
  }
  const seen = new Set<string>();
  return out.filter((a) => {
    const k = a.email.toLowerCase();
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export interface NoticeRequest {
  recordType: RecordType;
  row: RecordRow;
  template: string;
  to: readonly Recipient[];
  /** Identity of what caused it: a history seq, or a timer. */
  cause: string;
  event?: Record<string, unknown>;
  context?: Record<string, unknown>;
  dueAt?: Date | undefined;
  deadlineKind?: string;
  /** `unit` is this unit (a campaign's reminder to one late unit), not the record's. */
  unitId?: number;
  /** Fields of the notice's data beyond the record's (a campaign reminder's days left and what is missing). */
  extra?: Record<string, unknown>;
}

/**
 * Writes one ledger row per person (keyed by the business identity, so a replay adds nothing) and one
 * outbox row per new notice.
 */
export async function queueNoticesFor(ctx: TxContext, req: NoticeRequest): Promise<number> {
  const people = await resolve(ctx, req.recordType, req.row, req.to, req.unitId);
  if (people.length === 0) return 0;
  const d = await describeRecord(ctx.tx, req.recordType, req.row.id);
  const reason = req.event?.reason;
  const decisionNumber = req.context?.decisionNumber ?? req.event?.number ?? req.event?.decisionNumber;
  const data: Record<string, unknown> = {
    recordType: req.recordType,
    recordId: req.row.id,
    recordTitle: d.title,
    ...(d.unitName ? { unitName: d.unitName } : {}),
    ...(d.campaignTitle ? { campaignTitle: d.campaignTitle } : {}),
    ...(typeof reason === 'string' ? { reason } : {}),
    ...(req.dueAt ? { dueAt: req.dueAt.toISOString() } : {}),
    ...(typeof decisionNumber === 'string' ? { decisionNumber } : {}),
    ...(req.deadlineKind ? { deadlineKind: req.deadlineKind } : {}),
    link: recordLink(ctx.deps.publicUrl, req.recordType, req.row.id),
    ...req.extra,
  };
  let n = 0;
  for (const p of people) {
    const who = p.userId !== null ? `user-${p.userId}` : `addr-${p.email.toLowerCase()}`;
    const key = `${req.recordType}/${req.row.id}/${req.cause}/${req.template}/${who}`;
    const id = await insertNoticeOnce(ctx.tx, {
      key,
      template: req.template,
      recordType: req.recordType,
      recordId: req.row.id,
      recipientUserId: p.userId,
      recipientEmail: p.email,
      locale: p.locale,
      data: { ...data, recipientName: p.name },
      messageId: noticeMessageId(key),
    });
    if (id === null) continue;
    await ctx.outbox.add(emailJob, { noticeId: id });
    n++;
  }
  return n;
}

/** The `notify` effect of a transition. */
export async function queueNotices(
  ctx: TxContext,
  req: Omit<NoticeRequest, 'cause'> & { seq: number },
): Promise<number> {
  const event = req.event ?? {};
  return queueNoticesFor(ctx, {
    ...req,
    cause: `seq-${req.seq}`,
    ...(event.type === 'DEADLINE_PASSED' && typeof event.kind === 'string'
      ? { deadlineKind: event.kind }
      : {}),
  });
}
