/**
 * "Today" and any instant's date in the business time zone (`TZ_BUSINESS`): the one definition the
 * engine, the rules, the pages and the emails share. A date has no time zone; an instant's date does.
 */
export const defaultTimeZone = 'Asia/Ho_Chi_Minh';

const formatters = new Map<string, Intl.DateTimeFormat>();

/** `YYYY-MM-DD` of an instant in a time zone (formatters are cached: building one is slow). */
export function localDate(at: Date, timeZone: string = defaultTimeZone): string {
  let f = formatters.get(timeZone);
  if (!f) {
    // en-CA writes dates as YYYY-MM-DD.
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f.format(at);
}

/** The year of an instant in a time zone. */
export const localYear = (at: Date, timeZone: string = defaultTimeZone): number =>
  Number(localDate(at, timeZone).slice(0, 4));
