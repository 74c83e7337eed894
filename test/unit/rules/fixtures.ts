import type { AwardVersion, DefaultAwardCode } from '../../../src/domain/catalogue';
import { awardInForce, defaultCatalogue } from '../../../src/domain/catalogue';
import type {
  CampaignNomination,
  CollectiveNominee,
  EligibilityInput,
  Finding,
  MemberRecord,
  PersonNominee,
} from '../../../src/domain/eligibility';
import { evaluateNomination } from '../../../src/domain/eligibility';

export const award = (code: DefaultAwardCode): AwardVersion =>
  awardInForce(defaultCatalogue, code, '2025-01-15')!;

export function person(over: Partial<PersonNominee> = {}): PersonNominee {
  return {
    kind: 'individual',
    personId: 1,
    name: 'Nguyễn Văn An',
    pastAwards: [],
    ratings: [{ year: 2024, rating: 'good' }],
    initiatives: [],
    disciplines: [],
    ...over,
  };
}

export function member(personId: number, over: Partial<MemberRecord> = {}): MemberRecord {
  return {
    personId,
    name: `Thành viên ${personId}`,
    rating: 'good',
    pastAwards: [{ awardCode: 'LDTT', year: 2024 }],
    disciplines: [],
    ...over,
  };
}

export function collective(
  members: MemberRecord[],
  over: Partial<CollectiveNominee> = {},
): CollectiveNominee {
  return {
    kind: 'collective',
    collectiveId: 500,
    name: 'Phòng Kế hoạch',
    memberCount: members.length,
    pastAwards: [],
    members,
    ...over,
  };
}

export function input(code: DefaultAwardCode, over: Partial<EligibilityInput> = {}): EligibilityInput {
  return {
    award: award(code),
    asOf: '2025-01-15',
    campaign: { year: 2024, kind: 'annual' },
    nominationId: 100,
    nominee: person(),
    unitNominations: [],
    registration: null,
    policy: { cstdcsQuota: 0.15, unregisteredNomination: 'warn' },
    ...over,
  };
}

/** n LDTT nominations for other people of the unit (ids 1000+). */
export const ldttLines = (n: number, state = 'pending'): CampaignNomination[] =>
  Array.from({ length: n }, (_, i) => ({
    id: 1000 + i,
    awardCode: 'LDTT',
    personId: 2000 + i,
    collectiveId: null,
    state,
  }));

export function finding(findings: Finding[], rule: string): Finding {
  const f = findings.find((x) => x.rule === rule);
  if (!f) throw new Error(`no finding ${rule} in ${findings.map((x) => x.rule).join(', ')}`);
  return f;
}

export const outcomeOf = (i: EligibilityInput, rule: string): Finding['outcome'] =>
  finding(evaluateNomination(i), rule).outcome;
