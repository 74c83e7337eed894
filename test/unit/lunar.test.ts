import { lunarToSolar, solarToLunar, tetDate } from '../../src/domain/lunar';

describe('lunarToSolar', () => {
  it.each([
    ['Tết Quý Mão 2023', 2023, 1, 1, '2023-01-22'],
    ['Tết Giáp Thìn 2024', 2024, 1, 1, '2024-02-10'],
    ['Tết Ất Tỵ 2025', 2025, 1, 1, '2025-01-29'],
    ['Tết Bính Ngọ 2026 (DOMAIN: the 14–22 Feb break straddles it)', 2026, 1, 1, '2026-02-17'],
    ['Tết Đinh Mùi 2027', 2027, 1, 1, '2027-02-06'],
    ['Tết Canh Tý 2020', 2020, 1, 1, '2020-01-25'],
    ['Tết Tân Sửu 2021', 2021, 1, 1, '2021-02-12'],
    ['Tết Nhâm Dần 2022', 2022, 1, 1, '2022-02-01'],
    ['Tết 1985: UTC+7 puts it a month before China (20 Feb), the classic case', 1985, 1, 1, '1985-01-21'],
    ['Tết 2007: the new moon falls on 17 Feb in UTC+7, 18 Feb in China', 2007, 1, 1, '2007-02-17'],
    ['Giỗ Tổ 2023 (after leap month 2, hence so late)', 2023, 3, 10, '2023-04-29'],
    ['Giỗ Tổ 2024', 2024, 3, 10, '2024-04-18'],
    ['Giỗ Tổ 2025', 2025, 3, 10, '2025-04-07'],
    ['Giỗ Tổ 2026 (a Sunday)', 2026, 3, 10, '2026-04-26'],
    ['Giỗ Tổ 2027', 2027, 3, 10, '2027-04-16'],
    ['Trung thu 2024', 2024, 8, 15, '2024-09-17'],
    ['Trung thu 2025 (after leap month 6)', 2025, 8, 15, '2025-10-06'],
  ])('%s', (_name, y, m, d, expected) => {
    expect(lunarToSolar(y, m, d)).toBe(expected);
  });

  it.each([
    ['2025 has a leap 6th month starting 25 July', 2025, 6, '2025-07-25'],
    ['2023 has a leap 2nd month starting 22 March', 2023, 2, '2023-03-22'],
    ['2020 has a leap 4th month starting 23 May', 2020, 4, '2020-05-23'],
  ])('leap months: %s', (_name, y, m, expected) => {
    expect(lunarToSolar(y, m, 1, true)).toBe(expected);
    // The ordinary month of the same number comes first, about 29.5 days earlier.
    const ordinary = Date.parse(lunarToSolar(y, m, 1));
    const gap = (Date.parse(expected) - ordinary) / 86_400_000;
    expect([29, 30]).toContain(gap);
  });

  it.each([
    ['no leap month in 2024', () => lunarToSolar(2024, 6, 1, true), /no leap month 6/],
    ['2025 leaps month 6, not 5', () => lunarToSolar(2025, 5, 1, true), /no leap month 5/],
    ['month 13', () => lunarToSolar(2025, 13, 1), /no lunar month/],
    ['day 0', () => lunarToSolar(2025, 1, 0), /no lunar day/],
    ['day 31', () => lunarToSolar(2025, 1, 31), /no lunar day/],
    // Tháng Chạp of Ất Tỵ runs 19/1–16/2/2026: 29 days, so there is no 30 Tết that year.
    ['30 tháng Chạp in a 29-day month', () => lunarToSolar(2025, 12, 30), /29 days/],
    ['a year the astronomy does not cover', () => lunarToSolar(1700, 1, 1), /outside/],
    ['a fractional year', () => lunarToSolar(2025.5, 1, 1), /outside/],
  ])('refuses %s', (_name, call, message) => {
    expect(call).toThrow(message);
  });

  it('accepts day 30 in a 30-day month (tháng Chạp of Giáp Thìn is 29 days, Quý Mão had 30)', () => {
    // Tết 2024 was 10 Feb, so 30 tháng Chạp Quý Mão (lunar year 2023) was 9 Feb 2024.
    expect(lunarToSolar(2023, 12, 30)).toBe('2024-02-09');
  });
});

describe('solarToLunar', () => {
  it.each([
    ['Tết 2026 is 1 tháng Giêng', '2026-02-17', { year: 2026, month: 1, day: 1, leap: false }],
    [
      'the eve of Tết 2026 is 29 tháng Chạp of the previous lunar year',
      '2026-02-16',
      { year: 2025, month: 12, day: 29, leap: false },
    ],
    [
      '1 January 2026 still belongs to lunar 2025 (month 11)',
      '2026-01-01',
      { year: 2025, month: 11, day: 13, leap: false },
    ],
    ['25 July 2025 opens the leap 6th month', '2025-07-25', { year: 2025, month: 6, day: 1, leap: true }],
    [
      '24 July 2025 closes the ordinary 6th month',
      '2025-07-24',
      { year: 2025, month: 6, day: 30, leap: false },
    ],
    ['Giỗ Tổ 2026', '2026-04-26', { year: 2026, month: 3, day: 10, leap: false }],
    ['Tết 1985 in Vietnam', '1985-01-21', { year: 1985, month: 1, day: 1, leap: false }],
  ])('%s', (_name, date, expected) => {
    expect(solarToLunar(date)).toEqual(expected);
  });

  it('round-trips every day of 2024–2027 through lunarToSolar', () => {
    for (let t = Date.UTC(2024, 0, 1); t <= Date.UTC(2027, 11, 31); t += 86_400_000) {
      const date = new Date(t).toISOString().slice(0, 10);
      const l = solarToLunar(date);
      expect(lunarToSolar(l.year, l.month, l.day, l.leap)).toBe(date);
    }
  });

  it.each([['2026-02-30'], ['2026-2-01'], ['20260201'], ['']])('refuses the malformed date %j', (date) => {
    expect(() => solarToLunar(date)).toThrow(/not a valid date/);
  });

  it('tetDate is lunar 1/1', () => {
    expect(tetDate(2026)).toBe('2026-02-17');
  });
});
