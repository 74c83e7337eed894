import { z } from 'zod';
import { writeCalendarYear } from '../../db/calendar-years';
import { validateCalendarYear } from '../../domain/calendar';
import { dayOffKinds } from '../../domain/calendar-defaults';
import { AppError } from '../../errors';
import { requireRole } from '../access';
import { recordAdminChange } from '../audit/record-admin-change';
import { parseInput } from '../input';
import type { Actor, EngineDeps } from '../types';
import { getCalendarYear, type CalendarYearView } from './get-calendar-year';

export const calendarYearInput = z
  .object({
    daysOff: z
      .array(
        z
          .object({ date: z.iso.date(), name: z.string().trim().min(1).max(200), kind: z.enum(dayOffKinds) })
          .strict(),
      )
      .max(366),
    workingSaturdays: z.array(z.iso.date()).max(53),
  })
  .strict();

/**
 * An admin replaces a year's days off and make-up Saturdays, which confirms the year. Deadlines armed
 * from then on count with it (the engine's cached calendar is dropped).
 */
export async function putCalendarYear(
  deps: Pick<EngineDeps, 'db'> & Partial<Pick<EngineDeps, 'now'>> & { invalidateCalendar?: () => void },
  actor: Actor,
  year: number,
  input: unknown,
): Promise<CalendarYearView> {
  requireRole(actor, 'admin');
  const body = parseInput(calendarYearInput, input);
  const table = { year, daysOff: body.daysOff, workingSaturdays: body.workingSaturdays };
  const problems = validateCalendarYear(table);
  if (problems.length > 0)
    throw new AppError('VALIDATION_FAILED', `the calendar of ${year} is not valid`, {
      errors: problems.map((message) => ({
        field: message.startsWith('workingSaturdays') ? 'workingSaturdays' : 'daysOff',
        message,
      })),
    });
  await deps.db.transaction(async (tx) => {
    const before = await getCalendarYear({ db: tx }, year);
    await writeCalendarYear(tx, table, true, actor.userId);
    const dates = (ds: Array<{ date: string }>) => new Set(ds.map((d) => d.date));
    const offBefore = dates(before.daysOff);
    const offAfter = dates(table.daysOff);
    await recordAdminChange(tx, {
      actor,
      kind: 'calendar',
      action: 'calendar.changed',
      target: { id: year, label: String(year) },
      details: {
        wasConfirmed: before.confirmed,
        daysOffAdded: table.daysOff.filter((d) => !offBefore.has(d.date)),
        daysOffRemoved: before.daysOff.filter((d) => !offAfter.has(d.date)),
        workingSaturdaysAdded: table.workingSaturdays.filter((d) => !before.workingSaturdays.includes(d)),
        workingSaturdaysRemoved: before.workingSaturdays.filter((d) => !table.workingSaturdays.includes(d)),
        daysOff: table.daysOff.length,
        workingSaturdays: table.workingSaturdays.length,
      },
      at: deps.now?.(),
    });
  });
  deps.invalidateCalendar?.();
  return { ...table, confirmed: true };
}
