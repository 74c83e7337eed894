import { z } from 'zod';
import { nfc } from './text';

/**
 * Document numbers and symbols (NĐ 30/2020 Phụ lục I): `Số: 05/QĐ-SLĐTBXH` is number / type
 * abbreviation – issuer abbreviation, no spaces. Numbers under 10 take a leading zero. A draft has no
 * number yet: its number line keeps a blank for the clerk or the signature (`Số:      /QĐ-SNV`).
 */
export const documentTypeCodes = ['QĐ', 'TTr', 'BB', 'TB', 'KH'] as const;
export type DocumentTypeCode = (typeof documentTypeCodes)[number];

/** An issuer code: Vietnamese capitals, digits and `&`, in parts joined by `-` (`SLĐTBXH`, `LĐ-TB&XH`). */
export const issuerCodeSchema = z
  .string()
  .transform(nfc)
  .pipe(z.string().regex(/^[\p{Lu}\p{N}&]+(?:-[\p{Lu}\p{N}&]+)*$/u, 'an issuer code such as SNV or SLĐTBXH'));

/** The blank a draft keeps where the number goes. */
export const NUMBER_BLANK = '\u00a0'.repeat(6);

export const formatNumber = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** `05/QĐ-SLĐTBXH`, or `      /QĐ-SLĐTBXH` for a draft (number null). */
export function documentSymbol(number: number | null, type: DocumentTypeCode, issuerCode: string): string {
  const no = number === null ? NUMBER_BLANK : formatNumber(number);
  return `${no}/${type}-${nfc(issuerCode)}`;
}

/** The number line of the header: `Số: 05/QĐ-SNV`. */
export const numberLine = (number: number | null, type: DocumentTypeCode, issuerCode: string): string =>
  `Số: ${documentSymbol(number, type, issuerCode)}`;

const isoDateRe = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

export function parseIsoDate(date: string): CalendarDate {
  const m = isoDateRe.exec(date);
  if (!m) throw new RangeError(`not a date (YYYY-MM-DD): ${date}`);
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) {
    throw new RangeError(`not a calendar date: ${date}`);
  }
  return { year, month, day };
}

export const isoDateSchema = z.string().refine((s) => {
  try {
    parseIsoDate(s);
    return true;
  } catch {
    return false;
  }
}, 'a date YYYY-MM-DD');

/**
 * The place and date line: `Bắc Ninh, ngày 05 tháng 12 năm 2026`. Days under 10 and the months 1 and 2
 * take a leading zero (NĐ 30/2020 Phụ lục I). A draft (date null) keeps blanks for day and month.
 */
export function placeDateLine(place: string, date: string | null, year: number): string {
  if (date === null) return `${nfc(place)}, ngày${NUMBER_BLANK}tháng${NUMBER_BLANK}năm ${year}`;
  const d = parseIsoDate(date);
  const day = d.day < 10 ? `0${d.day}` : String(d.day);
  const month = d.month <= 2 ? `0${d.month}` : String(d.month);
  return `${nfc(place)}, ngày ${day} tháng ${month} năm ${d.year}`;
}

/** `05/12/2026`, as dates are cited inside a text (the annex reference, the legal grounds). */
export function shortDate(date: string): string {
  const d = parseIsoDate(date);
  return `${String(d.day).padStart(2, '0')}/${String(d.month).padStart(2, '0')}/${d.year}`;
}
