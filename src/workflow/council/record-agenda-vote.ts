import { z } from 'zod';
import { lockAgendaItem, memberCounts, writeAgendaVote } from '../../db/council-sessions';
import type { Queryable } from '../../db/db';
import { noQuorumMessage } from '../../../machines/quorum';
import { tallyVote, type VoteTally } from '../../domain/council';
import { idSchema } from '../../domain/ids';
import { AppError } from '../../errors';
import { requireRole } from '../access';
import { applyEvent } from '../engine/apply-event';
import { inTransaction } from '../engine/tx';
import { viewRecord } from '../engine/views';
import { parseInput } from '../input';
import type { Actor, EngineDeps, RecordView } from '../types';
import { requireCouncilSession } from './council-session-view';

export const agendaVoteInput = z
  .object({
    nominationId: idSchema,
    yes: z.number().int().min(0).max(1000),
    expectedVersion: z.number().int().min(1).optional().describe("the nomination's version"),
  })
  .strict();

export interface AgendaVoteResult {
  nomination: RecordView;
  /** The RECORD_VOTE payload sent: the session's members, those present, the yes votes. */
  count: { membersTotal: number; present: number; yes: number };
  tally: VoteTally;
}

/**
 * One agenda item's secret-ballot count: the tally from the session's members and attendance, then
 * RECORD_VOTE with those figures through the engine, in ONE transaction, so the agenda row and the
 * nomination's history never disagree (a nomination that left council review meanwhile refuses the
 * event and the agenda row is not written). The history row names the session in `via`.
 */
export async function recordAgendaVote(
  deps: EngineDeps,
  actor: Actor,
  sessionId: number,
  input: unknown,
): Promise<AgendaVoteResult> {
  requireRole(actor, 'office');
  const vote = parseInput(agendaVoteInput, input);
  await requireCouncilSession(deps.db, sessionId);
  return inTransaction(deps, async (ctx) => {
    const { payload, tally } = await countAgendaVote(ctx.tx, {
      sessionId,
      nominationId: vote.nominationId,
      yes: vote.yes,
      userId: actor.userId,
    });
    await applyEvent(ctx, actor, {
      recordType: 'nomination',
      id: vote.nominationId,
      event: { type: 'RECORD_VOTE', ...payload },
      ...(vote.expectedVersion !== undefined ? { expectedVersion: vote.expectedVersion } : {}),
      via: `councilSession/${sessionId}`,
    });
    const nomination = await viewRecord(ctx.tx, ctx.now, actor, 'nomination', vote.nominationId);
    return { nomination, count: payload, tally };
  });
}

/**
 * The count of one agenda item, written on the agenda (the use case's first step, in its transaction):
 * all the session's members and those present, against the threshold the nomination carries (its award
 * rules at receipt), else `threshold`. Without quorum it refuses (400), as the machine would.
 */
export async function countAgendaVote(
  tx: Queryable,
  args: { sessionId: number; nominationId: number; yes: number; userId: number | null; threshold?: number },
): Promise<{ payload: { membersTotal: number; present: number; yes: number }; tally: VoteTally }> {
  const item = await lockAgendaItem(tx, args.sessionId, args.nominationId);
  if (!item)
    throw new AppError(
      'NOT_FOUND',
      `nomination ${args.nominationId} is not on session ${args.sessionId}'s agenda`,
    );
  const threshold = item.threshold ?? args.threshold;
  if (threshold === undefined || !(threshold > 0 && threshold <= 1))
    throw new AppError('VALIDATION_FAILED', 'the nomination carries no vote threshold', {
      errors: [{ field: 'threshold', message: 'required' }],
    });
  const counts = await memberCounts(tx, args.sessionId);
  const payload = { membersTotal: counts.total, present: counts.present, yes: args.yes };
  let tally: VoteTally;
  try {
    tally = tallyVote(payload, threshold);
  } catch (e) {
    throw new AppError('VALIDATION_FAILED', 'invalid vote count', {
      cause: e,
      errors: [{ field: 'yes', message: `between 0 and the ${payload.present} members present` }],
    });
  }
  if (!tally.quorum)
    throw new AppError('VALIDATION_FAILED', noQuorumMessage, {
      errors: [
        {
          field: 'present',
          message: `${payload.present} of ${payload.membersTotal}; ${tally.quorumNeeded} needed`,
        },
      ],
    });
  await writeAgendaVote(tx, { ...args, ...payload, threshold, passed: tally.passed });
  return { payload, tally };
}
