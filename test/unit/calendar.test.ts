import { type CalendarYear, validateCalendarYear, WorkingCalendar } from '../../src/domain/calendar';
import { computedCalendarYear, defaultCalendarYear } from '../../src/domain/calendar-defaults';
import type { Period } from '../../src/domain/period';

/** An instant given in Vietnamese wall-clock time. */
const vn = (local: string): Date => new Date(`${local}+07:00`);
/** The midnight that ends a Vietnamese local date. */
const endOf = (date: string): Date => new Date(Date.parse(`${date}T00:00:00+07:00`) + 86_400_000);

const cal = new WorkingCalendar(new Map());

describe('isWorkingDay with the pre-filled tables', () => {
  it.each([
    ['Fri 13 Feb 2026, the last working day before Tết', '2026-02-13', true],
    ['Sat 14 Feb 2026, weekend opening the Tết break', '2026-02-14', false],
    ['Mon 16 Feb 2026, 29 tháng Chạp, first official Tết day', '2026-02-16', false],
    ['Tue 17 Feb 2026, mùng 1 Tết', '2026-02-17', false],
    ['Fri 20 Feb 2026, mùng 4, last official Tết day', '2026-02-20', false],
    ['Sun 22 Feb 2026, end of the 9-day break', '2026-02-22', false],
    ['Mon 23 Feb 2026, back to work', '2026-02-23', true],
    ['Thu 1 Jan 2026, Tết Dương lịch', '2026-01-01', false],
    ['Fri 2 Jan 2026, swapped day off (extra)', '2026-01-02', false],
    ['Sat 10 Jan 2026, the Saturday worked in exchange', '2026-01-10', true],
    ['Sat 17 Jan 2026, an ordinary Saturday', '2026-01-17', false],
    ['Mon 27 Apr 2026, nghỉ bù for Giỗ Tổ on Sunday 26/4', '2026-04-27', false],
    ['Thu 30 Apr 2026', '2026-04-30', false],
    ['Fri 1 May 2026', '2026-05-01', false],
    ['Tue 1 Sep 2026, the day adjacent to Quốc khánh', '2026-09-01', false],
    ['Wed 2 Sep 2026, Quốc khánh', '2026-09-02', false],
    ['Thu 3 Sep 2026', '2026-09-03', true],
    ['Mon 27 Jan 2025, announced as a Tết day (28 tháng Chạp)', '2025-01-27', false],
    ['Mon 3 Feb 2025, no nghỉ bù: the announcement kept Tết on weekdays', '2025-02-03', true],
    ['Sat 26 Apr 2025, make-up Saturday for 2/5', '2025-04-26', true],
    ['Fri 2 May 2025, swapped day off', '2025-05-02', false],
    ['Mon 7 Apr 2025, Giỗ Tổ', '2025-04-07', false],
    ['Mon 3 May 2027, nghỉ bù for 1/5 on a Saturday (computed)', '2027-05-03', false],
    ['Mon 3 Jan 2028, nghỉ bù for 1/1 on a Saturday (computed)', '2028-01-03', false],
    ['Wed 31 Dec 2025, an ordinary weekday', '2025-12-31', true],
  ])('%s', (_name, date, expected) => {
    expect(cal.isWorkingDay(date)).toBe(expected);
  });

  it.each([['2026-02-30'], ['2026-2-3'], ['tomorrow']])('refuses the malformed date %j', (date) => {
    expect(() => cal.isWorkingDay(date)).toThrow(/not a valid date/);
  });
});

