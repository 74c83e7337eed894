import { readCalendarYears } from '../../db/calendar-years';
import { type DayOff, defaultCalendarYear } from '../../domain/calendar-defaults';
import type { Queryable } from '../../db/db';

export interface CalendarYearView {
  year: number;
  daysOff: DayOff[];
  workingSaturdays: string[];
  /** Confirmed by an admin; otherwise the computed default (lunar holidays included). */
  confirmed: boolean;
}

/** A year's calendar: the admin's table when there is one, else the pre-filled default. */
export async function getCalendarYear(deps: { db: Queryable }, year: number): Promise<CalendarYearView> {
  const stored = (await readCalendarYears(deps.db)).find((y) => y.year === year);
  if (stored)
    return {
      year: stored.year,
      daysOff: stored.daysOff,
      workingSaturdays: stored.workingSaturdays,
      confirmed: stored.confirmed,
    };
  return { ...defaultCalendarYear(year), confirmed: false };
}
