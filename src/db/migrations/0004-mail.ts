/**
 * The email ledger, beyond 0001: the SMTP server's answer is kept with a sent notice (what "logged" means
 * in DOMAIN.md), and `retries` counts an admin's re-sends so each gets its own job id (`ntc-<id>-r<n>`):
 * BullMQ ignores a job id it still holds, so reusing `ntc-<id>` would silently drop the retry.
 */
export const sql = `
ALTER TABLE notices ADD COLUMN smtp_response text;
ALTER TABLE notices ADD COLUMN retries integer NOT NULL DEFAULT 0;
CREATE INDEX notices_incidents ON notices (id) WHERE status IN ('failed', 'sending');
`;
