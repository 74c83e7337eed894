import type { CalendarYear } from '../domain/calendar';
import type { Queryable } from './db';
import { json } from './db';

export interface StoredCalendarYear extends CalendarYear {
  confirmed: boolean;
  updatedAt: Date;
}

export async function readCalendarYears(q: Queryable): Promise<StoredCalendarYear[]> {
  const rows = await q.query<{
    year: number;
    days_off: CalendarYear['daysOff'];
    working_saturdays: string[];
    confirmed: boolean;
    updated_at: Date;
  }>('SELECT year, days_off, working_saturdays, confirmed, updated_at FROM calendar_years ORDER BY year');
  return rows.map((r) => ({
    year: r.year,
    daysOff: r.days_off,
    workingSaturdays: r.working_saturdays,
    confirmed: r.confirmed,
    updatedAt: r.updated_at,
  }));
}

export async function writeCalendarYear(
  q: Queryable,
  y: CalendarYear,
  confirmed: boolean,
  userId: number | null,
): Promise<void> {
  await q.query(
    `INSERT INTO calendar_years (year, days_off, working_saturdays, confirmed, updated_by, updated_at)
     VALUES ($1, $2, $3, $4, $5, now())
     ON CONFLICT (year) DO UPDATE SET days_off = EXCLUDED.days_off, working_saturdays = EXCLUDED.working_saturdays,
       confirmed = EXCLUDED.confirmed, updated_by = EXCLUDED.updated_by, updated_at = now()`,
    [y.year, json(y.daysOff), json(y.workingSaturdays), confirmed, userId],
  );
}

/** A cheap fingerprint of the calendar tables, to know when a cached calendar is stale. */
export async function calendarStamp(q: Queryable): Promise<string> {
  const rows = await q.query<{ stamp: string | null }>(
    `SELECT count(*)::text || ':' || coalesce(max(updated_at)::text, '') AS stamp FROM calendar_years`,
  );
  return rows[0]?.stamp ?? '';
}
