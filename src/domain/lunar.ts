/**
 * The Vietnamese lunisolar calendar (âm lịch), after Hồ Ngọc Đức's algorithm: new moons and the sun's
 * longitude (Jean Meeus, "Astronomical Algorithms") evaluated at local midnight in UTC+7. Vietnam
 * reckons in UTC+7 and China in UTC+8, so the two calendars occasionally disagree (Tết 1985, 2007).
 * Dates are plain `YYYY-MM-DD` strings in the proleptic Gregorian calendar.
 */

const VIETNAM_UTC_OFFSET_HOURS = 7;
/** The astronomical series are fitted to a few centuries around 2000; outside them the months drift. */
const MIN_YEAR = 1800;
const MAX_YEAR = 2199;
const SYNODIC_MONTH = 29.530588853;
/** Julian day of the new moon of 1900-01-01 13:52 UTC, the origin of the lunation count `k`. */
const LUNATION_EPOCH = 2415021.076998695;

export interface LunarDate {
  year: number;
  /** 1–12; a leap month repeats the number of the month before it. */
  month: number;
  day: number;
  leap: boolean;
}

const INT = Math.floor;

/** Julian day number at noon of a Gregorian date (Julian calendar before 1582-10-15). */
function jdFromDate(day: number, month: number, year: number): number {
  const a = INT((14 - month) / 12);
  const y = year + 4800 - a;
  const m = month + 12 * a - 3;
  const jd = day + INT((153 * m + 2) / 5) + 365 * y + INT(y / 4) - INT(y / 100) + INT(y / 400) - 32045;
  if (jd < 2299161) return day + INT((153 * m + 2) / 5) + 365 * y + INT(y / 4) - 32083;
  return jd;
}

function jdToIsoDate(jd: number): string {
  let b: number;
  let c: number;
  if (jd > 2299160) {
    const a = jd + 32044;
    b = INT((4 * a + 3) / 146097);
    c = a - INT((b * 146097) / 4);
  } else {
    b = 0;
    c = jd + 32082;
  }
  const d = INT((4 * c + 3) / 1461);
  const e = c - INT((1461 * d) / 4);
  const m = INT((5 * e + 2) / 153);
  const day = e - INT((153 * m + 2) / 5) + 1;
  const month = m + 3 - 12 * INT(m / 10);
  const year = b * 100 + d - 4800 + INT(m / 10);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Julian date (fractional, UTC) of the k-th new moon after the epoch. */
function newMoon(k: number): number {
  const T = k / 1236.85;
  const T2 = T * T;
  const T3 = T2 * T;
  const dr = Math.PI / 180;
  let jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * T2 - 0.000000155 * T3;
  jd1 += 0.00033 * Math.sin((166.56 + 132.87 * T - 0.009173 * T2) * dr);
  const M = 359.2242 + 29.10535608 * k - 0.0000333 * T2 - 0.00000347 * T3;
  const Mpr = 306.0253 + 385.81691806 * k + 0.0107306 * T2 + 0.00001236 * T3;
  const F = 21.2964 + 390.67050646 * k - 0.0016528 * T2 - 0.00000239 * T3;
  let c1 = (0.1734 - 0.000393 * T) * Math.sin(M * dr) + 0.0021 * Math.sin(2 * dr * M);
  c1 = c1 - 0.4068 * Math.sin(Mpr * dr) + 0.0161 * Math.sin(dr * 2 * Mpr);
  c1 = c1 - 0.0004 * Math.sin(dr * 3 * Mpr);
  c1 = c1 + 0.0104 * Math.sin(dr * 2 * F) - 0.0051 * Math.sin(dr * (M + Mpr));
  c1 = c1 - 0.0074 * Math.sin(dr * (M - Mpr)) + 0.0004 * Math.sin(dr * (2 * F + M));
  c1 = c1 - 0.0004 * Math.sin(dr * (2 * F - M)) - 0.0006 * Math.sin(dr * (2 * F + Mpr));
  c1 = c1 + 0.001 * Math.sin(dr * (2 * F - Mpr)) + 0.0005 * Math.sin(dr * (2 * Mpr + M));
  const deltaT =
    T < -11
      ? 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 - 0.000000081 * T * T3
      : -0.000278 + 0.000265 * T + 0.000262 * T2;
  return jd1 + c1 - deltaT;
}

/** The sun's apparent longitude in radians, normalised to [0, 2π). */
function sunLongitude(jdn: number): number {
  const T = (jdn - 2451545.0) / 36525;
  const T2 = T * T;
  const dr = Math.PI / 180;
  const M = 357.5291 + 35999.0503 * T - 0.0001559 * T2 - 0.00000048 * T * T2;
  const L0 = 280.46645 + 36000.76983 * T + 0.0003032 * T2;
  let DL = (1.9146 - 0.004817 * T - 0.000014 * T2) * Math.sin(dr * M);
  DL = DL + (0.019993 - 0.000101 * T) * Math.sin(dr * 2 * M) + 0.00029 * Math.sin(dr * 3 * M);
  let L = (L0 + DL) * dr;
  L = L - Math.PI * 2 * INT(L / (Math.PI * 2));
  return L;
}

/** Which of the twelve 30° sectors (0 = spring equinox) the sun is in at local midnight of that day. */
function sunSector(dayNumber: number, timeZone: number): number {
  return INT((sunLongitude(dayNumber - 0.5 - timeZone / 24) / Math.PI) * 6);
}

/** Julian day number of the local day on which the k-th new moon falls. */
function newMoonDay(k: number, timeZone: number): number {
  return INT(newMoon(k) + 0.5 + timeZone / 24);
}

/** Start of lunar month 11 (the month holding the winter solstice) of the given Gregorian year. */
function lunarMonth11(year: number, timeZone: number): number {
  const off = jdFromDate(31, 12, year) - 2415021;
  const k = INT(off / SYNODIC_MONTH);
  const nm = newMoonDay(k, timeZone);
  // Sector 9 starts at 270°, the solstice: a month starting after it cannot be month 11.
  if (sunSector(nm, timeZone) >= 9) return newMoonDay(k - 1, timeZone);
  return nm;
}

/**
 * In a 13-month year, the offset from month 11 of the first month without a major solar term (trung
 * khí); that month is the leap month.
 */
function leapMonthOffset(a11: number, timeZone: number): number {
  const k = INT((a11 - LUNATION_EPOCH) / SYNODIC_MONTH + 0.5);
  let i = 1;
  let arc = sunSector(newMoonDay(k + i, timeZone), timeZone);
  let last: number;
  do {
    last = arc;
    i++;
    arc = sunSector(newMoonDay(k + i, timeZone), timeZone);
  } while (arc !== last && i < 14);
  return i - 1;
}

function solarToLunarAt(jd: number, year: number, timeZone: number): LunarDate {
  const k = INT((jd - LUNATION_EPOCH) / SYNODIC_MONTH);
  let monthStart = newMoonDay(k + 1, timeZone);
  if (monthStart > jd) monthStart = newMoonDay(k, timeZone);
  let a11 = lunarMonth11(year, timeZone);
  let b11 = a11;
  let lunarYear: number;
  if (a11 >= monthStart) {
    lunarYear = year;
    a11 = lunarMonth11(year - 1, timeZone);
  } else {
    lunarYear = year + 1;
    b11 = lunarMonth11(year + 1, timeZone);
  }
  const day = jd - monthStart + 1;
  const diff = INT((monthStart - a11) / 29);
  let leap = false;
  let month = diff + 11;
  if (b11 - a11 > 365) {
    const leapDiff = leapMonthOffset(a11, timeZone);
    if (diff >= leapDiff) {
      month = diff + 10;
      leap = diff === leapDiff;
    }
  }
  if (month > 12) month -= 12;
  if (month >= 11 && diff < 4) lunarYear -= 1;
  return { year: lunarYear, month, day, leap };
}

/** Julian day number of day 1 of the given lunar month, or null if that leap month does not exist. */
function lunarMonthStart(year: number, month: number, leap: boolean, timeZone: number): number | null {
  let a11: number;
  let b11: number;
  if (month < 11) {
    a11 = lunarMonth11(year - 1, timeZone);
    b11 = lunarMonth11(year, timeZone);
  } else {
    a11 = lunarMonth11(year, timeZone);
    b11 = lunarMonth11(year + 1, timeZone);
  }
  const k = INT(0.5 + (a11 - LUNATION_EPOCH) / SYNODIC_MONTH);
  let off = month - 11;
  if (off < 0) off += 12;
  if (b11 - a11 > 365) {
    const leapOff = leapMonthOffset(a11, timeZone);
    let leapMonth = leapOff - 2;
    if (leapMonth < 0) leapMonth += 12;
    if (leap && month !== leapMonth) return null;
    if (leap || off >= leapOff) off += 1;
  } else if (leap) {
    return null;
  }
  return newMoonDay(k + off, timeZone);
}

function checkYear(year: number, what: string): void {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new RangeError(`${what}: year ${year} is outside ${MIN_YEAR}–${MAX_YEAR}`);
  }
}

