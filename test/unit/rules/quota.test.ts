import { cstdcsQuota, ldttNeededFor } from '../../../src/domain/quota';

describe('cstdcsQuota: floor(share × LDTT), a cap never exceeded', () => {
  test.each([
    { ldtt: 0, share: 0.15, max: 0, why: 'no LDTT, no CSTDCS' },
    { ldtt: 6, share: 0.15, max: 0, why: '6 × 15% = 0.9: rounding up would give 16.7%' },
    { ldtt: 7, share: 0.15, max: 1, why: '7 × 15% = 1.05' },
    { ldtt: 13, share: 0.15, max: 1, why: '13 × 15% = 1.95' },
    { ldtt: 14, share: 0.15, max: 2, why: '14 × 15% = 2.1' },
    { ldtt: 20, share: 0.15, max: 3, why: '20 × 15% = 3 exactly (floating point gives 3.0000000000000004)' },
    { ldtt: 100, share: 0.29, max: 29, why: '0.29 × 100 is 28.999999999999996 in IEEE 754: still 29' },
    { ldtt: 100, share: 0.15, max: 15, why: 'exact multiple' },
    { ldtt: 10, share: 1, max: 10, why: 'share 100%' },
    { ldtt: 10, share: 0, max: 0, why: 'share 0: CSTDCS closed' },
  ])('$ldtt LDTT at $share → $max ($why)', ({ ldtt, share, max }) => {
    expect(cstdcsQuota(ldtt, share)).toBe(max);
  });

  test('bad input is refused', () => {
    expect(() => cstdcsQuota(-1, 0.15)).toThrow(RangeError);
    expect(() => cstdcsQuota(2.5, 0.15)).toThrow(RangeError);
    expect(() => cstdcsQuota(10, 1.5)).toThrow(RangeError);
  });

  test.each([
    { n: 1, share: 0.15, ldtt: 7 },
    { n: 2, share: 0.15, ldtt: 14 },
    { n: 3, share: 0.15, ldtt: 20 },
    { n: 1, share: 0.2, ldtt: 5 },
    { n: 0, share: 0.15, ldtt: 0 },
  ])('ldttNeededFor($n, $share) = $ldtt, the least LDTT whose quota reaches n', ({ n, share, ldtt }) => {
    expect(ldttNeededFor(n, share)).toBe(ldtt);
    if (ldtt > 0) expect(cstdcsQuota(ldtt - 1, share)).toBeLessThan(n);
  });
  test('no LDTT count allows a CSTDCS at share 0', () => expect(ldttNeededFor(1, 0)).toBeNull());
});
