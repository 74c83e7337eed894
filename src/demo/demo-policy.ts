import type { Queryable } from '../db/db';
import { putSetting } from '../db/settings';
import type { PolicyPatch } from '../domain/policy';
import type { EngineDeps } from '../workflow/types';

/**
 * The demo's rules of procedure: every period in seconds (DOMAIN.md allows it), so that a newcomer sees
 * a reminder, a deadline passing, an escalation to the director and a lapse within about five minutes
 * instead of weeks. Stored as the policy when the demo organisation is created; an admin can change it
 * like any policy (`PUT /api/settings/policy`). The campaign's own reminders stay in working days: its
 * nomination deadline is a date in December.
 *
 * Timeline of a dossier submitted at t = 0 and left alone: reminder to the office at 2:00, the receipt
 * deadline passes at 3:00 (the office is told), escalation to the director at 3:30. Returned for
 * supplement at t = 0 (no `dueAt`): reminder to the unit at 3:00, lapse at 4:00.
 */
export const demoPolicy = {
  receiptPeriod: { seconds: 180 },
  supplementPeriod: { seconds: 240 },
  appraisalPeriod: { seconds: 600 },
  directorReviewPeriod: { seconds: 600 },
  provinceResponsePeriod: { seconds: 1800 },
  noticePeriod: { seconds: 300 },
  reminders: [{ secondsBefore: 60 }],
  escalation: { secondsAfter: 30 },
} satisfies PolicyPatch;

/** Stores the demo policy (before the demo's first events, so their deadlines follow it). */
export async function applyDemoPolicy(
  db: Queryable,
  engine: EngineDeps & { invalidatePolicy?: () => void },
): Promise<void> {
  await putSetting(db, 'policy', demoPolicy, null);
  engine.invalidatePolicy?.();
}
