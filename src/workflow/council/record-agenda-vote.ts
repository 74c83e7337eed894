import { recordAgendaVote } from '../../db/rules';
import type { VoteTally } from '../../domain/council';
import { applyEvent } from '../engine/apply-event';
import { inTransaction } from '../engine/tx';
import type { Actor, EngineDeps, RecordView } from '../types';
import { viewRecord } from '../engine/views';

export interface CouncilVoteResult {
  nomination: RecordView;
  /** The RECORD_VOTE payload sent: the session's members, those present, the yes votes. */
  count: { membersTotal: number; present: number; yes: number };
  tally: VoteTally;
}

/**
 * One agenda item's secret-ballot count: the tally from the session's members and attendance
 * (`recordAgendaVote`), then RECORD_VOTE with those figures through the engine, in ONE transaction, so
 * the agenda row and the nomination's history never disagree (a nomination that left council review
 * meanwhile refuses the event and the agenda row is not written). The history row names the session in
 * `via`.
 */
export async function recordCouncilVote(
  deps: EngineDeps,
  actor: Actor,
  args: { sessionId: number; nominationId: number; yes: number; expectedVersion?: number },
): Promise<CouncilVoteResult> {
  return inTransaction(deps, async (ctx) => {
    const { payload, tally } = await recordAgendaVote(ctx.tx, {
      sessionId: args.sessionId,
      nominationId: args.nominationId,
      yes: args.yes,
      userId: actor.userId,
    });
    await applyEvent(ctx, actor, {
      recordType: 'nomination',
      id: args.nominationId,
      event: { type: 'RECORD_VOTE', ...payload },
      ...(args.expectedVersion !== undefined ? { expectedVersion: args.expectedVersion } : {}),
      via: `councilSession/${args.sessionId}`,
    });
    const nomination = await viewRecord(ctx.tx, ctx.now, actor, 'nomination', args.nominationId);
    return { nomination, count: payload, tally };
  });
}
