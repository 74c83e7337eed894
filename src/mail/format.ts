import { createHash } from 'node:crypto';

import { defaultTimeZone } from '../domain/business-date';

/** The business time zone by default (API.md `TZ_BUSINESS`), and an instant's date in it. */
export { defaultTimeZone, localDate } from '../domain/business-date';

export type NoticeLocale = 'vi' | 'en';

const enMonths = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
] as const;

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

/** Wall-clock parts of an instant in a time zone (formatters are cached: building one is slow). */
export function localParts(at: Date, timeZone: string): LocalParts {
  let f = partsFormatters.get(timeZone);
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
    partsFormatters.set(timeZone, f);
  }
  const get = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(f.formatToParts(at).find((p) => p.type === type)?.value ?? NaN);
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
  };
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** `30/11/2026` (vi) or `30 Nov 2026` (en), for a `YYYY-MM-DD` date. */
export function formatDate(date: string, locale: NoticeLocale): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return locale === 'vi' ? `${pad2(d)}/${pad2(m)}/${y}` : `${d} ${enMonths[m - 1] ?? '?'} ${y}`;
}

/**
 * A due time as people in the agency write it: `17:00 ngày 30/11/2026` / `30 Nov 2026, 17:00`, in the
 * business time zone. A deadline of N working days ends at midnight after its last day (DOMAIN.md), and
 * "00:00 on 1 December" reads as a day later than it is: midnight is shown as the end of the day before
 * (`hết ngày 30/11/2026` / `end of 30 Nov 2026`).
 */
export function formatDueAt(iso: string, locale: NoticeLocale, timeZone: string = defaultTimeZone): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const p = localParts(at, timeZone);
  if (p.hour === 0 && p.minute === 0) {
    const prev = localParts(new Date(at.getTime() - 60_000), timeZone);
    const day = `${prev.year}-${pad2(prev.month)}-${pad2(prev.day)}`;
    return locale === 'vi' ? `hết ngày ${formatDate(day, 'vi')}` : `end of ${formatDate(day, 'en')}`;
  }
  const day = `${p.year}-${pad2(p.month)}-${pad2(p.day)}`;
  const time = `${pad2(p.hour)}:${pad2(p.minute)}`;
  return locale === 'vi' ? `${time} ngày ${formatDate(day, 'vi')}` : `${formatDate(day, 'en')}, ${time}`;
}

const htmlEscapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => htmlEscapes[c] ?? c);
}

/** Only http(s) links become `href`s: a `javascript:` URL in data must never be clickable. */
export function safeHref(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : null;
  } catch {
    return null;
  }
}

/**
 * The deterministic Message-ID of a notice (without angle brackets; nodemailer adds them): a re-send
 * after a crash carries the same id, so receiving servers and clients can recognise the duplicate.
 */
export function noticeMessageId(key: string, domain = 'accolade'): string {
  return `${createHash('sha256').update(key).digest('hex').slice(0, 32)}@${domain}`;
}