describe('dueAt with working days', () => {
  it.each([
    [
      'across Tết 2026 (14–22 Feb): 3 days from Fri 13 Feb are 23, 24, 25 Feb',
      vn('2026-02-13T10:00:00'),
      3,
      '2026-02-25',
    ],
    ['the event day never counts, however late in it', vn('2026-02-13T23:59:59'), 3, '2026-02-25'],
    [
      'the local date decides: 00:30 Fri 13 Feb in Hà Nội is still Thu 12 Feb in UTC',
      new Date('2026-02-12T17:30:00Z'),
      3,
      '2026-02-25',
    ],
    [
      '16:59:59Z Thu 12 Feb is still Thursday locally: 13, 23, 24 Feb',
      new Date('2026-02-12T16:59:59Z'),
      3,
      '2026-02-24',
    ],
    ['an event during Tết: the first working day after it', vn('2026-02-17T09:00:00'), 1, '2026-02-23'],
    ['an event on a Saturday', vn('2026-03-07T09:00:00'), 1, '2026-03-09'],
    ['10 days over two plain weeks', vn('2026-03-02T08:00:00'), 10, '2026-03-16'],
    ['30/4–1/5 2026 on Thu–Fri: Wed 29 Apr + 1 is Mon 4 May', vn('2026-04-29T08:00:00'), 1, '2026-05-04'],
    [
      '30/4–1/5 2025 with 2/5 swapped: Tue 29 Apr + 1 is Mon 5 May',
      vn('2025-04-29T08:00:00'),
      1,
      '2025-05-05',
    ],
    ['the make-up Saturday 26/4/2025 counts as a working day', vn('2025-04-25T08:00:00'), 1, '2025-04-26'],
    [
      'past the make-up Saturday: 25 Apr + 2 skips 27/4 Sunday to Mon 28',
      vn('2025-04-25T08:00:00'),
      2,
      '2025-04-28',
    ],
    ['Quốc khánh 2026 (1–2 Sep): Mon 31 Aug + 1 is Thu 3 Sep', vn('2026-08-31T08:00:00'), 1, '2026-09-03'],
    [
      'Giỗ Tổ on Sunday 26/4/2026, nghỉ bù Mon 27: Fri 24 Apr + 1 is Tue 28',
      vn('2026-04-24T08:00:00'),
      1,
      '2026-04-28',
    ],
    [
      'year boundary: Wed 31 Dec 2025 + 1 skips 1/1, 2/1 and the weekend',
      vn('2025-12-31T16:00:00'),
      1,
      '2026-01-05',
    ],
    [
      'year boundary into a computed year: Thu 31 Dec 2026 + 1 skips 1/1/2027',
      vn('2026-12-31T16:00:00'),
      1,
      '2027-01-04',
    ],
    ['0 days from a working day: the end of that same day', vn('2026-03-02T08:00:00'), 0, '2026-03-02'],
    ['0 days from a day off: the end of the next working day', vn('2026-02-14T08:00:00'), 0, '2026-02-23'],
  ])('%s', (_name, from, n, lastDay) => {
    expect(cal.dueAt(from, { workingDays: n }).toISOString()).toBe(endOf(lastDay).toISOString());
  });

  it('addWorkingDays gives the same last day as a date', () => {
    expect(cal.addWorkingDays('2026-02-13', 3)).toBe('2026-02-25');
    expect(cal.addWorkingDays('2026-02-14', 0)).toBe('2026-02-23');
    expect(cal.addWorkingDays('2026-02-13', 0)).toBe('2026-02-13');
  });

  it('counts a whole year of working days without tripping the runaway guard', () => {
    // 2026 has 261 weekdays, 12 of them off, plus one make-up Saturday: 250 working days.
    expect(cal.addWorkingDays('2025-12-31', 250)).toBe('2026-12-31');
    const far = cal.addWorkingDays('2026-01-01', 1000);
    expect(cal.workingDaysBetween('2026-01-01', far)).toBe(1000);
    expect(cal.isWorkingDay(far)).toBe(true);
  });

  it.each([[-1], [1.5], [Number.NaN]])('refuses %p working days', (n) => {
    expect(() => cal.addWorkingDays('2026-03-02', n)).toThrow(/whole number/);
    expect(() => cal.dueAt(vn('2026-03-02T08:00:00'), { workingDays: n })).toThrow(/whole number/);
  });

  it('refuses an invalid Date', () => {
    expect(() => cal.dueAt(new Date('nope'), { workingDays: 1 })).toThrow(/invalid Date/);
  });
});

describe('dueAt with seconds', () => {
  it.each([
    ['90 s is plain clock time', vn('2026-03-02T10:00:00'), 90, vn('2026-03-02T10:01:30')],
    ['seconds ignore Tết', vn('2026-02-16T23:59:00'), 120, vn('2026-02-17T00:01:00')],
    [
      'a day in seconds crosses a weekend as it is',
      vn('2026-03-06T12:00:00'),
      86_400,
      vn('2026-03-07T12:00:00'),
    ],
  ])('%s', (_name, from, seconds, expected) => {
    expect(cal.dueAt(from, { seconds }).toISOString()).toBe(expected.toISOString());
  });
});

