import type { AnyMachineSnapshot } from 'xstate';
import type { RecordType } from '../../../machines/contract';
import { prepareHistoryRow } from '../../db/history';
import { type RecordDetailWithDeadlines, writeTransitionReturningDetail } from '../../db/record-queries';
import { lockRecord, lockRecords, type RecordRow, setRecordColumns, writeTransition } from '../../db/records';
import { AppError } from '../../errors';
import { canReadRecord } from '../access';
import { fieldErrorsOf } from '../input';
import { machineHooks } from '../hooks';
import { cascadeTargets } from './cascade-targets';
import { enterState, leaveState } from './deadlines';
import type { Cause, Prepared } from './hooks';
import {
  allowedEventsFor,
  definitionOf,
  type Effect,
  maySend,
  persist,
  restore,
  stateValueOf,
  step,
} from './machine-runtime';
import { queueNotices } from './notify';
import type { TxContext } from './tx-context';
import type { Actor } from '../types';

export type { TxContext } from './tx-context';

export interface ApplyInput {
  recordType: RecordType;
  id: number;
  event: { type: string } & Record<string, unknown>;
  expectedVersion?: number;
  /** Engine-internal events (cascades, deadlines) skip the role check; users never reach this flag. */
  internal?: boolean;
  /** Where a cascaded event came from, recorded in history. */
  via?: string;
  /** An event the machine does not take in this state is skipped (null), not refused (cascades, timers). */
  ifAllowed?: boolean;
  /** The record, when the caller already holds its lock in this transaction (a firing timer). */
  locked?: RecordRow;
  /** Read the record back for the caller with the write when nothing after it can change it (`detail`). */
  answer?: boolean;
}

export interface ApplyResult {
  row: RecordRow;
  snapshot: AnyMachineSnapshot;
  from: string;
  to: string;
  seq: number;
  /** The record as `selectRecord` reads it after this event, when `answer` was asked and could be given. */
  detail?: RecordDetailWithDeadlines;
}

const MAX_CASCADE_DEPTH = 4;

/**
 * One event on one record, inside the caller's transaction: lock, check version and role, validate the
 * payload, run the pure transition, write snapshot + history + timers + outbox, then the cascades.
 */
