import { nominationEvents } from '../../../machines/nomination.machine';
import { recordAwardOfNomination, removeAwardOfNomination } from '../../db/register-history';
import { readRecord, type RecordRow } from '../../db/records';
import { AppError } from '../../errors';
import { defineHooks } from '../engine/hooks';

/** The number a signed document passes on to the nominations it lists (`sign` in document.hooks.ts). */
const numberOf = (passOn: Record<string, unknown>): string =>
  typeof passOn.number === 'string' ? passOn.number : '';

const columnOf = (row: RecordRow | undefined, name: string): unknown => row?.[name];

export const nominationHooks = defineHooks(nominationEvents, {
  events: {
    // Judged by the rules in force on the dossier's receipt day: eligible despite a failing hard rule
    // needs the office's reason, recorded in the history with the event.
    APPRAISE: {
      async before({ ctx, row, event }) {
        if (!event.eligible || event.overrideReason) return;
        const dossier = await readRecord(ctx.tx, 'dossier', Number(columnOf(row, 'dossier_id')));
        const received = columnOf(dossier, 'received_at');
        const receivedOn = received instanceof Date ? ctx.calendar.localDate(received) : ctx.today;
        const failures = await ctx.deps.rules.hardFailures(ctx.tx, row.id, receivedOn);
        if (failures.length > 0)
          throw new AppError(
            'VALIDATION_FAILED',
            `a hard rule fails: ${failures.join('; ')}; an override reason is required`,
            {
              errors: [
                { field: 'overrideReason', message: 'required when a hard rule fails and eligible is true' },
              ],
              extra: { failures },
            },
          );
      },
    },
    // A received dossier's nominations carry the award rules in force that day, for the rest of their life.
    DOSSIER_ACCEPTED: {
      async payload({ ctx, target }) {
        const code = String(columnOf(target, 'award_code'));
        const rules = await ctx.deps.rules.awardRules(ctx.tx, code, ctx.today);
        if (!rules)
          throw new AppError('TRANSITION_NOT_ALLOWED', `award ${code} is not in force on ${ctx.today}`);
        return { rules };
      },
    },
    DECISION_SIGNED: {
      payload: ({ cause }) => Promise.resolve({ decisionId: cause.row.id, number: numberOf(cause.passOn) }),
    },
    SUBMISSION_SIGNED: {
      payload: ({ cause }) => Promise.resolve({ submissionId: cause.row.id, number: numberOf(cause.passOn) }),
    },
    DECISION_REVOKED: {
      payload: ({ cause }) =>
        Promise.resolve({
          decisionId: cause.row.id,
          reason: typeof cause.event.reason === 'string' ? cause.event.reason : 'decision revoked',
        }),
    },
  },
  // The people register follows the nominations: an award granted (decision signed, or the province's
  // approval) becomes the nominee's past award; a revoked one is taken out again (see db/register-history.ts).
  enter: {
    async awarded({ ctx, actor, row, event, next }) {
      const number = (next.context as { decisionNumber?: unknown }).decisionNumber;
      await recordAwardOfNomination(ctx.tx, row.id, {
        decisionNumber: typeof number === 'string' && number !== '' ? number : null,
        decidedOn: 'decidedOn' in event && typeof event.decidedOn === 'string' ? event.decidedOn : ctx.today,
        createdBy: actor.userId,
      });
    },
    async revoked({ ctx, row }) {
      await removeAwardOfNomination(ctx.tx, row.id);
    },
  },
});
