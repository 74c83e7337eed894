import type { AnyMachineSnapshot } from 'xstate';
import type { CascadeParams, RecordType } from '../../../machines/contract';
import { statesTagged } from '../../../machines/index';
import type { Queryable } from '../../db/db';
import { prepareHistoryRow } from '../../db/history';
import { recordAwardOfNomination, removeAwardOfNomination } from '../../db/people';
import { type RecordDetailWithDeadlines, writeTransitionReturningDetail } from '../../db/record-queries';
import type { RecordRow } from '../../db/records';
import {
  countNominationsNotIn,
  dossierSubmitFacts,
  lockRecord,
  lockRecords,
  nextDocumentNumber,
  nominationIdsOfDocument,
  nominationIdsOfDossier,
  readRecord,
  sentSubmissionOf,
  setRecordColumns,
  setSubmissionItemResult,
  statesOf,
  unitCode,
  writeTransition,
} from '../../db/records';
import { AppError } from '../../errors';
import { canReadRecord } from '../access';
import { fieldErrorsOf } from '../input';
import { enterState, leaveState } from './deadlines';
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

  const extra = await beforeTransition(ctx, actor, input.recordType, row, event);

  const { next, effects } = step(def, snapshot, event);
  const from = row.state;
  const to = stateValueOf(next);
  const seq = row.version + 1;
  const entered = to !== from;
  const entrySeq = entered ? seq : row.entry_seq;

  const { type: _type, ...eventPayload } = event;
  const payload = { ...eventPayload, ...(input.via ? { via: input.via } : {}) };
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
  if (entered && input.recordType === 'nomination')
    await keepAwardRegister(ctx, actor, row.id, to, next, event);

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

  for (const e of cascades) await cascade(ctx, actor, input.recordType, after, e, { ...extra, event }, depth);

  return { row: after, snapshot: next, from, to, seq, ...(detail ? { detail } : {}) };
}

/** Facts a transition needs from outside its record, checked before it runs; may fill columns. */
async function beforeTransition(
  ctx: TxContext,
  actor: Actor,
  type: RecordType,
  row: RecordRow,
  event: { type: string } & Record<string, unknown>,
): Promise<{ number?: string }> {
  const { tx, now } = ctx;
  const today = ctx.today;
  const key = `${type}.${event.type}`;
  switch (key) {
    case 'dossier.SUBMIT':
    case 'dossier.RESUBMIT': {
      const facts = await dossierSubmitFacts(tx, row.id, statesTagged('nomination', 'live'));
      const problems: string[] = [];
      if (facts.nominations < 1) problems.push('Hồ sơ chưa có đề nghị nào (the dossier has no nomination)');
      if (facts.campaignState !== 'open')
        problems.push('Đợt thi đua không còn nhận hồ sơ (the campaign is not open for submissions)');
      const missing = await ctx.deps.rules.missingAttachments(tx, row.id, today);
      for (const m of missing) problems.push(m.message);
      if (problems.length > 0)
        throw new AppError(
          'TRANSITION_NOT_ALLOWED',
          `the dossier cannot be submitted: ${problems.join('; ')}`,
          {
            extra: { problems, missing },
          },
        );
      await setRecordColumns(tx, type, row.id, { submitted_at: now });
      return {};
    }
    case 'dossier.RECEIVE':
      await setRecordColumns(tx, type, row.id, { received_at: now });
      return {};
    case 'nomination.APPRAISE': {
      if (event.eligible === true && !event.overrideReason) {
        const receivedOn = await receiptDateOf(tx, row, ctx);
        const failures = await ctx.deps.rules.hardFailures(tx, row.id, receivedOn);
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
      }
      return {};
    }
    case 'decision.SUBMIT_FOR_SIGNATURE':
    case 'submission.SUBMIT_FOR_SIGNATURE':
    case 'decision.SIGN':
    case 'submission.SIGN': {
      const ids = await nominationIdsOfDocument(tx, type as 'decision' | 'submission', row.id);
      const waiting = type === 'decision' ? 'awaitingDecision' : 'awaitingForwarding';
      const states = await statesOf(tx, 'nomination', ids);
      const stale = ids.filter((id) => states.get(id) !== waiting);
      if (ids.length === 0) throw new AppError('TRANSITION_NOT_ALLOWED', `the ${type} lists no nomination`);
      if (stale.length > 0)
        throw new AppError(
          'TRANSITION_NOT_ALLOWED',
          `nominations ${stale.join(', ')} are no longer ${waiting}`,
          {
            extra: { nominationIds: stale },
          },
        );
      if (event.type !== 'SIGN') return {};
      const issuer = (row as RecordRow & { issuer_unit_id: number }).issuer_unit_id;
      const code = (await unitCode(tx, issuer)) ?? 'SO';
      const year = Number(today.slice(0, 4));
      const docType = type === 'decision' ? 'QĐ' : 'TTr';
      const seq = await nextDocumentNumber(tx, issuer, docType, year);
      const number = `${String(seq).padStart(2, '0')}/${docType}-${code}`;
      await setRecordColumns(tx, type, row.id, {
        number,
        number_year: year,
        number_seq: seq,
        signed_at: now,
        signed_by: actor.userId,
      });
      return { number };
    }
    default:
      return {};
  }
}

