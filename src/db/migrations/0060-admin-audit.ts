/**
 * The audit log of administration (issue #12): one row per change to users, roles, API tokens, units,
 * the award catalogue, the policy, the calendar or signer certificates, written in the change's own
 * transaction. One chain for the whole log: hash = sha256(prev_hash || canonical row), seq without gaps.
 * `admin_audit_head` is the chain's one-row head (last seq and hash): writers lock it, so concurrent
 * changes take turns, and the verifier compares it with the last row, so a row cut off the end is seen.
 */
export const sql = `
CREATE TABLE admin_audit (
  seq bigint PRIMARY KEY,
  at timestamptz NOT NULL,
  actor_id integer,
  actor_name text NOT NULL,
  kind text NOT NULL,
  action text NOT NULL,
  target_id text,
  target_label text,
  details jsonb NOT NULL,
  prev_hash text NOT NULL,
  hash text NOT NULL
);
CREATE INDEX admin_audit_kind ON admin_audit (kind, seq);

CREATE TABLE admin_audit_head (
  id integer PRIMARY KEY CHECK (id = 1),
  seq bigint NOT NULL,
  hash text NOT NULL
);
INSERT INTO admin_audit_head (id, seq, hash) VALUES (1, 0, '${'0'.repeat(64)}');
`;
