import { statesTagged } from '../../../machines/index';
import { unitsWithoutSubmission } from '../../db/recipients';
import { type RecordRow, unitCampaignDraft } from '../../db/records';
import { queueNoticesFor } from './notify';
import type { TxContext } from './tx-context';

/**
 * A campaign's reminder rung fired: each unit that has not handed in a dossier (its own or one of a unit
 * merged into it) gets the campaign's own reminder (`campaign.reminder`), with the working days left to
 * the nomination deadline and what its dossier still lacks; units that submitted get nothing.
 */
export async function queueCampaignReminders(
  ctx: TxContext,
  row: RecordRow,
  cause: string,
  dueAt: Date | undefined,
): Promise<number> {
  const given = row.snapshot.context.nominationDeadline;
  const deadline = typeof given === 'string' ? given : '';
  const daysLeft = /^\d{4}-\d{2}-\d{2}$/.test(deadline)
    ? ctx.calendar.workingDaysBetween(ctx.today, deadline) + (ctx.calendar.isWorkingDay(ctx.today) ? 1 : 0)
    : undefined;
  let n = 0;
  for (const unitId of await unitsWithoutSubmission(ctx.tx, row.id, statesTagged('dossier', 'handedIn'))) {
    const draft = await unitCampaignDraft(
      ctx.tx,
      row.id,
      unitId,
      statesTagged('nomination', 'live'),
      statesTagged('dossier', 'editable'),
    );
    const missing: string[] = [];
    if (!draft) missing.push('Chưa lập hồ sơ đề nghị khen thưởng (no dossier yet).');
    else {
      if (draft.nominations === 0) missing.push('Hồ sơ chưa có đề nghị nào (the dossier has no nomination).');
      for (const m of await ctx.deps.rules.missingAttachments(ctx.tx, draft.id, ctx.today))
        missing.push(m.message);
      if (missing.length === 0)
        missing.push('Hồ sơ đã đủ, chưa nộp (the dossier is complete but not submitted).');
    }
    n += await queueNoticesFor(ctx, {
      recordType: 'campaign',
      row,
      template: 'campaign.reminder',
      to: ['unit'],
      unitId,
      cause,
      dueAt,
      deadlineKind: 'nomination',
      extra: {
        unitName: await unitNameOf(ctx, unitId),
        ...(daysLeft !== undefined ? { daysLeft } : {}),
        missing,
      },
    });
  }
  return n;
}

async function unitNameOf(ctx: TxContext, unitId: number): Promise<string> {
  const rows = await ctx.tx.query<{ name: string }>('SELECT name FROM units WHERE id = $1', [unitId]);
  return rows[0]?.name ?? '';
}
