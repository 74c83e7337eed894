import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

/**
 * What every component shares: `classes` and `attributes` as in the GOV.UK macros (the components take
 * the macros' parameter names, so their `fixtures.json` can be rendered through ours in the tests), and
 * the few words a component writes itself ("Error:", "Back", "Menu"…), from the page's catalogue through
 * {@link UiText} (GOV.UK's English defaults when no page provides them, as in the fixtures).
 *
 * Text is always text: components take `text` (escaped by JSX) or JSX children, never an HTML string.
 */
export type AttrValue = string | number | boolean | undefined | null;
export type Attributes = Record<string, AttrValue | { value: AttrValue; optional?: boolean }>;

export interface Common {
  classes?: string | undefined;
  attributes?: Attributes | undefined;
}

/** Class names joined, falsy ones left out. */
export const cx = (...names: Array<string | false | null | undefined>): string =>
  names.filter((n): n is string => typeof n === 'string' && n !== '').join(' ');

/** The macros' `attributes` as JSX props (`{value, optional}` entries as govukAttributes reads them). */
export function attrs(a: Attributes | undefined): Record<string, string | boolean> {
  const out: Record<string, string | boolean> = {};
  for (const [k, raw] of Object.entries(a ?? {})) {
    const entry = typeof raw === 'object' && raw !== null ? raw : { value: raw, optional: false };
    const v = entry.value;
    if (entry.optional) {
      if (v === undefined || v === null || v === false) continue;
      out[k] = v === true ? true : String(v);
    } else out[k] = v === undefined || v === null ? '' : String(v);
  }
  return out;
}

/**
 * Attributes whose values Preact's DOM types narrow (`role`, `spellcheck="false"`, `draggable="false"`),
 * written as the GOV.UK templates write them.
 */
export function raw(a: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(a)) if (v !== undefined) out[k] = v;
  return out;
}

export interface UiStrings {
  errorPrefix: string;
  back: string;
  menu: string;
  serviceInformation: string;
  breadcrumb: string;
  pagination: string;
  previousPage: string;
  nextPage: string;
  page: (n: string) => string;
  success: string;
  important: string;
  day: string;
  month: string;
  year: string;
  removeFilter: string;
  applyFilters: string;
  by: string;
}

/** GOV.UK's own words (what its fixtures show). */
export const govukUiStrings: UiStrings = {
  errorPrefix: 'Error',
  back: 'Back',
  menu: 'Menu',
  serviceInformation: 'Service information',
  breadcrumb: 'Breadcrumb',
  pagination: 'Pagination',
  previousPage: 'Previous page',
  nextPage: 'Next page',
  page: (n) => `Page ${n}`,
  success: 'Success',
  important: 'Important',
  day: 'Day',
  month: 'Month',
  year: 'Year',
  removeFilter: 'Remove this filter',
  applyFilters: 'Apply filters',
  by: 'by',
};

export const UiText = createContext<UiStrings>(govukUiStrings);
export const useUiText = (): UiStrings => useContext(UiText);
