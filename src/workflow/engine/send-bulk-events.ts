import { z } from 'zod';
import type { RecordType } from '../../../machines/contract';
import { lockRecords } from '../../db/records';
import { withSavepoint } from '../../db/savepoints';
import { idSchema } from '../../domain/ids';
import { AppError, type ErrorCode, isAppError } from '../../errors';
import { currentDefinition } from '../machine-graph';
import { fieldErrorsOf, parseInput } from '../input';
import { applyEvent } from './apply-event';
import { maySend } from './machine-runtime';
import { inTransaction } from './tx';
import type { Actor, EngineDeps } from '../types';

/** The most ids one request may carry, and how many go into one transaction. */
export const BULK_MAX_IDS = 500;
export const BULK_CHUNK = 100;

export const bulkEventsInput = z
  .looseObject({
    type: z.string().regex(/^[A-Z_]{2,40}$/, 'an event name in UPPER_SNAKE case'),
    ids: z
      .array(idSchema)
      .min(1, 'list at least one id')
      .max(BULK_MAX_IDS, `at most ${BULK_MAX_IDS} ids in one request`),
  })
  .describe('`{type, ids[], …payload}`: one event, the same payload, sent to each record listed.');

export interface BulkOutcome {
  id: number;
  ok: boolean;
  /** The record's state after the event (when `ok`). */
  state?: string;
  /** Why this record refused it (when not `ok`): the code and message the single event would answer. */
  error?: { code: ErrorCode; detail: string };
}

/**
 * One event sent to many records of one type (the director's bulk approval): each id through the very
 * path of a single event (`applyEvent`: scoping, role, payload, machine, history, timers, outbox), one
 * transaction per chunk of {@link BULK_CHUNK} ids. One refusal (another unit's record, a state that
 * does not take the event) leaves the others done: a chunk with a refusal runs again with each id in
 * its own savepoint. The chunk's rows
 * are locked up front in id order, so concurrent batches over overlapping ids cannot deadlock.
 *
 * What would refuse every id alike is refused for the whole request: an unknown event (400), one the
 * caller's roles may never send (403), a payload that does not fit the event (400).
 */
export async function sendBulkEvents(
  deps: EngineDeps,
  actor: Actor,
  recordType: RecordType,
  input: unknown,
): Promise<{ results: BulkOutcome[] }> {
  const body = parseInput(bulkEventsInput, input);
  const { type, ids: listed, ...payload } = body;
  const def = currentDefinition(recordType);
  const spec = def.events[type];
  if (!spec)
    throw new AppError('VALIDATION_FAILED', `unknown event ${type} for a ${recordType}`, {
      errors: [{ field: 'type', message: `must be one of ${Object.keys(def.events).join(', ')}` }],
    });
  if (spec.senders.every((s) => s === 'system') || !maySend(actor, spec.senders))
    throw new AppError('FORBIDDEN', `your roles may not send ${type}`);
  const parsed = spec.payload.safeParse(payload);
  if (!parsed.success)
    throw new AppError('VALIDATION_FAILED', `invalid ${type} payload`, {
      errors: fieldErrorsOf(parsed.error.issues),
    });

  const ids = [...new Set(listed)];
  const event = { type, ...payload };
  const outcomes = new Map<number, BulkOutcome>();
  for (let i = 0; i < ids.length; i += BULK_CHUNK) {
    const chunk = ids.slice(i, i + BULK_CHUNK);
    // Optimistic first: no savepoints (a third of the statements of a batch). The first refusal rolls the
    // chunk back, and the chunk runs again with a savepoint per id.
    const done =
      (await runChunk(deps, actor, recordType, chunk, event, false)) ??
      (await runChunk(deps, actor, recordType, chunk, event, true))!;
    for (const r of done) outcomes.set(r.id, r);
  }
  return { results: ids.map((id) => outcomes.get(id)!) };
}

class Refused extends Error {}

/** One chunk in one transaction; without savepoints, null when an id was refused (nothing kept). */
async function runChunk(
  deps: EngineDeps,
  actor: Actor,
  recordType: RecordType,
  chunk: readonly number[],
  event: { type: string } & Record<string, unknown>,
  savepoints: boolean,
): Promise<BulkOutcome[] | null> {
  try {
    return await inTransaction(deps, async (ctx) => {
      const results: BulkOutcome[] = [];
      await lockRecords(
        ctx.tx,
        recordType,
        [...chunk].sort((a, b) => a - b),
      );
      const apply = (id: number) => applyEvent(ctx, actor, { recordType, id, event });
      for (const id of chunk) {
        try {
          const r = savepoints ? await withSavepoint(ctx.tx, () => apply(id)) : await apply(id);
          results.push({ id, ok: true, ...(r ? { state: r.to } : {}) });
        } catch (e) {
          if (!isAppError(e)) throw e;
          if (!savepoints) throw new Refused();
          results.push({ id, ok: false, error: { code: e.code, detail: e.message } });
        }
      }
      return results;
    });
  } catch (e) {
    if (e instanceof Refused) return null;
    throw e;
  }
}