export async function applyEvent(
  ctx: TxContext,
  actor: Actor,
  input: ApplyInput,
  depth = 0,
): Promise<ApplyResult | null> {
  if (depth > MAX_CASCADE_DEPTH) throw new Error('cascade too deep');
  const { tx } = ctx;
  const row = input.locked ?? (await lockRecord(tx, input.recordType, input.id));
  if (!row || !canReadRecord(actor, input.recordType, row.unit_id))
    throw new AppError('NOT_FOUND', `${input.recordType} ${input.id} not found`);
  if (input.expectedVersion !== undefined && input.expectedVersion !== row.version)
    throw new AppError(
      'VERSION_CONFLICT',
      `the ${input.recordType} is at version ${row.version}, not ${input.expectedVersion}`,
      {
        extra: { currentVersion: row.version },
      },
    );

  const def = definitionOf(row);
  const { type, ...rawPayload } = input.event;
  const spec = def.events[type];
  if (!spec)
    throw new AppError('VALIDATION_FAILED', `unknown event ${type} for a ${input.recordType}`, {
      errors: [{ field: 'type', message: `must be one of ${Object.keys(def.events).join(', ')}` }],
    });
  if (!input.internal && (spec.senders.every((s) => s === 'system') || !maySend(actor, spec.senders)))
    throw new AppError('FORBIDDEN', `your roles may not send ${type}`);
  const parsed = spec.payload.safeParse(rawPayload);
  if (!parsed.success)
    throw new AppError('VALIDATION_FAILED', `invalid ${type} payload`, {
      errors: fieldErrorsOf(parsed.error.issues),
    });
  const event = { type, ...parsed.data };

  const snapshot = restore(def, row.snapshot);
  if (!snapshot.can(event)) {
    if (input.ifAllowed) return null;
    throw new AppError(
      'TRANSITION_NOT_ALLOWED',
      `${type} is not allowed while the ${input.recordType} is ${row.state}`,
      {
        extra: { state: row.state, allowedEvents: allowedEventsFor(def, snapshot, actor) },
      },
    );
  }

  const hooks = machineHooks[input.recordType];
  const prepared: Prepared =
    (await hooks.events?.[type]?.before?.({ ctx, actor, recordType: input.recordType, row, event })) ?? {};
  if (prepared.columns) await setRecordColumns(tx, input.recordType, row.id, prepared.columns);

  // Secrets (a signing password) served the `before` hook; nothing after it sees them: not the machine,
  // the history row, the notices' data or the cascades.
  for (const field of spec.secret ?? []) delete (event as Record<string, unknown>)[field];
  const { next, effects } = step(def, snapshot, event);
  const from = row.state;
  const to = stateValueOf(next);
  const seq = row.version + 1;
  const entered = to !== from;
  const entrySeq = entered ? seq : row.entry_seq;

  const { type: _type, ...eventPayload } = event;
  const payload = { ...eventPayload, ...prepared.recorded, ...(input.via ? { via: input.via } : {}) };
  if (!row.last_hash)
    throw new Error(`${input.recordType} ${row.id} has no history row for version ${row.version}`);
  const history = prepareHistoryRow(row.last_hash, {
    recordType: input.recordType,
    recordId: row.id,
    seq,
    at: ctx.now,
    actorId: actor.userId,
    actorName: actor.name,
    event: type,
    from,
    to,
    payload,
  });
  const onEnter = entered ? hooks.enter?.[to] : undefined;
  if (onEnter) await onEnter({ ctx, actor, recordType: input.recordType, row, event, next });

  let armed: Array<{ kind: string; dueAt: Date }> = [];
  if (entered) {
    await leaveState(ctx, def, input.recordType, row, to);
    armed = await enterState(
      ctx,
      def,
      input.recordType,
      { ...row, state: to, entry_seq: entrySeq },
      next,
      event,
    );
  }

  const after: RecordRow = { ...row, state: to, version: seq, entry_seq: entrySeq };
  for (const e of effects) {
    if (e.type === 'notify')
      await queueNotices(ctx, {
        recordType: input.recordType,
        row: after,
        seq,
        template: e.params.template,
        to: e.params.to,
        event,
        context: next.context as Record<string, unknown>,
        dueAt: armed[0]?.dueAt,
      });
  }
  // The record's own write comes after its timers and notices (none of which read its state) and before
  // the cascades (which may come back to it). When no cascade follows, the same statement answers the
  // record for the caller who asked.
  const nextState = { state: to, version: seq, snapshot: persist(def, next), entrySeq, at: ctx.now };
  const cascades = effects.filter((e): e is Extract<Effect, { type: 'cascade' }> => e.type === 'cascade');
  let detail: RecordDetailWithDeadlines | undefined;
  if (input.answer && cascades.length === 0)
    detail = await writeTransitionReturningDetail(tx, input.recordType, row.id, nextState, history, ctx.now);
  else await writeTransition(tx, input.recordType, row.id, nextState, history);

  const cause: Cause = { recordType: input.recordType, row: after, event, passOn: prepared.passOn ?? {} };
  for (const e of cascades) await cascade(ctx, actor, cause, e, depth);

  return { row: after, snapshot: next, from, to, seq, ...(detail ? { detail } : {}) };
}

/**
 * Sends the engine's own follow-up events to related records, in the same transaction: the records the
 * effect's target reaches (`cascadeTargets`), each with the payload its machine's hook gives (or none).
 */
async function cascade(
  ctx: TxContext,
  actor: Actor,
  cause: Cause,
  effect: Extract<Effect, { type: 'cascade' }>,
  depth: number,
): Promise<void> {
  const target = cascadeTargets[effect.params.target];
  const type = target.delivers?.[effect.params.event] ?? effect.params.event;
  const ids = await target.of(ctx, cause);
  // Locked in id order up front: concurrent cascades over overlapping sets cannot deadlock.
  const locked = target.lockAll ? await lockRecords(ctx.tx, target.recordType, ids) : undefined;
  const targets: Array<{ id: number; row: RecordRow | undefined }> = locked
    ? locked.map((r) => ({ id: r.id, row: r }))
    : ids.map((id) => ({ id, row: undefined }));
  const received = machineHooks[target.recordType].events?.[type];
  const via = `${cause.recordType}/${cause.row.id}`;
  for (const t of targets) {
    const payload = received?.payload
      ? await received.payload({ ctx, actor, cause, targetId: t.id, target: t.row })
      : {};
    if (payload === null) continue;
    await applyEvent(
      ctx,
      actor,
      {
        recordType: target.recordType,
        id: t.id,
        event: { type, ...payload },
        internal: true,
        via,
        ifAllowed: true,
      },
      depth + 1,
    );
  }
}