describe('dueAtFromDate (a campaign deadline given as a date)', () => {
  it.each([
    ['a working Monday ends at its local midnight', '2026-03-02', '2026-03-02T17:00:00.000Z'],
    ['a Tết Saturday moves to the end of Mon 23 Feb', '2026-02-14', endOf('2026-02-23').toISOString()],
    [
      'Giỗ Tổ Sunday 26/4/2026 moves past the nghỉ bù to Tue 28',
      '2026-04-26',
      endOf('2026-04-28').toISOString(),
    ],
    ['a make-up Saturday is a working day and stays', '2025-04-26', endOf('2025-04-26').toISOString()],
    ['31 Dec 2025 is a Wednesday and stays', '2025-12-31', '2025-12-31T17:00:00.000Z'],
  ])('%s', (_name, date, expected) => {
    expect(cal.dueAtFromDate(date).toISOString()).toBe(expected);
  });
});

describe('time zone', () => {
  it.each([
    ['2026-03-02 in Hà Nội ends at 17:00Z', 'Asia/Ho_Chi_Minh', '2026-03-02', '2026-03-02T17:00:00.000Z'],
    ['31 Dec 2026 ends at 17:00Z the same day', 'Asia/Ho_Chi_Minh', '2026-12-31', '2026-12-31T17:00:00.000Z'],
    ['Paris before the spring change: +1', 'Europe/Paris', '2026-03-28', '2026-03-28T23:00:00.000Z'],
    [
      'Paris on the spring change day: the next midnight is +2',
      'Europe/Paris',
      '2026-03-29',
      '2026-03-29T22:00:00.000Z',
    ],
    ['Paris on the autumn change day: back to +1', 'Europe/Paris', '2026-10-25', '2026-10-25T23:00:00.000Z'],
  ])('endOfDay: %s', (_name, zone, date, expected) => {
    expect(new WorkingCalendar(new Map(), zone).endOfDay(date).toISOString()).toBe(expected);
  });

  it.each([
    ['17:00Z is the next day in Hà Nội', '2026-03-01T17:00:00.000Z', '2026-03-02'],
    ['a millisecond earlier is still the day before', '2026-03-01T16:59:59.999Z', '2026-03-01'],
    ['New Year in Hà Nội comes at 17:00Z on 31 Dec', '2025-12-31T17:00:00.000Z', '2026-01-01'],
  ])('localDate: %s', (_name, instant, expected) => {
    expect(cal.localDate(new Date(instant))).toBe(expected);
  });

  it('startOfDay is the previous day’s end', () => {
    expect(cal.startOfDay('2026-03-02').toISOString()).toBe('2026-03-01T17:00:00.000Z');
  });

  it('localDate follows the zone’s own offset, not a fixed one', () => {
    const paris = new WorkingCalendar(new Map(), 'Europe/Paris');
    expect(paris.localDate(new Date('2026-03-29T21:59:59Z'))).toBe('2026-03-29');
    expect(paris.localDate(new Date('2026-03-29T22:00:00Z'))).toBe('2026-03-30');
    expect(paris.localDate(new Date('2026-01-15T22:59:59Z'))).toBe('2026-01-15');
    expect(paris.localDate(new Date('2026-01-15T23:00:00Z'))).toBe('2026-01-16');
  });

  it('refuses an unknown time zone', () => {
    expect(() => new WorkingCalendar(new Map(), 'Mars/Olympus')).toThrow(RangeError);
  });
});