/**
 * The people register follows the nominations: an award granted (decision signed, or the province's
 * approval) becomes the nominee's past award; a revoked one is taken out again (see people.ts).
 */
async function keepAwardRegister(
  ctx: TxContext,
  actor: Actor,
  nominationId: number,
  to: string,
  next: AnyMachineSnapshot,
  event: { type: string } & Record<string, unknown>,
): Promise<void> {
  if (to === 'awarded') {
    const number = (next.context as { decisionNumber?: unknown }).decisionNumber;
    const decidedOn = typeof event.decidedOn === 'string' ? event.decidedOn : ctx.today;
    await recordAwardOfNomination(ctx.tx, nominationId, {
      decisionNumber: typeof number === 'string' && number !== '' ? number : null,
      decidedOn,
      createdBy: actor.userId,
    });
  } else if (to === 'revoked') await removeAwardOfNomination(ctx.tx, nominationId);
}

async function receiptDateOf(tx: Queryable, nomination: RecordRow, ctx: TxContext): Promise<string> {
  const dossierId = (nomination as RecordRow & { dossier_id: number }).dossier_id;
  const d = await readRecord(tx, 'dossier', dossierId);
  const received = (d as (RecordRow & { received_at: Date | null }) | undefined)?.received_at;
  return ctx.calendar.localDate(received ?? ctx.now);
}

/** Sends the engine's own follow-up events to related records, in the same transaction. */
async function cascade(
  ctx: TxContext,
  actor: Actor,
  type: RecordType,
  row: RecordRow,
  effect: Extract<Effect, { type: 'cascade' }>,
  extra: { number?: string; event: Record<string, unknown> },
  depth: number,
): Promise<void> {
  const { tx } = ctx;
  const p: CascadeParams = effect.params;
  const via = `${type}/${row.id}`;
  const send = (recordType: RecordType, id: number, event: { type: string } & Record<string, unknown>) =>
    applyEvent(ctx, actor, { recordType, id, event, internal: true, via, ifAllowed: true }, depth + 1);

  if (p.target === 'nominations') {
    const ids =
      type === 'dossier'
        ? await nominationIdsOfDossier(tx, row.id)
        : await nominationIdsOfDocument(tx, type as 'decision' | 'submission', row.id);
    // Locked in id order up front: concurrent cascades over overlapping sets cannot deadlock.
    const rows = (await lockRecords(tx, 'nomination', ids)) as Array<RecordRow & { award_code: string }>;
    const today = ctx.today;
    for (const n of rows) {
      const id = n.id;
      let event: { type: string } & Record<string, unknown> = { type: p.event };
      if (p.event === 'DOSSIER_ACCEPTED') {
        const code = n.award_code;
        const rules = await ctx.deps.rules.awardRules(tx, code, today);
        if (!rules) throw new AppError('TRANSITION_NOT_ALLOWED', `award ${code} is not in force on ${today}`);
        event = { ...event, rules };
      } else if (p.event === 'DECISION_SIGNED')
        event = { ...event, decisionId: row.id, number: extra.number ?? '' };
      else if (p.event === 'SUBMISSION_SIGNED')
        event = { ...event, submissionId: row.id, number: extra.number ?? '' };
      else if (p.event === 'DECISION_REVOKED')
        event = {
          ...event,
          decisionId: row.id,
          reason: typeof extra.event.reason === 'string' ? extra.event.reason : 'decision revoked',
        };
      await send('nomination', id, event);
    }
    return;
  }
  if (p.target === 'dossier' && type === 'nomination') {
    const dossierId = (row as RecordRow & { dossier_id: number }).dossier_id;
    if ((await countNominationsNotIn(tx, dossierId, statesTagged('nomination', 'settled'))) === 0)
      await send('dossier', dossierId, { type: 'ALL_NOMINATIONS_SETTLED' });
    return;
  }
  if (p.target === 'submission' && type === 'nomination') {
    const submissionId = await sentSubmissionOf(tx, row.id);
    if (submissionId === undefined) return;
    const allResolved = await setSubmissionItemResult(tx, submissionId, row.id, row.state);
    await send('submission', submissionId, { type: 'NOMINATION_RESULT', allResolved });
  }
}
