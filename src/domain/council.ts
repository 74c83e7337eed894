import { z } from 'zod';
import { hasQuorum, quorumNeeded } from '../../machines/quorum';
import { idSchema } from './ids';

/**
 * The council's vote (Hội đồng Thi đua – Khen thưởng). A meeting may vote only with a quorum of two
 * thirds of its members present (ND 98 Đ.47 for the central council, applied here as the default); a
 * nomination passes when the share of ALL members (not of those present) voting yes reaches the award's
 * threshold. Counts are compared as integers so that 2/3 and 70% never lose to floating point.
 */
export const voteCountSchema = z
  .object({
    membersTotal: z.number().int().min(1).max(1000),
    present: z.number().int().min(0).max(1000),
    yes: z.number().int().min(0).max(1000),
  })
  .strict()
  .refine((v) => v.present <= v.membersTotal, { path: ['present'], message: 'cannot exceed membersTotal' })
  .refine((v) => v.yes <= v.present, { path: ['yes'], message: 'cannot exceed present' });
export type VoteCount = z.infer<typeof voteCountSchema>;

export interface VoteTally {
  quorum: boolean;
  passed: boolean;
  /** yes / membersTotal. */
  share: number;
  /** Members who must be present for a quorum. */
  quorumNeeded: number;
  /** Yes votes needed to pass. */
  yesNeeded: number;
}

export { hasQuorum, quorumNeeded } from '../../machines/quorum';

/** The fewest yes votes that reach `threshold` of all members (10 members at 70%: 7; at 80%: 8). */
export function yesNeeded(membersTotal: number, threshold: number): number {
  // Thresholds are shares with at most 4 decimals (0.7, 0.8, 0.6667): compare in integer ten-thousandths.
  const t = Math.round(threshold * 10000);
  return Math.ceil((membersTotal * t) / 10000 - 1e-9);
}

/** Tallies a vote. Without quorum `passed` is false: such a meeting cannot vote at all. */
export function tallyVote(count: VoteCount, threshold: number): VoteTally {
  const v = voteCountSchema.parse(count);
  if (!(threshold > 0 && threshold <= 1)) throw new RangeError('threshold must be in (0, 1]');
  const quorum = hasQuorum(v.membersTotal, v.present);
  const need = yesNeeded(v.membersTotal, threshold);
  return {
    quorum,
    passed: quorum && v.yes >= need,
    share: v.yes / v.membersTotal,
    quorumNeeded: quorumNeeded(v.membersTotal),
    yesNeeded: need,
  };
}

export const councilMemberRoles = ['chair', 'viceChair', 'standingViceChair', 'member', 'secretary'] as const;
export type CouncilMemberRole = (typeof councilMemberRoles)[number];

export const councilSessionInputSchema = z
  .object({
    title: z.string().trim().min(1).max(300),
    heldOn: z.iso.date(),
    location: z.string().trim().max(300).nullable().optional(),
    members: z
      .array(
        z
          .object({
            userId: idSchema.nullable(),
            fullName: z.string().trim().min(1).max(200),
            role: z.enum(councilMemberRoles),
          })
          .strict(),
      )
      .min(1)
      .max(200),
  })
  .strict();
export type CouncilSessionInput = z.infer<typeof councilSessionInputSchema>;
