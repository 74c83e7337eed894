import { hasQuorum, quorumNeeded, tallyVote, yesNeeded } from '../../../src/domain/council';

describe('quorum: at least two thirds of the members present', () => {
  test.each([
    { total: 9, present: 6, quorum: true, why: '9 members: 6 = exactly 2/3' },
    { total: 9, present: 5, quorum: false, why: '9 members: 5 < 6' },
    { total: 10, present: 7, quorum: true, why: '10 members: 7 ≥ 6.67' },
    { total: 10, present: 6, quorum: false, why: '10 members: 6 < 6.67' },
    { total: 3, present: 2, quorum: true, why: '3 members: 2 = 2/3' },
    { total: 1, present: 1, quorum: true, why: 'a council of one' },
  ])('$why', ({ total, present, quorum }) => {
    expect(hasQuorum(total, present)).toBe(quorum);
    expect(present >= quorumNeeded(total)).toBe(quorum);
  });
});

describe('vote: the share of ALL members voting yes must reach the threshold', () => {
  test.each([
    {
      total: 10,
      present: 10,
      yes: 7,
      threshold: 0.7,
      passed: true,
      why: 'department title: 7/10 = 70%, just at',
    },
    {
      total: 10,
      present: 10,
      yes: 6,
      threshold: 0.7,
      passed: false,
      why: 'department title: 6/10, just under',
    },
    {
      total: 10,
      present: 8,
      yes: 8,
      threshold: 0.8,
      passed: true,
      why: 'provincial: 8/10 = 80% with 2 absent',
    },
    { total: 10, present: 10, yes: 7, threshold: 0.8, passed: false, why: 'provincial: 7/10 under 80%' },
    {
      total: 9,
      present: 7,
      yes: 7,
      threshold: 0.8,
      passed: false,
      why: 'share of ALL members: 7 yes of 7 present is 100% of those present but 77.8% of 9',
    },
    { total: 9, present: 9, yes: 8, threshold: 0.8, passed: true, why: '8/9 = 88.9% ≥ 80%' },
    {
      total: 9,
      present: 6,
      yes: 6,
      threshold: 0.7,
      passed: false,
      why: '6/9 = 66.7% < 70% even with quorum',
    },
    {
      total: 9,
      present: 5,
      yes: 5,
      threshold: 0.5,
      passed: false,
      why: 'no quorum: no vote, whatever the count',
    },
    {
      total: 15,
      present: 12,
      yes: 12,
      threshold: 0.8,
      passed: true,
      why: '12/15 = 80% exactly (no floating point loss)',
    },
  ])('$why', ({ total, present, yes, threshold, passed }) => {
    const t = tallyVote({ membersTotal: total, present, yes }, threshold);
    expect(t.passed).toBe(passed);
    expect(t.share).toBeCloseTo(yes / total, 10);
    expect(t.quorum).toBe(hasQuorum(total, present));
  });

  test.each([
    { total: 10, threshold: 0.7, need: 7 },
    { total: 10, threshold: 0.8, need: 8 },
    { total: 9, threshold: 0.7, need: 7 },
    { total: 9, threshold: 0.8, need: 8 },
    { total: 15, threshold: 0.8, need: 12 },
    { total: 7, threshold: 0.9, need: 7 },
  ])('$total members at $threshold need $need yes', ({ total, threshold, need }) => {
    expect(yesNeeded(total, threshold)).toBe(need);
  });

  test('impossible counts are refused', () => {
    expect(() => tallyVote({ membersTotal: 9, present: 10, yes: 5 }, 0.7)).toThrow();
    expect(() => tallyVote({ membersTotal: 9, present: 6, yes: 7 }, 0.7)).toThrow();
    expect(() => tallyVote({ membersTotal: 9, present: 6, yes: 6 }, 0)).toThrow(RangeError);
  });
});
