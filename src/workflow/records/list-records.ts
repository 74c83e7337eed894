import type { RecordType } from '../../../machines/contract';
import { type ListFilters, selectRecords } from '../../db/record-queries';
import { mayListRecords, unitScopeOf } from '../access';
import { baseView } from '../engine/views';
import { decodeCursor, type Page, pageOfRows } from '../page';
import type { Actor, EngineDeps, RecordView } from '../types';

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
  const scoped = scope === null ? filters : { ...filters, unitIds: scope };
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
