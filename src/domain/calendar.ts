import { defaultTimeZone, localDate } from './business-date';
import {
  type CalendarYear,
  dayNumber,
  dayOffKinds,
  defaultCalendarYear,
  isoDate,
  isWeekend,
  MAX_CALENDAR_YEAR,
  MIN_CALENDAR_YEAR,
  parseDayNumber,
  weekday,
} from './calendar-defaults';
import type { Period } from './period';

export type { CalendarYear, DayOff, DayOffKind } from './calendar-defaults';
export { defaultCalendarYear } from './calendar-defaults';

const DAY_MS = 86_400_000;
/** A calendar with no working day for this long is broken: stop rather than loop for ever. */
const MAX_SCAN_DAYS = 3 * 366;

/** Human-readable problems with an admin-edited year table; empty when it is usable. */
export function validateCalendarYear(y: CalendarYear): string[] {
  const problems: string[] = [];
  if (!Number.isInteger(y.year) || y.year < MIN_CALENDAR_YEAR || y.year > MAX_CALENDAR_YEAR) {
    problems.push(`year ${y.year} is outside ${MIN_CALENDAR_YEAR}–${MAX_CALENDAR_YEAR}`);
  }
  const inYear = (date: string): boolean => date.startsWith(`${String(y.year).padStart(4, '0')}-`);

  const seenOff = new Set<string>();
  y.daysOff.forEach((d, i) => {
    const where = `daysOff[${i}]`;
    const n = parseDayNumber(d.date);
    if (n === null) {
      problems.push(`${where}: '${d.date}' is not a valid date (YYYY-MM-DD)`);
    } else {
      if (!inYear(d.date)) problems.push(`${where}: ${d.date} is not in ${y.year}`);
      if (isWeekend(n)) {
        problems.push(
          `${where}: ${d.date} is a ${weekday(n) === 0 ? 'Sunday' : 'Saturday'}; list only Monday–Friday`,
        );
      }
    }
    if (seenOff.has(d.date)) problems.push(`${where}: ${d.date} is listed twice`);
    seenOff.add(d.date);
    if (d.name.trim() === '') problems.push(`${where}: ${d.date} has no name`);
    if (!(dayOffKinds as readonly string[]).includes(d.kind)) {
      problems.push(`${where}: kind '${String(d.kind)}' is not one of ${dayOffKinds.join(', ')}`);
    }
  });

  const seenSat = new Set<string>();
  y.workingSaturdays.forEach((date, i) => {
    const where = `workingSaturdays[${i}]`;
    const n = parseDayNumber(date);
    if (n === null) {
      problems.push(`${where}: '${date}' is not a valid date (YYYY-MM-DD)`);
    } else {
      if (!inYear(date)) problems.push(`${where}: ${date} is not in ${y.year}`);
      if (weekday(n) !== 6) problems.push(`${where}: ${date} is not a Saturday`);
    }
    if (seenSat.has(date)) problems.push(`${where}: ${date} is listed twice`);
    seenSat.add(date);
  });
  return problems;
}

interface YearIndex {
  /** Day numbers (days since 1970-01-01) of 1 January and 31 December. */
  first: number;
  last: number;
  off: ReadonlySet<number>;
  workingSaturdays: ReadonlySet<number>;
  table: CalendarYear;
}

function indexYear(table: CalendarYear): YearIndex {
  return {
    first: Date.UTC(table.year, 0, 1) / DAY_MS,
    last: Date.UTC(table.year, 11, 31) / DAY_MS,
    off: new Set(table.daysOff.map((d) => dayNumber(d.date))),
    workingSaturdays: new Set(table.workingSaturdays.map(dayNumber)),
    table,
  };
}

function checkCount(n: number, what: string): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`${what}: ${n} is not a whole number ≥ 0`);
}

function checkInstant(d: Date, what: string): number {
  const t = d.getTime();
  if (Number.isNaN(t)) throw new RangeError(`${what}: invalid Date`);
  return t;
}

/**
 * Working-day arithmetic for deadlines (DOMAIN.md, "Working days and deadlines"): the day of the
 * triggering event does not count, a deadline ends at the end of its last day in the business time
 * zone, and a deadline never ends on a day off. Immutable: edits to the calendar build a new one.
 */
