import type { RecordType } from '../../../machines/contract';
import { claimIdempotencyKey, findIdempotent, saveIdempotentResponse } from '../../db/idempotency';
import { AppError, isAppError } from '../../errors';
import { applyEvent } from './apply-event';
import { inTransaction } from './tx';
import type { Actor, EngineDeps, RecordView, SendEventInput } from '../types';
import { singleRowViews, viewOfDetail, viewRecord } from './views';

/**
 * The command path for a user's event: one transaction, exactly one winner among concurrent events on a
 * record (row lock + state check), and with an `Idempotency-Key`, a retry returns the first answer
 * without a second transition.
 */
export async function sendEvent(deps: EngineDeps, actor: Actor, input: SendEventInput): Promise<RecordView> {
  if (!deps.observe) return send(deps, actor, input);
  try {
    return await send(deps, actor, input);
  } catch (e) {
    // What committed is counted by the transaction; here what the engine turned down.
    const outcome = !isAppError(e)
      ? null
      : e.code === 'VERSION_CONFLICT'
        ? 'conflict'
        : refusals.has(e.code)
          ? 'refused'
          : null;
    if (outcome) deps.observe.event(input.recordType, input.event.type, outcome);
    throw e;
  }
}

const refusals = new Set(['TRANSITION_NOT_ALLOWED', 'FORBIDDEN', 'VALIDATION_FAILED', 'CONFLICT']);

async function send(deps: EngineDeps, actor: Actor, input: SendEventInput): Promise<RecordView> {
  const key = input.idempotencyKey;
  if (key !== undefined && actor.userId !== null) {
    const first = await findIdempotent(deps.db, actor.userId, key);
    if (first) return replay(first, input);
  }
  const keyed = key !== undefined && actor.userId !== null;
  return inTransaction(deps, async (ctx): Promise<RecordView> => {
    if (keyed) {
      const claimed = await claimIdempotencyKey(ctx.tx, actor.userId!, key, {
        recordType: input.recordType,
        recordId: input.id,
        event: input.event.type,
      });
      if (!claimed) {
        const first = await findIdempotent(ctx.tx, actor.userId!, key);
        if (first) return replay(first, input);
      }
    }
    const done = await applyEvent(ctx, actor, {
      recordType: input.recordType,
      id: input.id,
      event: input.event,
      ...(input.expectedVersion !== undefined ? { expectedVersion: input.expectedVersion } : {}),
      answer: singleRowViews.has(input.recordType),
    });
    // The answer is this transition's result, read in its transaction: by the write itself when it could
    // (a nomination or campaign, no cascade), else by its own query.
    const view = done?.detail
      ? viewOfDetail(done.detail, input.recordType, actor)
      : await viewRecord(ctx.tx, ctx.now, actor, input.recordType, input.id);
    if (keyed) await saveIdempotentResponse(ctx.tx, actor.userId!, key, view);
    return view;
  });
}

function replay(
  first: { recordType: string; recordId: number; event: string; response: unknown },
  input: { recordType: RecordType; id: number; event: { type: string } },
): RecordView {
  if (
    first.recordType !== input.recordType ||
    first.recordId !== input.id ||
    first.event !== input.event.type
  )
    throw new AppError('VALIDATION_FAILED', 'this Idempotency-Key was already used for another request', {
      errors: [{ field: 'Idempotency-Key', message: 'already used for another request' }],
    });
  return first.response as RecordView;
}
