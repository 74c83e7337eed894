import { genesisHash } from '../../db/history';
import { hashAuditEntry, readAuditBatch, readAuditHead } from '../../db/admin-audit';
import { requireRole } from '../access';
import type { Actor, EngineDeps } from '../types';

export interface AuditChainVerdict {
  ok: boolean;
  /** Rows checked. */
  rows: number;
  /** The first seq that does not match its hash or its predecessor (or where a row is missing). */
  brokenAt?: number;
  reason?: 'a row is missing' | 'chain link broken' | 'row altered' | 'rows missing at the end';
}

const batch = 1000;

/**
 * Recomputes the whole chain of the audit log: every seq present in order, every row linked to the one
 * before and matching its hash, the last row the head's (so rows cut off the end are noticed too).
 */
export async function verifyAdminAudit(
  deps: Pick<EngineDeps, 'db'>,
  actor: Actor,
): Promise<AuditChainVerdict> {
  requireRole(actor, 'admin');
  const head = await readAuditHead(deps.db);
  let prev = genesisHash;
  let expected = 1;
  let rows = 0;
  for (;;) {
    const page = await readAuditBatch(deps.db, expected - 1, batch);
    for (const r of page) {
      rows++;
      if (r.seq !== expected) return { ok: false, rows, brokenAt: expected, reason: 'a row is missing' };
      if (r.prevHash !== prev) return { ok: false, rows, brokenAt: r.seq, reason: 'chain link broken' };
      if (hashAuditEntry(prev, r) !== r.hash)
        return { ok: false, rows, brokenAt: r.seq, reason: 'row altered' };
      prev = r.hash;
      expected++;
    }
    if (page.length < batch) break;
  }
  // Rows written after the head was read extend the chain: only a head beyond the rows is a loss.
  if (head.seq > rows || (head.seq > 0 && rows === head.seq && head.hash !== prev))
    return { ok: false, rows, brokenAt: rows + 1, reason: 'rows missing at the end' };
  return { ok: true, rows };
}