/** The Gregorian date (`YYYY-MM-DD`) of a Vietnamese lunar date; throws if no such lunar date exists. */
export function lunarToSolar(lunarYear: number, lunarMonth: number, lunarDay: number, leap = false): string {
  checkYear(lunarYear, 'lunarToSolar');
  const label = `${lunarDay}/${lunarMonth}${leap ? ' (nhuận)' : ''}/${lunarYear}`;
  if (!Number.isInteger(lunarMonth) || lunarMonth < 1 || lunarMonth > 12) {
    throw new RangeError(`lunarToSolar: no lunar month in ${label}`);
  }
  if (!Number.isInteger(lunarDay) || lunarDay < 1 || lunarDay > 30) {
    throw new RangeError(`lunarToSolar: no lunar day in ${label}`);
  }
  const start = lunarMonthStart(lunarYear, lunarMonth, leap, VIETNAM_UTC_OFFSET_HOURS);
  if (start === null) {
    throw new RangeError(`lunarToSolar: lunar year ${lunarYear} has no leap month ${lunarMonth}`);
  }
  const jd = start + lunarDay - 1;
  if (lunarDay === 30 && solarToLunarAt(jd, yearOfJd(jd), VIETNAM_UTC_OFFSET_HOURS).day !== 30) {
    throw new RangeError(`lunarToSolar: ${label} does not exist, that month has 29 days`);
  }
  return jdToIsoDate(jd);
}

function yearOfJd(jd: number): number {
  return Number(jdToIsoDate(jd).slice(0, 4));
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The Vietnamese lunar date of a Gregorian date given as `YYYY-MM-DD`. */
export function solarToLunar(date: string): LunarDate {
  const match = ISO_DATE.exec(date);
  const [year, month, day] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [0, 0, 0];
  const jd = jdFromDate(day, month, year);
  if (!match || month < 1 || month > 12 || day < 1 || jdToIsoDate(jd) !== date) {
    throw new RangeError(`solarToLunar: '${date}' is not a valid date (YYYY-MM-DD)`);
  }
  checkYear(year, 'solarToLunar');
  return solarToLunarAt(jd, year, VIETNAM_UTC_OFFSET_HOURS);
}

/** Gregorian date of Tết (1/1 lunar) of the lunar year that starts in the given Gregorian year. */
export function tetDate(year: number): string {
  return lunarToSolar(year, 1, 1);
}