describe('pause and resume', () => {
  // 3 working days from Fri 13 Feb 2026: due at the end of Wed 25 Feb.
  const due = cal.dueAt(vn('2026-02-13T10:00:00'), { workingDays: 3 });

  it.each<[string, Date, Period]>([
    ['paused Mon 23 Feb: 24 and 25 are left', vn('2026-02-23T09:00:00'), { workingDays: 2 }],
    ['paused on the starting day: the whole period is left', vn('2026-02-13T15:00:00'), { workingDays: 3 }],
    [
      'paused during Tết: all three working days are still ahead',
      vn('2026-02-15T11:00:00'),
      { workingDays: 3 },
    ],
    ['paused on the due day itself: nothing left', vn('2026-02-25T16:00:00'), { workingDays: 0 }],
    ['paused after the deadline passed: nothing left', vn('2026-02-26T09:00:00'), { workingDays: 0 }],
    ['paused exactly at the due instant: nothing left', due, { workingDays: 0 }],
  ])('remaining: %s', (_name, pausedAt, expected) => {
    expect(cal.remaining(pausedAt, due, { workingDays: 3 })).toEqual(expected);
  });

  it.each<[string, Date, Period, string]>([
    [
      '2 days left, resumed a week later on Mon 2 Mar: end of Wed 4 Mar',
      vn('2026-03-02T10:00:00'),
      { workingDays: 2 },
      '2026-03-04',
    ],
    [
      '0 left, resumed on a working day: the end of that day',
      vn('2026-03-02T10:00:00'),
      { workingDays: 0 },
      '2026-03-02',
    ],
    [
      '0 left, resumed on a Saturday: the end of the next working day',
      vn('2026-02-28T10:00:00'),
      { workingDays: 0 },
      '2026-03-02',
    ],
    [
      '2 left, resumed on Wed 29 Apr 2026 before 30/4–1/5: Mon 4, Tue 5 May',
      vn('2026-04-29T10:00:00'),
      { workingDays: 2 },
      '2026-05-05',
    ],
  ])('resume: %s', (_name, resumedAt, left, lastDay) => {
    expect(cal.resume(resumedAt, left).toISOString()).toBe(endOf(lastDay).toISOString());
  });

  it('a full pause/resume cycle keeps exactly the working days that were left', () => {
    const left = cal.remaining(vn('2026-02-23T09:00:00'), due, { workingDays: 3 });
    const newDue = cal.resume(vn('2026-03-02T10:00:00'), left);
    expect(cal.workingDaysBetween('2026-03-02', cal.localDate(new Date(newDue.getTime() - 1)))).toBe(2);
  });

  it.each<[string, number, Period]>([
    ['100.4 s into a 600 s period: 500 s left, rounded up', 100_400, { seconds: 500 }],
    ['599.5 s in: rounded up to 1 s', 599_500, { seconds: 1 }],
    ['past due: still 1 s, so that resuming re-arms at once', 700_000, { seconds: 1 }],
  ])('remaining in seconds: %s', (_name, elapsedMs, expected) => {
    const start = vn('2026-03-02T10:00:00');
    const secondsDue = cal.dueAt(start, { seconds: 600 });
    expect(cal.remaining(new Date(start.getTime() + elapsedMs), secondsDue, { seconds: 600 })).toEqual(
      expected,
    );
  });

  it('resume in seconds is plain clock time', () => {
    expect(cal.resume(vn('2026-03-07T10:00:00'), { seconds: 500 }).toISOString()).toBe(
      vn('2026-03-07T10:08:20').toISOString(),
    );
  });

  it('a due instant that is not a midnight still has its own day as the last day', () => {
    expect(cal.remaining(vn('2026-03-02T09:00:00'), vn('2026-03-04T10:00:00'), { workingDays: 2 })).toEqual({
      workingDays: 2,
    });
  });
});

describe('workingDaysBetween (a, b]', () => {
  it.each([
    ['across Tết 2026', '2026-02-13', '2026-02-25', 3],
    ['the start day is excluded, the end day included', '2026-03-02', '2026-03-03', 1],
    ['the same day', '2026-03-02', '2026-03-02', 0],
    ['b before a', '2026-02-25', '2026-02-13', 0],
    ['New Year 2026 with its swap and make-up Saturday: 5–9, 10, 12 Jan', '2025-12-31', '2026-01-12', 7],
    ['a whole year: 2026 has 250 working days', '2025-12-31', '2026-12-31', 250],
  ])('%s', (_name, a, b, expected) => {
    expect(cal.workingDaysBetween(a, b)).toBe(expected);
  });
});

