import { z } from 'zod';
import { lunarToSolar } from './lunar';

/**
 * The pre-filled working-day calendar of a year: the statutory holidays of Bộ luật Lao động 2019
 * Đ.112 computed from their rules, replaced by the government's announced table where one is known.
 * The admin confirms or edits each year; this is only what the form starts with.
 */

export const dayOffKinds = ['holiday', 'compensatory', 'extra'] as const;
export type DayOffKind = (typeof dayOffKinds)[number];

export interface DayOff {
  date: string;
  name: string;
  /** holiday: statutory; compensatory: nghỉ bù for a holiday on a weekend; extra: swapped (hoán đổi). */
  kind: DayOffKind;
}

/** Weekdays off only (Saturdays and Sundays are implied), plus the Saturdays worked in exchange. */
export interface CalendarYear {
  year: number;
  daysOff: DayOff[];
  workingSaturdays: string[];
}

/** Shape only; `validateCalendarYear` checks the dates against the year and the weekdays. */
export const calendarYearSchema = z
  .object({
    year: z.number().int(),
    daysOff: z
      .array(z.object({ date: z.string(), name: z.string(), kind: z.enum(dayOffKinds) }).strict())
      .max(366),
    workingSaturdays: z.array(z.string()).max(53),
  })
  .strict();

export const MIN_CALENDAR_YEAR = 1900;
export const MAX_CALENDAR_YEAR = 2199;

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a `YYYY-MM-DD` date, or null if the string is not a real date. */
export function parseDayNumber(date: string): number | null {
  const match = ISO_DATE.exec(date);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  // Date.UTC maps years 0–99 to 1900–1999, and rolls 02-30 over to March.
  if (check.getUTCFullYear() !== year || check.getUTCDate() !== day) return null;
  return ms / DAY_MS;
}

/** Like `parseDayNumber`, for dates that must be valid: a malformed one is the caller's bug. */
export function dayNumber(date: string): number {
  const n = parseDayNumber(date);
  if (n === null) throw new RangeError(`'${date}' is not a valid date (YYYY-MM-DD)`);
  return n;
}

