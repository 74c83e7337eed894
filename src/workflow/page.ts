import { AppError } from '../errors';

/** A page of a list (API.md: lists return `{items, nextCursor}`). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * The one list cursor: opaque to clients, it names the last id of the page it ended (lists are keyset
 * paginated by id, newest or oldest first as each list says).
 */
export function encodeCursor(lastId: number): string {
  return Buffer.from(JSON.stringify({ after: lastId })).toString('base64url');
}

/** The last id of the previous page, or 0 for the first page (no cursor, or an empty one). */
export function decodeCursor(cursor: string | undefined): number {
  if (cursor === undefined || cursor === '') return 0;
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { after?: unknown };
    if (typeof v.after === 'number' && Number.isInteger(v.after) && v.after >= 0) return v.after;
  } catch {
    // fall through
  }
  throw new AppError('VALIDATION_FAILED', 'Invalid cursor', {
    errors: [{ field: 'cursor', message: 'is not a cursor from this list' }],
  });
}

/** Cuts the one extra row a list read to know whether a next page exists. */
export function pageOfRows<R extends { id: number }, T>(
  rows: readonly R[],
  limit: number,
  view: (r: R) => T,
): Page<T> {
  const kept = rows.slice(0, limit);
  const last = kept[kept.length - 1];
  return { items: kept.map(view), nextCursor: rows.length > limit && last ? encodeCursor(last.id) : null };
}
