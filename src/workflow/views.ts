import type { RecordType } from '../../machines/contract';
import type { Queryable, Row } from '../db/db';
import {
  type RecordDetailRow,
  attachmentsOf,
  itemsOf,
  selectRecord,
  selectRecords,
  type WrittenDeadline,
  type WrittenRecord,
} from '../db/record-queries';
import { deadlinesOf } from '../db/timers';
import { AppError } from '../errors';
import { canRead } from './apply-event';
import { allowedEventsFor, definitionOf, metaOf, restore } from './machine-runtime';
import type { Actor, DeadlineView, RecordView } from './types';

const iso = (d: unknown): string | null =>
  d instanceof Date ? d.toISOString() : typeof d === 'string' ? d : null;

/** The fields every workflow resource answers, plus the type's own. */
export function baseView(row: RecordDetailRow, type: RecordType, actor: Actor): RecordView {
  const def = definitionOf(row);
  const snapshot = restore(def, row.snapshot);
  const label = metaOf(def, row.state)?.label ?? { vi: row.state, en: row.state };
  const r = row as RecordDetailRow & Record<string, unknown>;
  const own: Record<string, unknown> = {};
  switch (type) {
    case 'campaign':
      Object.assign(own, {
        title: r.title,
        kind: r.kind,
        year: r.year,
        nominationDeadline: r.nomination_deadline,
      });
      break;
    case 'dossier':
      Object.assign(own, {
        title: r.title,
        campaignId: r.campaign_id,
        campaignTitle: r.campaign_title,
        procedure: r.campaign_kind === 'sudden' ? 'simplified' : 'ordinary',
        unitId: r.unit_id,
        unitName: r.unit_name,
        submittedAt: iso(r.submitted_at),
        receivedAt: iso(r.received_at),
      });
      break;
    case 'nomination': {
      const ctx = row.snapshot.context;
      Object.assign(own, {
        dossierId: r.dossier_id,
        campaignId: r.campaign_id,
        unitId: r.unit_id,
        unitName: r.unit_name,
        awardCode: r.award_code,
        nominee:
          r.nominee_kind === 'collective'
            ? {
                kind: 'collective',
                name: r.nominee_name,
                ...(r.collective_id ? { collectiveId: r.collective_id } : {}),
              }
            : {
                kind: 'individual',
                fullName: r.nominee_name,
                ...(r.nominee_position ? { position: r.nominee_position } : {}),
                ...(r.person_id ? { personId: r.person_id } : {}),
              },
        summary: r.summary,
        rules: ctx.rules ?? null,
        objections: ctx.objections ?? 0,
        ...(ctx.decisionNumber ? { decisionNumber: ctx.decisionNumber } : {}),
        ...(ctx.submissionNumber ? { submissionNumber: ctx.submissionNumber } : {}),
      });
      break;
    }
    case 'decision':
    case 'submission':
      Object.assign(own, {
        title: r.title,
        issuerUnitId: r.issuer_unit_id,
        number: r.number ?? null,
        signedAt: iso(r.signed_at),
        documentSha256: r.document_sha256 ?? null,
      });
      break;
  }
  return {
    id: row.id,
    type,
    state: row.state,
    stateLabel: label,
    version: row.version,
    allowedEvents: allowedEventsFor(def, snapshot, actor),
    overdue: row.overdue,
    ...own,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

type DeadlineFacts = Pick<WrittenDeadline, 'kind' | 'due_at' | 'status'>;

const isPending = (t: DeadlineFacts, now: Date): boolean =>
  (t.status === 'armed' || t.status === 'fired') && t.due_at.getTime() < now.getTime();

function deadlineView(t: DeadlineFacts, now: Date): DeadlineView {
  return { kind: t.kind, dueAt: t.due_at.toISOString(), status: t.status, overdue: isPending(t, now) };
}

export async function deadlineViews(
  q: Queryable,
  type: RecordType,
  id: number,
  now: Date,
): Promise<DeadlineView[]> {
  const rows = await deadlinesOf(q, type, id);
  return rows.map((t) => deadlineView(t, now));
}

/**
 * The same resource as {@link viewRecord} gives for a nomination or a campaign, built from what a
 * transition's write statement returned (`writeTransitionWithDetail`) instead of reading it again:
 * `overdue` is the SQL condition of `selectRecord` (a deadline of the current state entry, armed or fired,
 * due before `now`) evaluated on the deadline rows in hand.
 */
export function viewOfWritten(
  written: WrittenRecord,
  now: Date,
  actor: Actor,
  type: 'nomination' | 'campaign',
): RecordView {
  const { row, deadlines } = written;
  if (!canRead(actor, row)) throw new AppError('NOT_FOUND', `${type} ${row.id} not found`);
  const overdue = deadlines.some((t) => t.entry_seq === row.entry_seq && isPending(t, now));
  const view = baseView({ ...row, overdue }, type, actor);
  view.deadlines = deadlines.map((t) => deadlineView(t, now));
  return view;
}

/** One record as its resource, or NOT_FOUND when it does not exist or the caller may not read it. */
export async function viewRecord(
  q: Queryable,
  now: Date,
  actor: Actor,
  type: RecordType,
  id: number,
): Promise<RecordView> {
  const row = await selectRecord(q, type, id, now);
  if (!row || !canRead(actor, row)) throw new AppError('NOT_FOUND', `${type} ${id} not found`);
  const view = baseView(row, type, actor);
  if (type === 'dossier') {
    const noms = await selectRecords(q, 'nomination', { dossierId: id }, { limit: 1000 }, now);
    view.nominations = noms.reverse().map((n) => baseView(n, 'nomination', actor));
    view.attachments = (await attachmentsOf(q, id)).map((a: Row) => ({
      id: a.id,
      kind: a.kind,
      filename: a.filename,
      mime: a.mime,
      size: a.size,
      sha256: a.sha256,
      createdAt: iso(a.created_at),
    }));
  }
  if (type === 'decision' || type === 'submission') {
    const items = await itemsOf(q, type, id);
    view.nominationIds = items.map((i) => i.nomination_id);
    view.items = items.map((i) => ({
      nominationId: i.nomination_id,
      nomineeName: i.nominee_name,
      awardCode: i.award_code,
      unitName: i.unit_name,
      state: i.state,
      ...(type === 'submission' ? { result: i.result } : {}),
    }));
  }
  if (type === 'dossier' || type === 'nomination' || type === 'campaign')
    view.deadlines = await deadlineViews(q, type, id, now);
  return view;
}