describe('reminder and escalation offsets', () => {
  const due = endOf('2026-02-25');

  it.each([
    ['0 before: the start of the last day itself', 0, '2026-02-25'],
    ['1 before: the start of Tue 24 Feb', 1, '2026-02-24'],
    ['2 before: Mon 23 Feb', 2, '2026-02-23'],
    ['3 before: back over Tết to Fri 13 Feb', 3, '2026-02-13'],
  ])('workingDaysBefore: %s', (_name, n, day) => {
    expect(cal.workingDaysBefore(due, n).toISOString()).toBe(cal.startOfDay(day).toISOString());
  });

  it('workingDaysBefore a due instant in the middle of a day counts from that day', () => {
    expect(cal.workingDaysBefore(vn('2026-03-04T10:00:00'), 1).toISOString()).toBe(
      cal.startOfDay('2026-03-03').toISOString(),
    );
  });

  it.each([
    ['0 after: the instant itself', vn('2026-02-25T17:00:00'), 0, vn('2026-02-25T17:00:00')],
    [
      '2 after the due instant of Wed 25 Feb: that instant is Thu 26 locally, so end of Mon 2 Mar',
      due,
      2,
      endOf('2026-03-02'),
    ],
    [
      '2 after Fri 13 Feb 10:00: over Tết to the end of Tue 24 Feb',
      vn('2026-02-13T10:00:00'),
      2,
      endOf('2026-02-24'),
    ],
  ])('addWorkingDaysToInstant: %s', (_name, instant, n, expected) => {
    expect(cal.addWorkingDaysToInstant(instant, n).toISOString()).toBe(expected.toISOString());
  });
});

describe('admin-edited tables', () => {
  const quocKhanh2026: CalendarYear = {
    ...defaultCalendarYear(2026),
    daysOff: [
      ...defaultCalendarYear(2026).daysOff,
      { date: '2026-08-31', name: 'Nghỉ hoán đổi (làm bù Thứ Bảy 12/9/2026)', kind: 'extra' },
    ],
    workingSaturdays: ['2026-01-10', '2026-09-12'],
  };
  const edited = new WorkingCalendar(new Map([[2026, quocKhanh2026]]));

  it.each([
    ['the swapped Monday is off', '2026-08-31', false],
    ['the Saturday worked for it counts', '2026-09-12', true],
    ['years not in the map fall back to the defaults (Giỗ Tổ 2027)', '2027-04-16', false],
  ])('%s', (_name, date, expected) => {
    expect(edited.isWorkingDay(date)).toBe(expected);
  });

  it('a period over the longer Quốc khánh break: Fri 28 Aug + 1 is Thu 3 Sep', () => {
    expect(edited.addWorkingDays('2026-08-28', 1)).toBe('2026-09-03');
    expect(cal.addWorkingDays('2026-08-28', 1)).toBe('2026-08-31');
  });

  it('later edits to the caller’s objects do not change a built calendar', () => {
    const table: CalendarYear = { year: 2030, daysOff: [], workingSaturdays: [] };
    const built = new WorkingCalendar(new Map([[2030, table]]));
    table.daysOff.push({ date: '2030-03-04', name: 'x', kind: 'extra' });
    expect(built.isWorkingDay('2030-03-04')).toBe(true);
    expect(built.calendarYear(2030).daysOff).toEqual([]);
  });

  it('an empty table means no holidays at all (it replaces the default)', () => {
    const bare = new WorkingCalendar(new Map([[2026, { year: 2026, daysOff: [], workingSaturdays: [] }]]));
    expect(bare.isWorkingDay('2026-02-17')).toBe(true);
  });

  it.each<[string, CalendarYear, RegExp]>([
    [
      'a weekend listed as a day off',
      { year: 2026, daysOff: [{ date: '2026-02-14', name: 'Tết', kind: 'holiday' }], workingSaturdays: [] },
      /2026-02-14 is a Saturday/,
    ],
    [
      'a table under the wrong key',
      { year: 2025, daysOff: [], workingSaturdays: [] },
      /keyed 2026 holds the table of 2025/,
    ],
  ])('refuses %s', (_name, table, message) => {
    expect(() => new WorkingCalendar(new Map([[2026, table]]))).toThrow(message);
  });

  it('refuses a year the defaults cannot compute', () => {
    expect(() => cal.isWorkingDay('2300-01-02')).toThrow(/outside/);
  });
});

