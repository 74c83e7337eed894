import { statesTagged } from '../../../machines/index';
import { dossierEvents } from '../../../machines/dossier.machine';
import { countNominationsNotIn, dossierSubmitFacts } from '../../db/records';
import { AppError } from '../../errors';
import { defineHooks, type HookArgs, type Prepared } from '../engine/hooks';

/**
 * A dossier is submitted (or resubmitted) only with a live nomination, an open campaign and the
 * attachments its awards require under the campaign's procedure; the machine cannot see any of them.
 */
async function checkSubmittable({ ctx, row }: HookArgs): Promise<Prepared> {
  const facts = await dossierSubmitFacts(ctx.tx, row.id, statesTagged('nomination', 'live'));
  const problems: string[] = [];
  if (facts.nominations < 1) problems.push('Hồ sơ chưa có đề nghị nào (the dossier has no nomination)');
  if (facts.campaignState !== 'open')
    problems.push('Đợt thi đua không còn nhận hồ sơ (the campaign is not open for submissions)');
  const missing = await ctx.deps.rules.missingAttachments(ctx.tx, row.id, ctx.today);
  for (const m of missing) problems.push(m.message);
  if (problems.length > 0)
    throw new AppError('TRANSITION_NOT_ALLOWED', `the dossier cannot be submitted: ${problems.join('; ')}`, {
      extra: { problems, missing },
    });
  return { columns: { submitted_at: ctx.now } };
}

export const dossierHooks = defineHooks(dossierEvents, {
  events: {
    SUBMIT: { before: checkSubmittable },
    RESUBMIT: { before: checkSubmittable },
    RECEIVE: { before: ({ ctx }) => Promise.resolve({ columns: { received_at: ctx.now } }) },
    // The last settled nomination closes its dossier: sent by every nomination that settles, taken once.
    ALL_NOMINATIONS_SETTLED: {
      payload: async ({ ctx, targetId }) =>
        (await countNominationsNotIn(ctx.tx, targetId, statesTagged('nomination', 'settled'))) === 0
          ? {}
          : null,
    },
  },
});
