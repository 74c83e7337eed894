import type { RecordType } from '../../../machines/contract';
import { countRecordsByState, type ListFilters, selectRecords } from '../../db/record-queries';
import { mayListRecords, unitScopeOf } from '../access';
import { baseView } from '../engine/views';
import { decodeCursor, type Page, pageOfRows } from '../page';
import type { Actor, EngineDeps, RecordView } from '../types';

/** A page of records, newest first (or oldest first: `order: 'asc'`); a unit's clerk sees only the unit's own. */
export async function listRecords(
  deps: EngineDeps,
  actor: Actor,
  type: RecordType,
  filters: ListFilters,
  page: { limit: number; cursor?: string | undefined; order?: 'asc' | 'desc' | undefined },
): Promise<Page<RecordView>> {
  if (!mayListRecords(actor, type)) return { items: [], nextCursor: null };
  const scope = unitScopeOf(actor);
  const scoped = scope === null ? filters : { ...filters, unitIds: scope };
  // The cursor's id is the last of the previous page: its smallest newest first, its largest oldest first.
  const last = decodeCursor(page.cursor);
  const asc = page.order === 'asc';
  const rows = await selectRecords(
    deps.db,
    type,
    scoped,
    {
      limit: page.limit + 1,
      order: asc ? 'asc' : 'desc',
      ...(last === 0 ? {} : asc ? { afterId: last } : { beforeId: last }),
    },
    deps.now(),
  );
  return pageOfRows(rows, page.limit, (r) => baseView(r, type, actor));
}

/** How many records of each state the list holds with these filters (the caller's scope applied). */
export async function countRecordStates(
  deps: EngineDeps,
  actor: Actor,
  type: RecordType,
  filters: Omit<ListFilters, 'state'>,
): Promise<{ counts: Record<string, number>; total: number }> {
  if (!mayListRecords(actor, type)) return { counts: {}, total: 0 };
  const scope = unitScopeOf(actor);
  const scoped = scope === null ? filters : { ...filters, unitIds: scope };
  const rows = await countRecordsByState(deps.db, type, scoped, deps.now());
  const counts: Record<string, number> = {};
  let total = 0;
  for (const r of rows) {
    counts[r.state] = r.count;
    total += r.count;
  }
  return { counts, total };
}