export function isoDate(dayNum: number): string {
  return new Date(dayNum * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(dayNum: number): number {
  // 1970-01-01 was a Thursday.
  return (((dayNum + 4) % 7) + 7) % 7;
}

export function isWeekend(dayNum: number): boolean {
  const w = weekday(dayNum);
  return w === 0 || w === 6;
}

const WEEKDAY_NAMES_VI = [
  'Chủ nhật',
  'Thứ Hai',
  'Thứ Ba',
  'Thứ Tư',
  'Thứ Năm',
  'Thứ Sáu',
  'Thứ Bảy',
] as const;

function dayMonth(dayNum: number): string {
  const d = new Date(dayNum * DAY_MS);
  return `${d.getUTCDate()}/${d.getUTCMonth() + 1}`;
}

interface StatutoryHoliday {
  dayNum: number;
  name: string;
}

function statutoryHolidays(year: number): StatutoryHoliday[] {
  const on = (month: number, day: number): number => Date.UTC(year, month - 1, day) / DAY_MS;
  const tet = dayNumber(lunarToSolar(year, 1, 1));
  const holidays: StatutoryHoliday[] = [
    { dayNum: on(1, 1), name: 'Tết Dương lịch' },
    // The Prime Minister fixes the five Tết days each year; without a decision, the last day of the
    // old lunar year and the first four of the new one is the customary split.
    ...[-1, 0, 1, 2, 3].map((i) => ({ dayNum: tet + i, name: 'Tết Nguyên Đán' })),
    { dayNum: dayNumber(lunarToSolar(year, 3, 10)), name: 'Giỗ Tổ Hùng Vương' },
    { dayNum: on(4, 30), name: 'Ngày Giải phóng miền Nam, thống nhất đất nước' },
    { dayNum: on(5, 1), name: 'Quốc tế Lao động' },
  ];
  // The day adjacent to 2/9 is also fixed yearly; the day before is the usual choice when it is a
  // weekday, otherwise the day after.
  const sept1 = on(9, 1);
  holidays.push(
    isWeekend(sept1)
      ? { dayNum: on(9, 3), name: 'Quốc khánh (ngày liền kề)' }
      : { dayNum: sept1, name: 'Quốc khánh (ngày liền kề)' },
    { dayNum: on(9, 2), name: 'Quốc khánh' },
  );
  return holidays.sort((a, b) => a.dayNum - b.dayNum);
}

/** The year's table computed from the statutory rules alone, ignoring any announcement. */
export function computedCalendarYear(year: number): CalendarYear {
  if (!Number.isInteger(year) || year < MIN_CALENDAR_YEAR || year > MAX_CALENDAR_YEAR) {
    throw new RangeError(`calendar year ${year} is outside ${MIN_CALENDAR_YEAR}–${MAX_CALENDAR_YEAR}`);
  }
  const off = new Map<number, DayOff>();
  const owed: StatutoryHoliday[] = [];
  for (const h of statutoryHolidays(year)) {
    // A holiday on a weekly rest day is made up on the next working day (BLLĐ 2019 Đ.111 k3). Giỗ Tổ
    // can also land on 30/4 (last in 1947, next after 2199); it is then made up the same way.
    if (isWeekend(h.dayNum) || off.has(h.dayNum)) owed.push(h);
    else off.set(h.dayNum, { date: isoDate(h.dayNum), name: h.name, kind: 'holiday' });
  }
  for (const h of owed) {
    let d = h.dayNum + 1;
    while (isWeekend(d) || off.has(d)) d++;
    const when = `${WEEKDAY_NAMES_VI[weekday(h.dayNum)] ?? ''} ${dayMonth(h.dayNum)}`;
    off.set(d, { date: isoDate(d), name: `Nghỉ bù ${h.name} (${when})`, kind: 'compensatory' });
  }
  const daysOff = [...off.entries()].sort(([a], [b]) => a - b).map(([, d]) => d);
  return { year, daysOff, workingSaturdays: [] };
}

const holiday = (date: string, name: string): DayOff => ({ date, name, kind: 'holiday' });
const TET = 'Tết Nguyên Đán';
const REUNIFICATION = 'Ngày Giải phóng miền Nam, thống nhất đất nước';

/**
 * Tables the government has announced. Each differs from `computedCalendarYear` only where an
 * announcement says so (the unit tests pin the differences); anything not announced keeps the
 * computed default.
 */
const announced: ReadonlyMap<number, CalendarYear> = new Map([
  [
    2025,
    {
      year: 2025,
      daysOff: [
        holiday('2025-01-01', 'Tết Dương lịch'),
        // Tết Ất Tỵ: 25/1–2/2, the five official days on 27–31/1 (28 tháng Chạp – mùng 3).
        ...['2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31'].map((d) => holiday(d, TET)),
        holiday('2025-04-07', 'Giỗ Tổ Hùng Vương'),
        holiday('2025-04-30', REUNIFICATION),
        holiday('2025-05-01', 'Quốc tế Lao động'),
        // Swapped with Saturday 26/4, giving 30/4–4/5 off.
        { date: '2025-05-02', name: 'Nghỉ hoán đổi (làm bù Thứ Bảy 26/4/2025)', kind: 'extra' },
        holiday('2025-09-01', 'Quốc khánh (ngày liền kề)'),
        holiday('2025-09-02', 'Quốc khánh'),
      ],
      workingSaturdays: ['2025-04-26'],
    },
  ],
  [
    2026,
    {
      year: 2026,
      daysOff: [
        holiday('2026-01-01', 'Tết Dương lịch'),
        // VPCP 12729/VPCP-KGVX (25/12/2025): 1/1–4/1 off, Friday 2/1 swapped with Saturday 10/1.
        { date: '2026-01-02', name: 'Nghỉ hoán đổi (làm bù Thứ Bảy 10/1/2026)', kind: 'extra' },
        // Tết Bính Ngọ: 14/2–22/2, the five official days on 16–20/2 (29 tháng Chạp – mùng 4).
        ...['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20'].map((d) => holiday(d, TET)),
        { date: '2026-04-27', name: 'Nghỉ bù Giỗ Tổ Hùng Vương (Chủ nhật 26/4)', kind: 'compensatory' },
        holiday('2026-04-30', REUNIFICATION),
        holiday('2026-05-01', 'Quốc tế Lao động'),
        // A longer Quốc khánh break with a swapped day was proposed but no decision is recorded here;
        // the computed default stands until the admin enters the announced table.
        holiday('2026-09-01', 'Quốc khánh (ngày liền kề)'),
        holiday('2026-09-02', 'Quốc khánh'),
      ],
      workingSaturdays: ['2026-01-10'],
    },
  ],
  // 2027: nothing announced yet; the computed default applies.
]);

/** The pre-filled table for a year: the announced one if known, else the computed default. */
export function defaultCalendarYear(year: number): CalendarYear {
  const known = announced.get(year);
  if (known) {
    return {
      year,
      daysOff: known.daysOff.map((d) => ({ ...d })),
      workingSaturdays: [...known.workingSaturdays],
    };
  }
  return computedCalendarYear(year);
}
