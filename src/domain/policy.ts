import { z } from 'zod';
import { periodSchema } from './period';

/**
 * The department's configurable rules of procedure. Every number here is a default taken from
 * DOMAIN.md (several are unconfirmed in the regulations, see research/domain-brief.md), editable by an
 * admin through `PUT /api/settings/policy`.
 */
const reminderRung = z.union([
  z.object({ workingDaysBefore: z.number().int().min(0).max(60) }).strict(),
  z
    .object({
      secondsBefore: z
        .number()
        .int()
        .min(0)
        .max(60 * 86400),
    })
    .strict(),
]);
export type ReminderRung = z.infer<typeof reminderRung>;

const escalation = z.union([
  z.object({ workingDaysAfter: z.number().int().min(0).max(60) }).strict(),
  z
    .object({
      secondsAfter: z
        .number()
        .int()
        .min(0)
        .max(60 * 86400),
    })
    .strict(),
]);
export type Escalation = z.infer<typeof escalation>;

export const policySchema = z
  .object({
    receiptPeriod: periodSchema,
    supplementPeriod: periodSchema,
    appraisalPeriod: periodSchema,
    directorReviewPeriod: periodSchema,
    provinceResponsePeriod: periodSchema,
    noticePeriod: periodSchema,
    /** Where signed submissions go (the provincial emulation board). */
    provinceBoardEmail: z.email().nullable(),
    /** Reminders to whoever must act, before a deadline. */
    reminders: z.array(reminderRung).max(5),
    /** Reminders to units that have not submitted, before a campaign's nomination deadline. */
    campaignReminders: z.array(reminderRung).max(5),
    /** Past a deadline, the director is told (escalation) this long after it passed. */
    escalation,
    /** CSTDCS may not exceed this share of the unit's LDTT in a campaign. */
    cstdcsQuota: z.number().min(0).max(1),
    /** Nominating a title the unit did not register for: a warning, or a refusal. */
    unregisteredNomination: z.enum(['warn', 'refuse']),
    /** The hour (business time zone) the daily digest goes out. */
    digestHour: z.number().int().min(0).max(23),
  })
  .strict();
export type Policy = z.infer<typeof policySchema>;
export const policyPatchSchema = policySchema.partial().strict();
export type PolicyPatch = z.infer<typeof policyPatchSchema>;

export const defaultPolicy: Policy = {
  receiptPeriod: { workingDays: 3 },
  supplementPeriod: { workingDays: 5 },
  appraisalPeriod: { workingDays: 10 },
  directorReviewPeriod: { workingDays: 5 },
  provinceResponsePeriod: { workingDays: 25 },
  noticePeriod: { workingDays: 10 },
  provinceBoardEmail: null,
  reminders: [{ workingDaysBefore: 2 }, { workingDaysBefore: 0 }],
  campaignReminders: [{ workingDaysBefore: 5 }, { workingDaysBefore: 1 }],
  escalation: { workingDaysAfter: 0 },
  cstdcsQuota: 0.15,
  unregisteredNomination: 'warn',
  digestHour: 7,
};

/** The stored policy over the defaults: keys added in later versions get their default. */
export function resolvePolicy(stored: unknown): Policy {
  const patch = policyPatchSchema.safeParse(stored);
  return { ...defaultPolicy, ...(patch.success ? patch.data : {}) };
}
