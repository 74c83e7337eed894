import { z } from 'zod';
import { readCalendarYears, writeCalendarYear } from '../../db/calendar-years';
import { listAwardVersions, putAwardVersion } from '../../db/rules';
import { dayOffKinds, defaultCalendarYear } from '../../domain/calendar-defaults';
import { validateCalendarYear } from '../../domain/calendar';
import { awardPatchSchema, catalogueInForce } from '../../domain/catalogue';
import { AppError } from '../../errors';
import type { BuiltEngineDeps } from '../../workflow/engine/engine-deps';
import type { RouteRegistry } from '../registry';
import { localDate } from '../../domain/business-date';

const awardSchema = z
  .looseObject({
    code: z.string(),
    name: z.object({ vi: z.string(), en: z.string() }),
    recipient: z.string(),
    authority: z.string(),
    needsVote: z.boolean(),
    voteThreshold: z.number(),
    needsNotice: z.boolean(),
    requiredAttachments: z.object({ ordinary: z.array(z.string()), simplified: z.array(z.string()) }),
  })
  .meta({ id: 'Award' });

const calendarSchema = z
  .object({
    year: z.number().int(),
    daysOff: z.array(z.object({ date: z.string(), name: z.string(), kind: z.enum(dayOffKinds) })),
    workingSaturdays: z.array(z.string()),
    confirmed: z.boolean(),
  })
  .meta({ id: 'CalendarYear' });

const yearParams = z.object({ year: z.coerce.number().int().min(1900).max(2199) });

/** The award catalogue (versioned by effective date) and the working-day calendar, per year. */
export function catalogueRoutes(
  registry: RouteRegistry,
  deps: { engine: BuiltEngineDeps; timeZone: string },
): void {
  const { engine } = deps;
  const db = engine.db;

  registry.add({
    method: 'get',
    path: '/api/awards',
    summary: 'The award catalogue in force (today, or on `?date=`)',
    tags: ['catalogue'],
    auth: 'user',
    query: z.object({ date: z.iso.date().optional() }).strict(),
    responses: { 200: z.array(awardSchema) },
    handler: async ({ query }) =>
      catalogueInForce(await listAwardVersions(db), query.date ?? localDate(engine.now(), deps.timeZone)),
  });

  registry.add({
    method: 'get',
    path: '/api/awards/:code/versions',
    summary: 'Every version of an award, oldest first',
    tags: ['catalogue'],
    auth: 'user',
    params: z.object({ code: z.string().max(20) }),
    responses: { 200: z.array(awardSchema), 404: 'no such award' },
    handler: async ({ params }) => {
      const versions = await listAwardVersions(db, params.code);
      if (versions.length === 0) throw new AppError('NOT_FOUND', `award ${params.code} not found`);
      return versions;
    },
  });

  registry.add({
    method: 'put',
    path: '/api/awards/:code',
    summary:
      'A new version of an award, in force from `effectiveFrom` (the previous version ends the day before)',
    description:
      'Dossiers are judged by the versions in force on the day they were received, so a new version never changes a dossier already received.',
    tags: ['catalogue'],
    auth: ['admin'],
    params: z.object({ code: z.string().max(20) }),
    body: awardPatchSchema.extend({
      effectiveFrom: z.iso
        .date()
        .refine((d) => d >= '1900-01-01' && d <= '2199-12-31', 'must be a date between 1900 and 2199'),
    }),
    responses: { 200: awardSchema },
    handler: async ({ params, body, user }) => {
      const { effectiveFrom, ...patch } = body;
      const v = await putAwardVersion(db, params.code, patch, effectiveFrom, user.id);
      return v;
    },
  });

  registry.add({
    method: 'get',
    path: '/api/calendar/:year',
    summary: "A year's calendar: every weekday off by date (weekends implied) and the make-up Saturdays",
    tags: ['calendar'],
    auth: 'user',
    params: yearParams,
    responses: { 200: calendarSchema },
    handler: async ({ params }) => {
      const stored = (await readCalendarYears(db)).find((y) => y.year === params.year);
      if (stored)
        return {
          year: stored.year,
          daysOff: stored.daysOff,
          workingSaturdays: stored.workingSaturdays,
          confirmed: stored.confirmed,
        };
      return { ...defaultCalendarYear(params.year), confirmed: false };
    },
  });

  registry.add({
    method: 'put',
    path: '/api/calendar/:year',
    summary: "Replace a year's days off and make-up Saturdays (confirms the year)",
    tags: ['calendar'],
    auth: ['admin'],
    params: yearParams,
    body: z
      .object({
        daysOff: z
          .array(
            z
              .object({
                date: z.iso.date(),
                name: z.string().trim().min(1).max(200),
                kind: z.enum(dayOffKinds),
              })
              .strict(),
          )
          .max(366),
        workingSaturdays: z.array(z.iso.date()).max(53),
      })
      .strict(),
    responses: { 200: calendarSchema },
    handler: async ({ params, body, user }) => {
      const year = { year: params.year, daysOff: body.daysOff, workingSaturdays: body.workingSaturdays };
      const problems = validateCalendarYear(year);
      if (problems.length > 0)
        throw new AppError('VALIDATION_FAILED', `the calendar of ${params.year} is not valid`, {
          errors: problems.map((message) => ({
            field: message.startsWith('workingSaturdays') ? 'workingSaturdays' : 'daysOff',
            message,
          })),
        });
      await writeCalendarYear(db, year, true, user.id);
      engine.invalidateCalendar();
      return { ...year, confirmed: true };
    },
  });
}
