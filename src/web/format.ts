import type { WorkingCalendar } from '../domain/calendar';
import type { Catalogue, Locale } from './i18n';

/**
 * How the pages show dates, deadlines and names: dates `dd/mm/yyyy` and times `HH:mm dd/mm/yyyy` in the
 * business time zone (TZ_BUSINESS), whatever the server's or the browser's zone; deadlines as their last
 * day plus the working days left (or overdue) on the working-day calendar; accent-insensitive search and
 * Vietnamese collation.
 */

const dateFormats = new Map<string, Intl.DateTimeFormat>();
function partsFormat(timeZone: string): Intl.DateTimeFormat {
  let f = dateFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    dateFormats.set(timeZone, f);
  }
  return f;
}

function parts(d: Date, timeZone: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of partsFormat(timeZone).formatToParts(d)) out[p.type] = p.value;
  return out;
}

const toDate = (v: Date | string): Date => (v instanceof Date ? v : new Date(v));

/** `dd/mm/yyyy` of an instant in `timeZone`, or of a plain `YYYY-MM-DD` date as it is. */
export function formatDate(v: Date | string, timeZone: string): string {
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) {
    const [y, m, d] = v.split('-');
    return `${d}/${m}/${y}`;
  }
  const p = parts(toDate(v), timeZone);
  return `${p.day}/${p.month}/${p.year}`;
}

/** `HH:mm dd/mm/yyyy` (the order Vietnamese documents use). */
export function formatDateTime(v: Date | string, timeZone: string): string {
  const p = parts(toDate(v), timeZone);
  return `${p.hour}:${p.minute} ${p.day}/${p.month}/${p.year}`;
}

/** ISO 8601 with the business zone's offset, for `<time datetime>`. */
export function isoInstant(v: Date | string): string {
  return toDate(v).toISOString();
}

export interface DeadlineView {
  /** The deadline's last day, `dd/mm/yyyy` (a deadline ends at the end of its last day). */
  date: string;
  /** Its last day, YYYY-MM-DD, for `<time datetime>`. */
  isoDate: string;
  overdue: boolean;
  /** Working days left after today (not overdue) or working days past the last day (overdue, ≥ 1). */
  days: number;
  /** "còn 3 ngày làm việc" / "hết hạn cuối ngày hôm nay" / "Quá hạn 2 ngày". */
  text: string;
}

/**
 * A deadline as people read it. `dueAt` is the instant it ends (midnight after its last day, as the engine
 * stores it); its last day is the local date of the instant just before. Left: the working days after
 * today up to the last day. Overdue: the working days after the last day up to today, at least 1 (a
 * deadline passed over a weekend is still overdue).
 */
export function describeDeadline(
  dueAt: Date | string,
  now: Date,
  calendar: WorkingCalendar,
  m: Catalogue,
): DeadlineView {
  const due = toDate(dueAt);
  const lastDay = calendar.localDate(new Date(due.getTime() - 1));
  const today = calendar.localDate(now);
  const date = formatDate(lastDay, calendar.timeZone);
  if (now.getTime() >= due.getTime()) {
    const days = Math.max(1, calendar.workingDaysBetween(lastDay, today));
    return { date, isoDate: lastDay, overdue: true, days, text: m.deadline.overdue(days) };
  }
  const days = calendar.workingDaysBetween(today, lastDay);
  return {
    date,
    isoDate: lastDay,
    overdue: false,
    days,
    text: days === 0 ? m.deadline.dueToday : m.deadline.left(days),
  };
}

/**
 * A string for accent-insensitive matching: NFD, combining marks removed, đ/Đ → d (NFD does not decompose
 * them), lower case. "Lê Quý Đôn" and "le quy don" fold alike.
 */
export function foldVietnamese(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[đĐ]/g, (c) => (c === 'đ' ? 'd' : 'D'))
    .toLowerCase()
    .normalize('NFC');
}

/** Whether every word of `query` occurs in `text`, ignoring accents and case. */
export function matchesSearch(text: string, query: string): boolean {
  const hay = foldVietnamese(text);
  return foldVietnamese(query)
    .split(/\s+/)
    .filter((w) => w !== '')
    .every((w) => hay.includes(w));
}

const collators = new Map<string, Intl.Collator>();
/** Vietnamese alphabetical order ("Ánh" before "Dương", "Đ" after "D"). */
export function collator(locale: Locale = 'vi'): Intl.Collator {
  let c = collators.get(locale);
  if (!c) {
    c = new Intl.Collator(locale === 'vi' ? 'vi' : 'en', { sensitivity: 'base', numeric: true });
    collators.set(locale, c);
  }
  return c;
}

export function sortByText<T>(items: readonly T[], key: (t: T) => string, locale: Locale = 'vi'): T[] {
  const c = collator(locale);
  return [...items].sort((a, b) => c.compare(key(a), key(b)));
}

/** Input text as stored: NFC (a decomposed "Nguyễn" and a composed one must be equal), trimmed. */
export const normalizeText = (s: string): string => s.normalize('NFC').trim();
