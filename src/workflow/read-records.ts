import type { RecordType } from '../../machines/contract';
import { readHistory, verifyHistory, type ChainVerdict } from '../db/history';
import { type ListFilters, selectRecord, selectRecords } from '../db/record-queries';
import { readRecord } from '../db/records';
import { type DossierFindings, dossierFindings } from '../db/stored-eligibility';
import { AppError } from '../errors';
import { canRead } from './apply-event';
import type { Actor, EngineDeps, HistoryEntry, Page, RecordView } from './types';
import { baseView, viewRecord } from './views';

export async function getRecord(
  deps: EngineDeps,
  actor: Actor,
  type: RecordType,
  id: number,
): Promise<RecordView> {
  return viewRecord(deps.db, deps.now(), actor, type, id, { findings: type === 'nomination' });
}

const encodeCursor = (id: number): string => Buffer.from(`id:${id}`).toString('base64url');
export function decodeCursor(cursor: string | undefined): number | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  const m = /^id:(\d{1,10})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!m?.[1])
    throw new AppError('VALIDATION_FAILED', 'bad cursor', {
      errors: [{ field: 'cursor', message: 'not a cursor of this list' }],
    });
  return Number(m[1]);
}

/** A page of records, newest first; a unit's clerk sees only the unit's own. */
export async function listRecords(
  deps: EngineDeps,
  actor: Actor,
  type: RecordType,
  filters: ListFilters,
  page: { limit: number; cursor?: string | undefined },
): Promise<Page<RecordView>> {
  const scoped = actor.roles.some((r) => r !== 'unit') ? filters : { ...filters, unitId: actor.unitId ?? -1 };
  if (
    type !== 'dossier' &&
    type !== 'nomination' &&
    type !== 'campaign' &&
    !actor.roles.some((r) => r !== 'unit')
  )
    return { items: [], nextCursor: null };
  const rows = await selectRecords(
    deps.db,
    type,
    scoped,
    { limit: page.limit + 1, beforeId: decodeCursor(page.cursor) },
    deps.now(),
  );
  const more = rows.length > page.limit;
  const items = rows.slice(0, page.limit).map((r) => baseView(r, type, actor));
  const last = items[items.length - 1];
  return { items, nextCursor: more && last ? encodeCursor(last.id) : null };
}

export async function getHistory(
  deps: EngineDeps,
  actor: Actor,
  type: RecordType,
  id: number,
): Promise<HistoryEntry[]> {
  const row = await selectRecord(deps.db, type, id, deps.now());
  if (!row || !canRead(actor, row, type)) throw new AppError('NOT_FOUND', `${type} ${id} not found`);
  const rows = await readHistory(deps.db, type, id);
  return rows.map((h) => ({
    seq: h.seq,
    at: h.at.toISOString(),
    actor: { id: h.actorId, name: h.actorName },
    event: h.event,
    from: h.from,
    to: h.to,
    payload: h.payload,
  }));
}

/**
 * The eligibility findings of every nomination of a dossier, recomputed now: what the office appraises
 * and what the unit's clerk checks before submitting. Scoped as the dossier itself.
 */
export async function getDossierFindings(
  deps: EngineDeps,
  actor: Actor,
  dossierId: number,
): Promise<DossierFindings> {
  const row = await readRecord(deps.db, 'dossier', dossierId);
  if (!row || !canRead(actor, row, 'dossier'))
    throw new AppError('NOT_FOUND', `dossier ${dossierId} not found`);
  return dossierFindings(deps.db, dossierId, deps.now());
}

export async function verifyRecordHistory(
  deps: EngineDeps,
  type: RecordType,
  id: number,
): Promise<ChainVerdict> {
  return verifyHistory(deps.db, type, id);
}
