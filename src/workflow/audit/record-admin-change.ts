import type { Queryable } from '../../db/db';
import { appendAuditEntry, type StoredAuditEntry } from '../../db/admin-audit';
import type { Actor } from '../types';

/** What the audit log of administration covers (issue #12). */
export const adminChangeKinds = [
  'unit',
  'user',
  'role',
  'token',
  'catalogue',
  'policy',
  'calendar',
  'certificate',
] as const;
export type AdminChangeKind = (typeof adminChangeKinds)[number];

export interface AdminChange {
  actor: Actor;
  kind: AdminChangeKind;
  /** `<kind>.<verb>`, e.g. `unit.created`, `user.passwordReset`, `certificate.uploaded`. */
  action: string;
  /** What was changed: its id (unit id, user id, award code, year, …) and a name a person recognises. */
  target?: { id: string | number; label?: string | null | undefined } | undefined;
  /** What changed (`{field: {from, to}}`, or the new values); scrubbed of secrets before it is written. */
  details?: Record<string, unknown> | undefined;
  /** Default: now. Use cases pass their clock's time. */
  at?: Date | undefined;
}

/** Keys never written: passwords, token values, hashes, key material. */
const secretKey = /pass(word|phrase)|secret|hash|private|^token$|tokenvalue|^p12$|^pfx$|^pin$|^key$/i;
/** Values never written whatever their key: our API tokens, password hashes, PEM key blocks. */
const secretValue = /^acc_[A-Za-z0-9_-]{20,}$|^\$argon2|-----BEGIN [A-Z ]*PRIVATE KEY-----/;

/** A copy of `v` without secret keys or values (at every level). */
export function scrubSecrets(v: unknown): unknown {
  if (typeof v === 'string') return secretValue.test(v) ? '[removed]' : v;
  if (Array.isArray(v)) return v.map(scrubSecrets);
  if (v instanceof Date) return v.toISOString();
  if (Buffer.isBuffer(v)) return `[${v.length} bytes]`;
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      if (x === undefined || secretKey.test(k)) continue;
      out[k] = scrubSecrets(x);
    }
    return out;
  }
  return v;
}

/**
 * Writes one row of the audit log of administration in the caller's transaction `tx`, so the row
 * exists exactly when the change does. For every change to users, roles, API tokens, units, the award
 * catalogue, the policy, the calendar and signer certificates (the documents' use cases call it too).
 * Never put a password, a token value or a hash in `details`: they are removed anyway.
 */
export async function recordAdminChange(tx: Queryable, change: AdminChange): Promise<StoredAuditEntry> {
  const { actor } = change;
  return appendAuditEntry(tx, {
    at: change.at ?? new Date(),
    actorId: actor.userId,
    actorName: actor.name,
    kind: change.kind,
    action: change.action,
    targetId: change.target ? String(change.target.id) : null,
    targetLabel: change.target?.label ?? null,
    details: scrubSecrets(change.details ?? {}) as Record<string, unknown>,
  });
}

/** `{field: {from, to}}` for each field of `after` that differs from `before` (deep, by JSON). */
export function changedFields(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const [k, to] of Object.entries(after)) {
    if (to === undefined) continue;
    const from = before[k] ?? null;
    if (JSON.stringify(from) !== JSON.stringify(to)) out[k] = { from, to };
  }
  return out;
}