describe('validateCalendarYear', () => {
  it.each([[2024], [2025], [2026], [2027], [2028], [2029], [2030]])(
    'the default table for %i is valid',
    (year) => {
      expect(validateCalendarYear(defaultCalendarYear(year))).toEqual([]);
    },
  );

  it.each<[string, CalendarYear, string]>([
    [
      'a date of another year',
      {
        year: 2026,
        daysOff: [{ date: '2027-01-01', name: 'Tết Dương lịch', kind: 'holiday' }],
        workingSaturdays: [],
      },
      'daysOff[0]: 2027-01-01 is not in 2026',
    ],
    [
      'a Sunday listed as a day off',
      {
        year: 2026,
        daysOff: [{ date: '2026-04-26', name: 'Giỗ Tổ', kind: 'holiday' }],
        workingSaturdays: [],
      },
      'daysOff[0]: 2026-04-26 is a Sunday; list only Monday–Friday',
    ],
    [
      'a duplicate day off',
      {
        year: 2026,
        daysOff: [
          { date: '2026-04-30', name: 'a', kind: 'holiday' },
          { date: '2026-04-30', name: 'b', kind: 'holiday' },
        ],
        workingSaturdays: [],
      },
      'daysOff[1]: 2026-04-30 is listed twice',
    ],
    [
      'a malformed date',
      { year: 2026, daysOff: [{ date: '2026-02-29', name: 'x', kind: 'extra' }], workingSaturdays: [] },
      "daysOff[0]: '2026-02-29' is not a valid date (YYYY-MM-DD)",
    ],
    [
      'a day off without a name',
      { year: 2026, daysOff: [{ date: '2026-04-30', name: '  ', kind: 'holiday' }], workingSaturdays: [] },
      'daysOff[0]: 2026-04-30 has no name',
    ],
    [
      'a weekday as a working Saturday',
      { year: 2026, daysOff: [], workingSaturdays: ['2026-01-09'] },
      'workingSaturdays[0]: 2026-01-09 is not a Saturday',
    ],
    [
      'a working Saturday of another year',
      { year: 2026, daysOff: [], workingSaturdays: ['2025-04-26'] },
      'workingSaturdays[0]: 2025-04-26 is not in 2026',
    ],
    [
      'a duplicate working Saturday',
      { year: 2026, daysOff: [], workingSaturdays: ['2026-01-10', '2026-01-10'] },
      'workingSaturdays[1]: 2026-01-10 is listed twice',
    ],
    [
      'a year out of range',
      { year: 1800, daysOff: [], workingSaturdays: [] },
      'year 1800 is outside 1900–2199',
    ],
  ])('reports %s', (_name, table, problem) => {
    expect(validateCalendarYear(table)).toContain(problem);
  });

  it('reports an unknown kind coming from stored JSON', () => {
    const table = JSON.parse(
      '{"year":2026,"daysOff":[{"date":"2026-04-30","name":"x","kind":"bonus"}],"workingSaturdays":[]}',
    ) as CalendarYear;
    expect(validateCalendarYear(table)).toEqual([
      "daysOff[0]: kind 'bonus' is not one of holiday, compensatory, extra",
    ]);
  });
});

