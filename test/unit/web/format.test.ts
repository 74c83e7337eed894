import { WorkingCalendar } from '../../../src/domain/calendar';
import {
  collator,
  describeDeadline,
  foldVietnamese,
  formatDate,
  formatDateTime,
  matchesSearch,
  sortByText,
} from '../../../src/web/format';
import { messages } from '../../../src/web/i18n';

const tz = 'Asia/Ho_Chi_Minh';
const cal = new WorkingCalendar(new Map(), tz);
const vi = messages('vi');
const en = messages('en');

describe('dates in the business time zone', () => {
  test.each([
    ['2026-03-01T17:30:00Z', '02/03/2026', '00:30 02/03/2026'], // after 17:00 UTC it is the next day in Hà Nội
    ['2026-03-01T16:59:00Z', '01/03/2026', '23:59 01/03/2026'],
    ['2026-12-31T23:00:00+07:00', '31/12/2026', '23:00 31/12/2026'],
  ])('%s → %s, %s', (instant, date, time) => {
    expect(formatDate(instant, tz)).toBe(date);
    expect(formatDateTime(instant, tz)).toBe(time);
  });
  test('a plain date is written as it is, whatever the zone', () => {
    expect(formatDate('2026-04-30', 'America/New_York')).toBe('30/04/2026');
  });
});

describe('deadlines in working days', () => {
  // A deadline is stored as the instant it ends: midnight after its last day, Hà Nội time.
  const endOf = (date: string) => cal.endOfDay(date).toISOString();
  const at = (local: string) => new Date(`${local}+07:00`);
  test.each([
    // [last day, now, overdue, days, Vietnamese]
    ['2026-03-06', '2026-03-02T09:00:00', false, 4, 'còn 4 ngày làm việc'], // Mon → Fri
    ['2026-03-09', '2026-03-06T09:00:00', false, 1, 'còn 1 ngày làm việc'], // Fri → Mon: the weekend does not count
    ['2026-03-06', '2026-03-06T16:00:00', false, 0, 'hết hạn cuối ngày hôm nay'],
    ['2026-03-06', '2026-03-09T08:00:00', true, 1, 'Quá hạn 1 ngày'], // Fri's deadline, seen on Monday
    ['2026-03-06', '2026-03-07T08:00:00', true, 1, 'Quá hạn 1 ngày'], // passed over the weekend: still overdue
    ['2026-03-04', '2026-03-06T10:00:00', true, 2, 'Quá hạn 2 ngày'],
    ['2026-02-13', '2026-02-23T10:00:00', true, 1, 'Quá hạn 1 ngày'], // Tết 2026 (14–22/2) does not count
  ] as const)('last day %s, now %s', (lastDay, now, overdue, days, text) => {
    const d = describeDeadline(endOf(lastDay), at(now), cal, vi);
    expect(d).toEqual({ date: formatDate(lastDay, tz), isoDate: lastDay, overdue, days, text });
  });
  test('in English', () => {
    expect(describeDeadline(endOf('2026-03-06'), at('2026-03-02T09:00:00'), cal, en).text).toBe(
      '4 working days left',
    );
    expect(describeDeadline(endOf('2026-03-04'), at('2026-03-06T10:00:00'), cal, en).text).toBe(
      '2 days overdue',
    );
  });
});

describe('Vietnamese text', () => {
  test('accent-insensitive search strips marks and maps đ/Đ', () => {
    expect(foldVietnamese('Lê Quý Đôn')).toBe('le quy don');
    expect(foldVietnamese('ĐẶNG THỊ NGỌC')).toBe('dang thi ngoc');
    expect(matchesSearch('Phòng Lao động – Việc làm', 'lao dong viec')).toBe(true);
    expect(matchesSearch('Phòng Lao động', 'bao tro')).toBe(false);
    // A decomposed (NFD) name matches its composed form.
    expect(matchesSearch('Nguyễn Văn Ánh'.normalize('NFD'), 'nguyễn ánh')).toBe(true);
  });
  test("Vietnamese order: 'Ánh' before 'Dương', 'Đ' after 'D'", () => {
    expect(sortByText(['Dương', 'Ánh', 'Đào', 'Bình'], (s) => s)).toEqual(['Ánh', 'Bình', 'Dương', 'Đào']);
    expect(collator('vi').compare('Ánh', 'Dương')).toBeLessThan(0);
  });
});
