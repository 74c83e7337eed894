/**
 * The council's quorum (DOMAIN.md: two thirds of the members present), the one definition the nomination
 * machine's RECORD_VOTE payload, the vote tally and the council session's agenda vote share. Counts are
 * compared as integers so that two thirds never loses to floating point.
 */

/** Members who must be present for a quorum: 9 members, 6. */
export const quorumNeeded = (membersTotal: number): number => Math.ceil((membersTotal * 2) / 3);

export const hasQuorum = (membersTotal: number, present: number): boolean => present * 3 >= membersTotal * 2;

export const noQuorumMessage = 'no quorum: at least two thirds of the members must be present';
