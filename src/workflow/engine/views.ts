import type { RecordType } from '../../../machines/contract';
import type { Queryable, Row } from '../../db/db';
import {
  type RecordDetailRow,
  type RecordDetailWithDeadlines,
  attachmentsOf,
  itemsOf,
  selectRecord,
  selectRecords,
} from '../../db/record-queries';
import { nominationFindings } from '../eligibility/findings';
import { AppError } from '../../errors';
import { canReadRecord } from '../access';
import { allowedEventsFor, definitionOf, metaOf, restore } from './machine-runtime';
import type { Actor, RecordView } from '../types';

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

export interface ViewOptions {
  /**
   * A nomination's eligibility findings, recomputed from their inputs. Only the read (`getRecord`) asks
   * for them: an event's answer is read inside its transaction and stays as cheap as the transition.
   */
  findings?: boolean;
  /** The business time zone the findings' receipt day is taken in. */
  timeZone?: string;
}

/** Record types whose resource is their detail row and deadlines alone (no parts read separately). */
export const singleRowViews: ReadonlySet<RecordType> = new Set(['campaign', 'nomination']);

/** The resource of a record whose detail row and deadlines were read (`selectRecord` or the event's write). */
export function viewOfDetail(row: RecordDetailWithDeadlines, type: RecordType, actor: Actor): RecordView {
  const view = baseView(row, type, actor);
  if (type === 'dossier' || type === 'nomination' || type === 'campaign') view.deadlines = row.deadlines;
  return view;
}

/** One record as its resource, or NOT_FOUND when it does not exist or the caller may not read it. */
export async function viewRecord(
  q: Queryable,
  now: Date,
  actor: Actor,
  type: RecordType,
  id: number,
  opts: ViewOptions = {},
): Promise<RecordView> {
  const row = await selectRecord(q, type, id, now);
  if (!row || !canReadRecord(actor, type, row.unit_id))
    throw new AppError('NOT_FOUND', `${type} ${id} not found`);
  const view = viewOfDetail(row, type, actor);
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
  if (type === 'nomination' && opts.findings)
    view.findings = await nominationFindings(q, id, now, opts.timeZone ? { timeZone: opts.timeZone } : {});
  return view;
}
