import type { RecordType } from '../../machines/contract';
import { claimIdempotencyKey, findIdempotent, saveIdempotentResponse } from '../db/idempotency';
import { AppError } from '../errors';
import type { WrittenRecord } from '../db/record-queries';
import { answerableFromWrite, applyEvent } from './apply-event';
import { inTransaction } from './tx';
import type { Actor, EngineDeps, RecordView, SendEventInput } from './types';
import { viewOfWritten, viewRecord } from './views';

/**
 * The command path for a user's event: one transaction, exactly one winner among concurrent events on a
 * record (row lock + state check), and with an `Idempotency-Key`, a retry returns the first answer
 * without a second transition.
 */
export async function sendEvent(deps: EngineDeps, actor: Actor, input: SendEventInput): Promise<RecordView> {
  const key = input.idempotencyKey;
  if (key !== undefined && actor.userId !== null) {
    const first = await findIdempotent(deps.db, actor.userId, key);
    if (first) return replay(first, input);
  }
  const keyed = key !== undefined && actor.userId !== null;
  // The transition's write may bring back the record as written (`written`): then the answer is built
  // from it, after commit as before, without reading the record again.
  let written: WrittenRecord | undefined;
  const replayed = await inTransaction(deps, async (ctx): Promise<RecordView | null> => {
    written = undefined;
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
    const result = await applyEvent(ctx, actor, {
      recordType: input.recordType,
      id: input.id,
      event: input.event,
      ...(input.expectedVersion !== undefined ? { expectedVersion: input.expectedVersion } : {}),
      answer: true,
    });
    written = result.written;
    if (!keyed) return null;
    // The stored answer must be the one of this transition: read it before committing.
    const view =
      answerOf(written, ctx.now, actor, input.recordType) ??
      (await viewRecord(ctx.tx, ctx.now, actor, input.recordType, input.id));
    await saveIdempotentResponse(ctx.tx, actor.userId!, key, view);
    return view;
  });
  if (replayed) return replayed;
  // Without a key, answer after commit: the row lock is held no longer than the transition.
  const now = deps.now();
  return (
    answerOf(written, now, actor, input.recordType) ??
    viewRecord(deps.db, now, actor, input.recordType, input.id)
  );
}

function answerOf(
  written: WrittenRecord | undefined,
  now: Date,
  actor: Actor,
  type: RecordType,
): RecordView | undefined {
  return written && answerableFromWrite(type) ? viewOfWritten(written, now, actor, type) : undefined;
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
