import { z } from 'zod';
import { dayOffKinds } from '../../domain/calendar-defaults';
import { getAwardVersions } from '../../workflow/catalogue/get-award-versions';
import { getCalendarYear } from '../../workflow/catalogue/get-calendar-year';
import { listAwards } from '../../workflow/catalogue/list-awards';
import { calendarYearInput, putCalendarYear } from '../../workflow/catalogue/put-calendar-year';
import { reviseAward, reviseAwardInput } from '../../workflow/catalogue/revise-award';
import type { BuiltEngineDeps } from '../../workflow/engine/engine-deps';
import type { RouteRegistry } from '../registry';

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
export function catalogueRoutes(registry: RouteRegistry, deps: { engine: BuiltEngineDeps }): void {
  const { engine } = deps;

  registry.add({
    method: 'get',
    path: '/api/awards',
    summary: 'The award catalogue in force (today, or on `?date=`)',
    tags: ['catalogue'],
    auth: 'user',
    query: z.object({ date: z.iso.date().optional() }).strict(),
    responses: { 200: z.array(awardSchema) },
    handler: ({ query }) => listAwards(engine, query.date),
  });

  registry.add({
    method: 'get',
    path: '/api/awards/:code/versions',
    summary: 'Every version of an award, oldest first',
    tags: ['catalogue'],
    auth: 'user',
    params: z.object({ code: z.string().max(20) }),
    responses: { 200: z.array(awardSchema), 404: 'no such award' },
    handler: ({ params }) => getAwardVersions(engine, params.code),
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
    body: reviseAwardInput,
    responses: { 200: awardSchema },
    handler: ({ actor, params, body }) => {
      const { effectiveFrom, ...patch } = body;
      return reviseAward(engine, actor, params.code, patch, effectiveFrom);
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
    handler: ({ params }) => getCalendarYear(engine, params.year),
  });

  registry.add({
    method: 'put',
    path: '/api/calendar/:year',
    summary: "Replace a year's days off and make-up Saturdays (confirms the year)",
    tags: ['calendar'],
    auth: ['admin'],
    params: yearParams,
    body: calendarYearInput,
    responses: { 200: calendarSchema },
    handler: ({ actor, params, body }) => putCalendarYear(engine, actor, params.year, body),
  });
}