export class WorkingCalendar {
  readonly timeZone: string;
  private readonly years = new Map<number, YearIndex>();
  /** Consecutive lookups are nearly always in the same year. */
  private lastYear: YearIndex | undefined;
  private readonly dateParts: Intl.DateTimeFormat;
  /** Formatting through Intl costs microseconds; a day's first instant never changes. */
  private readonly dayStarts = new Map<number, number>();
  private offsetHint: number | undefined;

  constructor(years: ReadonlyMap<number, CalendarYear>, timeZone = defaultTimeZone) {
    for (const [key, table] of years) {
      if (key !== table.year)
        throw new RangeError(`calendar year keyed ${key} holds the table of ${table.year}`);
      const problems = validateCalendarYear(table);
      if (problems.length > 0) throw new RangeError(`calendar year ${key}: ${problems.join('; ')}`);
      // Copied so that later edits to the caller's objects cannot change this calendar.
      this.years.set(
        key,
        indexYear({
          year: key,
          daysOff: table.daysOff.map((d) => ({ ...d })),
          workingSaturdays: [...table.workingSaturdays],
        }),
      );
    }
    // Throws RangeError for an unknown zone, which is what a misconfigured deployment should see.
    this.dateParts = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    this.timeZone = timeZone;
  }

  /** The table in force for a year: the admin's, or the pre-filled default. */
  calendarYear(year: number): CalendarYear {
    const t = this.yearIndex(Date.UTC(year, 0, 1) / DAY_MS).table;
    return {
      year: t.year,
      daysOff: t.daysOff.map((d) => ({ ...d })),
      workingSaturdays: [...t.workingSaturdays],
    };
  }

  isWorkingDay(date: string): boolean {
    return this.isWorkingDayNumber(dayNumber(date));
  }

  /** The calendar date of an instant in the business time zone. */
  localDate(instant: Date): string {
    return localDate(new Date(checkInstant(instant, 'localDate')), this.timeZone);
  }

  /** The first instant of a local date. */
  startOfDay(date: string): Date {
    return new Date(this.startOfDayNumber(dayNumber(date)));
  }

  /** Midnight at the end of a local date, i.e. the first instant of the next one. */
  endOfDay(date: string): Date {
    return new Date(this.startOfDayNumber(dayNumber(date) + 1));
  }

  /** The n-th working day after `date` (which does not count); n = 0: `date` itself or the next working day. */
  addWorkingDays(date: string, n: number): string {
    checkCount(n, 'addWorkingDays');
    return isoDate(this.addWorkingDayNumbers(dayNumber(date), n));
  }

  /** Working days in (a, b]; 0 when b is not after a. */
  workingDaysBetween(a: string, b: string): number {
    return this.countWorkingDays(dayNumber(a), dayNumber(b));
  }

  /** When a period started at `from` runs out. */
  dueAt(from: Date, period: Period): Date {
    const t = checkInstant(from, 'dueAt');
    if ('seconds' in period) {
      if (!Number.isFinite(period.seconds) || period.seconds < 0) {
        throw new RangeError(`dueAt: ${period.seconds} seconds is not a duration`);
      }
      return new Date(t + period.seconds * 1000);
    }
    checkCount(period.workingDays, 'dueAt');
    const last = this.addWorkingDayNumbers(this.localDayNumber(t), period.workingDays);
    return new Date(this.startOfDayNumber(last + 1));
  }

  /** A deadline given as a date (a campaign's): the end of that day, or of the next working day. */
  dueAtFromDate(date: string): Date {
    const last = this.addWorkingDayNumbers(dayNumber(date), 0);
    return new Date(this.startOfDayNumber(last + 1));
  }

  /**
   * What is left of a period when its clock stops (a dossier returned for supplement), in the
   * period's own unit. Working days: those after the pause day up to the deadline's last day.
   */
  remaining(pausedAt: Date, dueAt: Date, period: Period): Period {
    const p = checkInstant(pausedAt, 'remaining');
    const d = checkInstant(dueAt, 'remaining');
    if ('seconds' in period) {
      // At least one second, because a zero-length period is not a Period and resuming must re-arm.
      return { seconds: Math.max(1, Math.ceil((d - p) / 1000)) };
    }
    if (p >= d) return { workingDays: 0 };
    // The due instant is the midnight that ends its last day, so the last day is the one just before.
    const lastDay = this.localDayNumber(d - 1);
    return { workingDays: this.countWorkingDays(this.localDayNumber(p), lastDay) };
  }

