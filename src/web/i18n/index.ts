import { en } from './en';
import { type Catalogue, vi } from './vi';

export type { Catalogue } from './vi';

export const locales = ['vi', 'en'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'vi';

const catalogues: Record<Locale, Catalogue> = { vi, en };

export const isLocale = (s: unknown): s is Locale => s === 'vi' || s === 'en';

/** The strings of a locale (Vietnamese for anything unknown). */
export function messages(locale: string): Catalogue {
  return catalogues[isLocale(locale) ? locale : defaultLocale];
}

/** A machine's bilingual label (`{vi, en}`) in the page's language. */
export const labelIn = (label: { vi: string; en: string } | undefined, locale: Locale, fallback: string) =>
  label ? label[locale] : fallback;
