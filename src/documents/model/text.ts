import { z } from 'zod';

/**
 * Vietnamese text enters the documents layer in NFC, always: pdfkit places the marks of decomposed
 * (NFD) text wrongly ("Thuởng" for "Thương") and `pdftotext` then gives back text that is not NFC.
 */
export const nfc = (s: string): string => s.normalize('NFC');

/** A string normalised to NFC when parsed. */
export const textSchema = z.string().transform(nfc);
/** A non-empty string (after trimming) normalised to NFC. */
export const requiredTextSchema = z.string().trim().min(1).transform(nfc);

/** The same value with every string in it normalised to NFC (for data that has no schema). */
export function nfcDeep<T>(value: T): T {
  if (typeof value === 'string') return nfc(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => nfcDeep(v)) as T;
  if (value !== null && typeof value === 'object' && !(value instanceof Date) && !ArrayBuffer.isView(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, nfcDeep(v)])) as T;
  }
  return value;
}

/** Vietnamese without its marks, for ASCII-only places (file name fallbacks): "Quyết định" → "Quyet dinh". */
export function stripVietnameseMarks(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').normalize('NFC');
}

/** Upper case as Vietnamese writes it (the default locale rules suffice: no dotted-i cases). */
export const upper = (s: string): string => nfc(s).toLocaleUpperCase('vi-VN');
