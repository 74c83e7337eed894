/**
 * The CSTDCS quota: at most `share` of the unit's LDTT in the campaign (DOMAIN.md, default 15%, a
 * configurable and unconfirmed figure).
 *
 * Rounding: DOWN (floor). "At most 15%" is a ceiling, and rounding up or to nearest would let a unit
 * exceed it (6 LDTT × 15% = 0.9: rounding to 1 gives 16.7%). So a unit needs at least 7 LDTT for one
 * CSTDCS at 15% (7 × 0.15 = 1.05), 14 for two (2.1), 20 for three (3.0). No minimum of one is granted:
 * a department that wants small units to have one can raise the share in the policy.
 *
 * The product is rounded to 6 decimals before the floor so that binary floating point does not lose a
 * whole unit at exact multiples (0.29 × 100 is 28.999999999999996 in IEEE 754, and must give 29).
 */
export function cstdcsQuota(ldttCount: number, share: number): number {
  if (!Number.isInteger(ldttCount) || ldttCount < 0)
    throw new RangeError('ldttCount must be a non-negative integer');
  if (!(share >= 0 && share <= 1)) throw new RangeError('share must be between 0 and 1');
  return Math.floor(Math.round(ldttCount * share * 1e6) / 1e6);
}

/** The fewest LDTT that allow `n` CSTDCS at `share` (for explanations: "7 LDTT are needed for 1"). */
export function ldttNeededFor(n: number, share: number): number | null {
  if (n <= 0) return 0;
  if (share <= 0) return null;
  let ldtt = Math.max(0, Math.floor(n / share) - 1);
  while (cstdcsQuota(ldtt, share) < n) ldtt++;
  return ldtt;
}