describe('defaultCalendarYear', () => {
  const dates = (y: CalendarYear): string[] => y.daysOff.map((d) => `${d.date} ${d.kind}`);

  it('2025 is the announced table: Tết on 27–31 Jan without nghỉ bù, 2/5 swapped with Sat 26/4', () => {
    const announced = dates(defaultCalendarYear(2025));
    const computed = dates(computedCalendarYear(2025));
    expect(announced.filter((d) => !computed.includes(d))).toEqual([
      '2025-01-27 holiday',
      '2025-05-02 extra',
    ]);
    expect(computed.filter((d) => !announced.includes(d))).toEqual(['2025-02-03 compensatory']);
    expect(defaultCalendarYear(2025).workingSaturdays).toEqual(['2025-04-26']);
  });

  it('2026 is the computed table plus the announced New Year swap (2/1 for Sat 10/1)', () => {
    const announced = dates(defaultCalendarYear(2026));
    const computed = dates(computedCalendarYear(2026));
    expect(announced.filter((d) => !computed.includes(d))).toEqual(['2026-01-02 extra']);
    expect(computed.filter((d) => !announced.includes(d))).toEqual([]);
    expect(defaultCalendarYear(2026).workingSaturdays).toEqual(['2026-01-10']);
  });

  it('Tết 2026 is the five weekdays 16–20 Feb, all named Tết Nguyên Đán', () => {
    const tet = defaultCalendarYear(2026).daysOff.filter((d) => d.date.startsWith('2026-02'));
    expect(tet.map((d) => d.date)).toEqual([
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
    ]);
    expect(new Set(tet.map((d) => `${d.name}/${d.kind}`))).toEqual(new Set(['Tết Nguyên Đán/holiday']));
  });

  it.each([
    [
      '2027: Tết on Sat 6 Feb, so 29 Tết (Fri 5) + mùng 3–4 + two nghỉ bù',
      2027,
      '2027-02',
      [
        '2027-02-05 holiday',
        '2027-02-08 holiday',
        '2027-02-09 holiday',
        '2027-02-10 compensatory',
        '2027-02-11 compensatory',
      ],
    ],
    [
      '2027: 30/4 Friday, 1/5 Saturday made up on Mon 3/5',
      2027,
      '2027-0[45]',
      ['2027-04-16 holiday', '2027-04-30 holiday', '2027-05-03 compensatory'],
    ],
    [
      '2028: 2/9 on Saturday, so Fri 1/9 plus nghỉ bù Mon 4/9',
      2028,
      '2028-09',
      ['2028-09-01 holiday', '2028-09-04 compensatory'],
    ],
    [
      '2028: 30/4 Sunday made up on Tue 2/5, after 1/5 itself',
      2028,
      '2028-0[45]',
      ['2028-04-04 holiday', '2028-05-01 holiday', '2028-05-02 compensatory'],
    ],
    [
      '2029: 2/9 on Sunday, 1/9 Saturday, so 3/9 adjacent and nghỉ bù 4/9',
      2029,
      '2029-09',
      ['2029-09-03 holiday', '2029-09-04 compensatory'],
    ],
    [
      '2030: 2/9 Monday, 1/9 Sunday, so Tue 3/9 is the adjacent day',
      2030,
      '2030-09',
      ['2030-09-02 holiday', '2030-09-03 holiday'],
    ],
  ])('%s', (_name, year, month, expected) => {
    const re = new RegExp(`^${month}-`);
    expect(dates(defaultCalendarYear(year)).filter((d) => re.test(d))).toEqual(expected);
  });

  it('names a nghỉ bù after its holiday and the weekend day it replaces', () => {
    const bu = defaultCalendarYear(2028).daysOff.find((d) => d.date === '2028-01-03');
    expect(bu).toEqual({
      date: '2028-01-03',
      name: 'Nghỉ bù Tết Dương lịch (Thứ Bảy 1/1)',
      kind: 'compensatory',
    });
  });

  it('every computed year from 1900 to 2199 has exactly 11 weekdays off and validates', () => {
    for (let year = 1900; year <= 2199; year++) {
      const table = computedCalendarYear(year);
      expect([year, table.daysOff.length]).toEqual([year, 11]);
      expect([year, validateCalendarYear(table)]).toEqual([year, []]);
    }
  });

  it('Giỗ Tổ on 30/4 (1947) still yields its own day off, made up on the next working day', () => {
    const april1947 = computedCalendarYear(1947).daysOff.filter((d) => /^1947-0[45]/.test(d.date));
    expect(april1947.map((d) => `${d.date} ${d.kind}`)).toEqual([
      '1947-04-30 holiday',
      '1947-05-01 holiday',
      '1947-05-02 compensatory',
    ]);
  });

  it('returns a fresh copy each time', () => {
    defaultCalendarYear(2026).daysOff.pop();
    expect(defaultCalendarYear(2026).daysOff).toHaveLength(12);
  });

  it.each([[1899], [2200], [2026.5]])('refuses the year %p', (year) => {
    expect(() => defaultCalendarYear(year)).toThrow(/outside/);
  });
});
