import { awardRulesSchema } from '../../../machines/nomination.machine';
import type { AwardVersion } from '../../../src/domain/catalogue';
import {
  addDays,
  awardInForce,
  awardVersionSchema,
  catalogueInForce,
  defaultAwardCodes,
  defaultCatalogue,
  nextAwardVersion,
  toAwardRules,
} from '../../../src/domain/catalogue';
import { evaluateNomination } from '../../../src/domain/eligibility';
import { finding, input, person } from './fixtures';

describe('the default catalogue (Luật 06/2022/QH15, in force 2024-01-01)', () => {
  test('nine awards, each a valid version 1 from 2024-01-01 with bilingual names and legal basis', () => {
    expect(defaultCatalogue.map((a) => a.code).sort()).toEqual([...defaultAwardCodes].sort());
    for (const a of defaultCatalogue) {
      expect(awardVersionSchema.parse(a)).toEqual(a);
      expect(a).toMatchObject({ version: 1, effectiveFrom: '2024-01-01', effectiveTo: null });
      expect(a.legalBasis.vi).toContain('Luật Thi đua, khen thưởng');
      expect(a.legalBasis.vi).toContain('152/2025/NĐ-CP');
    }
  });

  test.each([
    ['LDTT', 'individual', 'department', false, 0.7, false],
    ['CSTDCS', 'individual', 'department', true, 0.7, false],
    ['TTLDTT', 'collective', 'department', false, 0.7, false],
    ['GKGD', 'both', 'department', false, 0.7, false],
    ['CSTDT', 'individual', 'province', true, 0.8, false],
    ['TTLDXS', 'collective', 'province', true, 0.8, false],
    ['BKUBND', 'both', 'province', true, 0.8, false],
    ['CTDT', 'collective', 'province', true, 0.8, false],
    ['BKTTG', 'both', 'national', true, 0.8, true],
  ] as const)(
    '%s: for %s, decided by %s, vote %s at %s, notice %s (DOMAIN.md)',
    (code, recipient, authority, vote, thr, notice) => {
      const a = awardInForce(defaultCatalogue, code, '2025-03-01')!;
      expect(a).toMatchObject({
        recipient,
        authority,
        needsVote: vote,
        voteThreshold: thr,
        needsNotice: notice,
      });
      expect(awardRulesSchema.parse(toAwardRules(a))).toEqual({
        code,
        authority,
        needsVote: vote,
        needsNotice: notice,
        voteThreshold: thr,
      });
    },
  );

  test('CSTDCS and CSTDT need the initiative certificate in the ordinary procedure; simplified is cover letter + report', () => {
    for (const a of defaultCatalogue) {
      expect(a.requiredAttachments.simplified).toEqual(['coverLetter', 'achievementReport']);
      expect(a.requiredAttachments.ordinary.includes('initiativeCertificate')).toBe(
        a.code === 'CSTDCS' || a.code === 'CSTDT',
      );
    }
  });
});

describe('versions by effective date', () => {
  const v1 = awardInForce(defaultCatalogue, 'LDTT', '2024-06-01')!;
  const closed: AwardVersion = { ...v1, effectiveTo: '2025-06-30' };
  const v2 = nextAwardVersion(
    v1,
    { prerequisites: { annualOnly: true, rating: { min: 'excellent', years: 1 } } },
    '2025-07-01',
  );
  const entries = [...defaultCatalogue.filter((a) => a.code !== 'LDTT'), closed, v2];

  test.each([
    ['2023-12-31', undefined, 'before the Law took effect: no version'],
    ['2024-01-01', 1, 'first day of version 1'],
    ['2025-06-30', 1, 'last day of version 1'],
    ['2025-07-01', 2, 'first day of version 2'],
    ['2030-01-01', 2, 'open-ended version 2'],
  ] as const)('on %s → version %s (%s)', (date, version, _why) => {
    expect(awardInForce(entries, 'LDTT', date)?.version).toBe(version);
  });

  test('catalogueInForce gives one version per code', () => {
    const cat = catalogueInForce(entries, '2025-08-01');
    expect(cat).toHaveLength(9);
    expect(cat.find((a) => a.code === 'LDTT')?.version).toBe(2);
  });

  test('a rule changed between submission and appraisal: the version in force on the receipt day judges', () => {
    // Received 2025-06-20 under v1 (good suffices), appraised in July under v2 (excellent needed).
    const nominee = person({ ratings: [{ year: 2024, rating: 'good' }] });
    const receivedOn = '2025-06-20';
    const atReceipt = awardInForce(entries, 'LDTT', receivedOn)!;
    const atAppraisal = awardInForce(entries, 'LDTT', '2025-07-10')!;
    expect(
      finding(
        evaluateNomination(input('LDTT', { award: atReceipt, asOf: receivedOn, nominee })),
        'LDTT.rating',
      ).outcome,
    ).toBe('pass');
    expect(
      finding(evaluateNomination(input('LDTT', { award: atAppraisal, nominee })), 'LDTT.rating').outcome,
    ).toBe('fail');
  });

  test('nextAwardVersion keeps what the patch omits and bumps the version', () => {
    expect(v2).toMatchObject({
      code: 'LDTT',
      version: 2,
      effectiveFrom: '2025-07-01',
      effectiveTo: null,
      name: v1.name,
    });
    expect(() => nextAwardVersion(v1, { voteThreshold: 1.5 }, '2025-07-01')).toThrow();
  });

  test('addDays crosses months and leap days', () => {
    expect(addDays('2025-07-01', -1)).toBe('2025-06-30');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
  });
});
