import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** What the engine reports (the same shape as `EngineObserver` in src/workflow/types.ts). */
export type EventOutcome = 'committed' | 'refused' | 'conflict' | 'retried';
export type EmailOutcome = 'sent' | 'resent' | 'failed' | 'gave-up' | 'unsent';

/** Read at each scrape (not on the hot path): what waits between PostgreSQL and Redis. */
export interface MetricsSources {
  /** Outbox rows not yet handed to Redis, and the age of the oldest (seconds; null when none). */
  backlog?: () => Promise<{ outboxWaiting: number; oldestWaitingSeconds: number | null }>;
  /** Each queue's job counts by state (BullMQ's getJobCounts). */
  queueCounts?: () => Promise<Record<string, Record<string, number>>>;
}

export interface Metrics {
  registry: Registry;
  observeHttp(method: string, route: string, status: number, seconds: number): void;
  event(machine: string, event: string, outcome: EventOutcome): void;
  deadlineFired(rung: string, latenessSeconds: number): void;
  email(outcome: EmailOutcome): void;
  /**
   * Answers a scrape: 404 without a token configured, 401 without the right `Authorization: Bearer`,
   * else the text exposition format.
   */
  serve(req: IncomingMessage, res: ServerResponse): void;
}

/** Latency buckets (s): the API answers in milliseconds; a slow page or upload in seconds. */
const httpBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Lateness of a deadline (fired − due, s): BullMQ's delayed jobs are ~ms late; a sweep-rearmed one, minutes. */
const latenessBuckets = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 15, 60, 300, 900, 3600];

const tokenMatches = (given: string | undefined, token: string): boolean => {
  const m = /^Bearer (.+)$/i.exec(given ?? '');
  if (!m) return false;
  const a = Buffer.from(m[1]!);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
};

/**
 * One process's metrics, on a registry of its own (no global: tests build many apps in one process).
 * `token` unset: `serve` answers 404, the endpoint is off.
 */
export function createMetrics(opts: {
  process: string;
  token?: string | undefined;
  sources?: MetricsSources;
  /** Node's defaults (CPU, memory, event loop lag, GC); off in tests that build many registries. */
  defaults?: boolean;
}): Metrics {
  const registry = new Registry();
  registry.setDefaultLabels({ process: opts.process });
  if (opts.defaults !== false) collectDefaultMetrics({ register: registry });

  const http = new Histogram({
    name: 'accolade_http_request_duration_seconds',
    help: 'HTTP requests by route (the declared path, not the URL) and status',
    labelNames: ['method', 'route', 'status'],
    buckets: httpBuckets,
    registers: [registry],
  });
  const events = new Counter({
    name: 'accolade_engine_events_total',
    help: 'Events by machine, event and outcome (committed; refused: not allowed, forbidden or invalid; conflict: version; retried: a deadlock or serialization failure retried)',
    labelNames: ['machine', 'event', 'outcome'],
    registers: [registry],
  });
  const lateness = new Histogram({
    name: 'accolade_deadline_lateness_seconds',
    help: 'Timers fired: fired − due, by rung (deadline, reminder, escalation)',
    labelNames: ['rung'],
    buckets: latenessBuckets,
    registers: [registry],
  });
  const emails = new Counter({
    name: 'accolade_emails_total',
    help: 'Emails: sent, resent (sent on a later claim: after a failed attempt or a worker that died mid-send), failed (an attempt, retried), gave-up (attempts exhausted), unsent (no SMTP)',
    labelNames: ['outcome'],
    registers: [registry],
  });
  const sources = opts.sources ?? {};
  new Gauge({
    name: 'accolade_outbox_waiting',
    help: 'Outbox rows committed but not yet handed to Redis',
    registers: sources.backlog ? [registry] : [],
    async collect() {
      const b = await sources.backlog!().catch(() => null);
      if (b) this.set(b.outboxWaiting);
    },
  });
  new Gauge({
    name: 'accolade_outbox_oldest_age_seconds',
    help: 'Age of the oldest outbox row waiting (0 when none)',
    registers: sources.backlog ? [registry] : [],
    async collect() {
      const b = await sources.backlog!().catch(() => null);
      if (b) this.set(b.oldestWaitingSeconds ?? 0);
    },
  });
  new Gauge({
    name: 'accolade_queue_jobs',
    help: 'Jobs in each queue by state (waiting, delayed, active, failed, …)',
    labelNames: ['queue', 'state'],
    registers: sources.queueCounts ? [registry] : [],
    async collect() {
      this.reset();
      const counts = await Promise.race([
        sources.queueCounts!().catch(() => null),
        new Promise<null>((resolve) => setTimeout(() => resolve(null), 1000).unref()),
      ]);
      for (const [queue, byState] of Object.entries(counts ?? {}))
        for (const [state, n] of Object.entries(byState)) this.set({ queue, state }, n);
    },
  });

  return {
    registry,
    observeHttp(method, route, status, seconds) {
      http.observe({ method, route, status: String(status) }, seconds);
    },
    event(machine, event, outcome) {
      events.inc({ machine, event, outcome });
    },
    deadlineFired(rung, latenessSeconds) {
      lateness.observe({ rung }, Math.max(0, latenessSeconds));
    },
    email(outcome) {
      emails.inc({ outcome });
    },
    serve(req, res) {
      const token = opts.token;
      if (!token) {
        res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not Found');
        return;
      }
      if (!tokenMatches(req.headers.authorization, token)) {
        res
          .writeHead(401, { 'Content-Type': 'text/plain', 'WWW-Authenticate': 'Bearer realm="metrics"' })
          .end('Unauthorized');
        return;
      }
      registry.metrics().then(
        (text) => {
          res.writeHead(200, { 'Content-Type': registry.contentType, 'Cache-Control': 'no-store' }).end(text);
        },
        (e: unknown) => {
          res.writeHead(500, { 'Content-Type': 'text/plain' }).end(String((e as Error).message));
        },
      );
    },
  };
}
