import type { RecordType } from '../../machines/contract';
import { readHistory, verifyHistory, type ChainVerdict } from '../db/history';
import { type ListFilters, selectRecord, selectRecords } from '../db/record-queries';
import { readRecord } from '../db/records';
import { type DossierFindings, dossierFindings } from '../db/stored-eligibility';
import { AppError } from '../errors';
import { canReadRecord, mayListRecords, unitScopeOf } from './access';
import { decodeCursor, type Page, pageOfRows } from './page';
import type { Actor, EngineDeps, HistoryEntry, RecordView } from './types';
import { baseView, viewRecord } from './views';

export async function getRecord(
  deps: EngineDeps,
  actor: Actor,
  type: RecordType,
  id: number,
): Promise<RecordView> {
  return viewRecord(deps.db, deps.now(), actor, type, id, {
    findings: type === 'nomination',
    timeZone: deps.timeZone,
  });
}

/** A page of records, newest first; a unit's clerk sees only the unit's own. */
export async function listRecords(
  deps: EngineDeps,
  actor: Actor,
  type: RecordType,
  filters: ListFilters,
  page: { limit: number; cursor?: string | undefined },
): Promise<Page<RecordView>> {
  if (!mayListRecords(actor, type)) return { items: [], nextCursor: null };
  const scope = unitScopeOf(actor);
  const scoped = scope === null ? filters : { ...filters, unitId: scope };
  // Newest first: the cursor's id is the last (smallest) of the previous page.
  const before = decodeCursor(page.cursor);
  const rows = await selectRecords(
    deps.db,
    type,
    scoped,
    { limit: page.limit + 1, beforeId: before === 0 ? undefined : before },
    deps.now(),
  );
  return pageOfRows(rows, page.limit, (r) => baseView(r, type, actor));
}

export async function getHistory(
  deps: EngineDeps,
  actor: Actor,
  type: RecordType,
  id: number,
): Promise<HistoryEntry[]> {
  const row = await selectRecord(deps.db, type, id, deps.now());
  if (!row || !canReadRecord(actor, type, row.unit_id))
    throw new AppError('NOT_FOUND', `${type} ${id} not found`);
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
  if (!row || !canReadRecord(actor, 'dossier', row.unit_id))
    throw new AppError('NOT_FOUND', `dossier ${dossierId} not found`);
  return dossierFindings(deps.db, dossierId, deps.now(), { timeZone: deps.timeZone });
}

export async function verifyRecordHistory(
  deps: EngineDeps,
  type: RecordType,
  id: number,
): Promise<ChainVerdict> {
  return verifyHistory(deps.db, type, id);
}
