import type { Request } from 'express';
import { ErrorSummary } from './components';
import { type Catalogue, labelIn, type Locale } from './i18n';

/**
 * Form plumbing shared by the pages: the submitted fields as strings (NFC), and errors shown twice as
 * GOV.UK asks — in the error summary at the top (focused on load, each linking to its field) and next to
 * the field. The page title is prefixed with "Lỗi:" when there are errors.
 */
export interface FieldError {
  /** The field's name in the form. */
  field: string;
  /** The id the summary links to (the control, or the first control of a group). */
  href: string;
  text: string;
}

export type Fields = Record<string, string>;

/** The url-encoded body as trimmed NFC strings (a repeated field keeps its last value). */
export function formFields(req: Request): Fields {
  const out: Fields = {};
  const body = (req.body ?? {}) as Record<string, unknown>;
  for (const [k, v] of Object.entries(body)) {
    const s: unknown = Array.isArray(v) ? (v as unknown[])[v.length - 1] : v;
    if (typeof s === 'string') out[k] = s.normalize('NFC');
  }
  return out;
}

export const errorFor = (errors: readonly FieldError[], field: string) => {
  const e = errors.find((x) => x.field === field);
  return e ? { text: e.text } : undefined;
};

export function FormErrors({ errors, m }: { errors: readonly FieldError[]; m: Catalogue }) {
  if (errors.length === 0) return null;
  return (
    <ErrorSummary
      titleText={m.common.errorSummaryTitle}
      errorList={errors.map((e) => ({ text: e.text, href: `#${e.href}` }))}
    />
  );
}

export const titleWithErrors = (title: string, errors: readonly FieldError[], m: Catalogue): string =>
  errors.length ? `${m.common.errorPrefix}: ${title}` : title;

/** A filter's award options: "any" first, then each award by its name in the page's language and its code. */
export const awardFilterItems = (
  awards: ReadonlyArray<{ code: string; name: { vi: string; en: string } }>,
  locale: Locale,
  anyText: string,
) => [
  { value: '', text: anyText },
  ...awards.map((a) => ({ value: a.code, text: `${labelIn(a.name, locale, a.code)} (${a.code})` })),
];
