import type { Logger } from 'pino';
import type { Db } from '../../db/db';
import { calendarStamp, readCalendarYears } from '../../db/calendar-years';
import { getSetting } from '../../db/settings';
import { type CalendarYear, WorkingCalendar } from '../../domain/calendar';
import { type Policy, resolvePolicy } from '../../domain/policy';
import type { EngineDeps, OutboxKicker, RulesPort } from '../types';

/**
 * Policy and calendar change rarely and are read on every transition: keep them for a few seconds, and
 * drop them at once when this process changes them (`invalidate`). Other processes see a change within
 * `ttlMs`.
 */
export function cached<T>(load: () => Promise<T>, ttlMs: number, now: () => number = Date.now) {
  let value: { v: T; at: number } | null = null;
  let inflight: Promise<T> | null = null;
  return {
    async get(): Promise<T> {
      if (value && now() - value.at < ttlMs) return value.v;
      inflight ??= load().then(
        (v) => {
          value = { v, at: now() };
          inflight = null;
          return v;
        },
        (e: unknown) => {
          inflight = null;
          throw e;
        },
      );
      return inflight;
    },
    invalidate() {
      value = null;
    },
  };
}

export interface EngineDepsOptions {
  db: Db;
  logger: Logger;
  rules: RulesPort;
  publicUrl: string;
  timeZone: string;
  dataDir: string;
  documents?: EngineDeps['documents'];
  now?: () => Date;
  outbox?: OutboxKicker;
  cacheMs?: number;
}

export interface BuiltEngineDeps extends EngineDeps {
  invalidatePolicy(): void;
  invalidateCalendar(): void;
}

export function buildEngineDeps(o: EngineDepsOptions): BuiltEngineDeps {
  const ttl = o.cacheMs ?? 5000;
  const policy = cached<Policy>(async () => resolvePolicy(await getSetting(o.db, 'policy')), ttl);
  let stamp = '';
  let calendar: WorkingCalendar | null = null;
  const calendarCache = cached<WorkingCalendar>(async () => {
    const s = await calendarStamp(o.db);
    if (calendar && s === stamp) return calendar;
    const years = new Map<number, CalendarYear>(
      (await readCalendarYears(o.db)).map((y) => [
        y.year,
        { year: y.year, daysOff: y.daysOff, workingSaturdays: y.workingSaturdays },
      ]),
    );
    calendar = new WorkingCalendar(years, o.timeZone);
    stamp = s;
    return calendar;
  }, ttl);
  return {
    db: o.db,
    logger: o.logger,
    now: o.now ?? (() => new Date()),
    rules: o.rules,
    publicUrl: o.publicUrl,
    timeZone: o.timeZone,
    dataDir: o.dataDir,
    ...(o.documents ? { documents: o.documents } : {}),
    ...(o.outbox ? { outbox: o.outbox } : {}),
    policy: () => policy.get(),
    calendar: () => calendarCache.get(),
    invalidatePolicy: () => policy.invalidate(),
    invalidateCalendar: () => calendarCache.invalidate(),
  };
}
