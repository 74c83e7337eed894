import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger } from 'pino';

/**
 * What ties a log line to its cause: the request being served, or the job being run and the request
 * that caused it (carried from the outbox row into the job's data). Kept in AsyncLocalStorage, so every
 * line logged while serving it carries it without passing it through every call.
 */
export interface Trace {
  requestId?: string | undefined;
  jobId?: string | undefined;
}

const storage = new AsyncLocalStorage<Trace>();

export function withTrace<T>(trace: Trace, fn: () => T): T {
  return storage.run(trace, fn);
}

export function currentTrace(): Trace | undefined {
  return storage.getStore();
}

/** A job's data may carry the id of the request that caused it (`requestId`); anything else is ignored. */
export function traceOfJob(job: { id?: string | undefined; data: unknown }): Trace {
  const d = job.data as { requestId?: unknown } | null;
  const requestId = typeof d?.requestId === 'string' ? d.requestId : undefined;
  return { ...(requestId ? { requestId } : {}), ...(job.id ? { jobId: job.id } : {}) };
}

/**
 * pino's `mixin`: the current trace on every line (not repeated where the logger already binds it, as
 * the request logger of pino-http does).
 */
export function traceMixin(_merge: object, _level: number, logger: Logger): object {
  const t = storage.getStore();
  if (!t) return {};
  const bound = t.requestId ? (logger.bindings() as { requestId?: unknown }).requestId : undefined;
  return {
    ...(t.requestId && bound === undefined ? { requestId: t.requestId } : {}),
    ...(t.jobId ? { jobId: t.jobId } : {}),
  };
}