  /**
   * The new due instant when a stopped clock restarts with what was left. `{workingDays: 0}` gives
   * the end of the resume day (or of the next working day), never a deadline already past.
   */
  resume(resumedAt: Date, remaining: Period): Date {
    return this.dueAt(resumedAt, remaining);
  }

  /** For reminders: the start of the n-th working day before the due instant's last day (n = 0: that day). */
  workingDaysBefore(due: Date, n: number): Date {
    checkCount(n, 'workingDaysBefore');
    let day = this.localDayNumber(checkInstant(due, 'workingDaysBefore') - 1);
    for (let found = 0, scanned = 0; found < n;) {
      day--;
      if (this.isWorkingDayNumber(day)) {
        found++;
        scanned = 0;
      } else if (++scanned > MAX_SCAN_DAYS) this.noWorkingDays(isoDate(day));
    }
    return new Date(this.startOfDayNumber(day));
  }

  /** For escalations: the end of the n-th working day after the instant's local date (n = 0: the instant). */
  addWorkingDaysToInstant(instant: Date, n: number): Date {
    checkCount(n, 'addWorkingDaysToInstant');
    const t = checkInstant(instant, 'addWorkingDaysToInstant');
    if (n === 0) return new Date(t);
    return new Date(this.startOfDayNumber(this.addWorkingDayNumbers(this.localDayNumber(t), n) + 1));
  }

  private yearIndex(dayNum: number): YearIndex {
    const cached = this.lastYear;
    if (cached && dayNum >= cached.first && dayNum <= cached.last) return cached;
    const year = new Date(dayNum * DAY_MS).getUTCFullYear();
    let index = this.years.get(year);
    if (!index) {
      index = indexYear(defaultCalendarYear(year));
      this.years.set(year, index);
    }
    this.lastYear = index;
    return index;
  }

  private isWorkingDayNumber(dayNum: number): boolean {
    const y = this.yearIndex(dayNum);
    return isWeekend(dayNum) ? y.workingSaturdays.has(dayNum) : !y.off.has(dayNum);
  }

  private addWorkingDayNumbers(start: number, n: number): number {
    let day = start;
    if (n === 0) {
      for (let scanned = 0; !this.isWorkingDayNumber(day); day++) {
        if (++scanned > MAX_SCAN_DAYS) this.noWorkingDays(isoDate(start));
      }
      return day;
    }
    for (let found = 0, scanned = 0; found < n;) {
      day++;
      if (this.isWorkingDayNumber(day)) {
        found++;
        scanned = 0;
      } else if (++scanned > MAX_SCAN_DAYS) this.noWorkingDays(isoDate(start));
    }
    return day;
  }

  private countWorkingDays(a: number, b: number): number {
    let count = 0;
    for (let day = a + 1; day <= b; day++) if (this.isWorkingDayNumber(day)) count++;
    return count;
  }

  private noWorkingDays(near: string): never {
    throw new RangeError(`the calendar has no working day within ${MAX_SCAN_DAYS} days of ${near}`);
  }

  /** Wall-clock minus UTC, in ms, at an instant. */
  private offsetAt(t: number): number {
    const f: Record<string, number> = {};
    for (const part of this.dateParts.formatToParts(new Date(t))) {
      if (part.type !== 'literal') f[part.type] = Number(part.value);
    }
    const wall = Date.UTC(f.year ?? NaN, (f.month ?? NaN) - 1, f.day, f.hour, f.minute, f.second);
    return wall - (t - (((t % 1000) + 1000) % 1000));
  }

  private localDayNumber(t: number): number {
    this.offsetHint ??= this.offsetAt(t);
    let day = Math.floor((t + this.offsetHint) / DAY_MS);
    // The hint is exact except across an offset change, so these loops run at most once or twice.
    while (this.startOfDayNumber(day) > t) day--;
    while (this.startOfDayNumber(day + 1) <= t) day++;
    return day;
  }

  private startOfDayNumber(dayNum: number): number {
    const cached = this.dayStarts.get(dayNum);
    if (cached !== undefined) return cached;
    const wallMidnight = dayNum * DAY_MS;
    const guess = wallMidnight - this.offsetAt(wallMidnight);
    // The offset at the real instant may differ from the one at the guess when a DST change lies
    // between them; one correction settles it.
    const offset = this.offsetAt(guess);
    const start = wallMidnight - offset;
    this.offsetHint = offset;
    this.dayStarts.set(dayNum, start);
    return start;
  }
}
