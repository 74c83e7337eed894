import { listAuditEntries, type StoredAuditEntry } from '../../db/admin-audit';
import { requireRole } from '../access';
import { decodeCursor, encodeCursor, type Page } from '../page';
import type { Actor, EngineDeps } from '../types';
import type { AdminChangeKind } from './record-admin-change';

export type AuditEntryView = Omit<StoredAuditEntry, 'prevHash'>;

/** The audit log of administration, newest first, for an admin; `kind` filters. */
export async function listAdminAudit(
  deps: Pick<EngineDeps, 'db'>,
  actor: Actor,
  q: { limit: number; cursor?: string | undefined; kind?: AdminChangeKind | undefined },
): Promise<Page<AuditEntryView>> {
  requireRole(actor, 'admin');
  const rows = await listAuditEntries(deps.db, {
    limit: q.limit + 1,
    beforeSeq: decodeCursor(q.cursor),
    kind: q.kind,
  });
  const kept = rows.slice(0, q.limit);
  const last = kept[kept.length - 1];
  return {
    items: kept.map(({ prevHash: _prev, ...e }) => e),
    nextCursor: rows.length > q.limit && last ? encodeCursor(last.seq) : null,
  };
}
