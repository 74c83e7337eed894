import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { Config } from '../config';
import type { Db } from '../db/db';
import type { QueueCounts } from '../workflow/admin/read-outbox-status';
import type { DemoMailDeps } from '../workflow/demo/list-demo-mail';
import type { BuiltEngineDeps } from '../workflow/engine/engine-deps';
import type { RouteRegistry } from './registry';
import type { PasswordHashing } from './passwords';

/** What `createApp` needs: a plain object, built by the composition root (or a test). */
export interface AppDeps {
  db: Db;
  config: Config;
  logger: Logger;
  /** What every use case works with (its database, clock, policy, calendar, outbox relay): the routes call them. */
  engine: BuiltEngineDeps;
  /** Reports Redis for /healthz; absent → reported as down. */
  redisStatus?: () => Promise<'up' | 'down'>;
  /** True once the process is shutting down (src/shutdown.ts): /readyz answers 503, responses close their connection. */
  isDraining?: () => boolean;
  /** Each queue's job counts for the admin's outbox page; absent → `queues: null`. */
  queueCounts?: QueueCounts;
  /**
   * The BullMQ dashboard (`src/queue/queue-board.ts`), mounted at `/admin/queues` behind the session:
   * 401 for anonymous callers, 403 for non-admins.
   */
  queueBoard?: RequestHandler;
  /**
   * The demo's caught mail (`npm run demo` without SMTP_URL): with it, `/api/demo/mailbox` and the page
   * "Hộp thư thử nghiệm" (`/demo/mailbox`) exist; without it (anywhere but the demo) neither does.
   */
  demoMailbox?: DemoMailDeps['mailbox'];
  /** Routes of one mode only (test-only routes), declared after the product's. */
  extraRoutes?: (registry: RouteRegistry, deps: AppDeps) => void;
  /** Express's `trust proxy` (who may set X-Forwarded-For/-Proto); default `loopback`. */
  trustProxy?: boolean | number | string | string[];
  /** Overrides the session secret (else SESSION_SECRET, else the one kept in `settings`). */
  sessionSecret?: string;
  /** Login attempts that failed, per window: per username and per client address. */
  loginLimits?: { windowMs: number; perUsername: number; perAddress: number };
  passwordHashing?: PasswordHashing;
  /** Told after an admin changes a setting (e.g. `policy`), so caches can drop it. */
  onSettingChanged?: (key: string) => void;
  /** Idle lifetime of a session (ms); default 8 hours. */
  sessionIdleMs?: number;
  /**
   * Prometheus metrics (src/metrics/metrics.ts): every request is timed by its declared route and
   * status, and `/metrics` answers the scrape (404 unless METRICS_TOKEN is set; 401 without it).
   */
  metrics?: {
    observeHttp(method: string, route: string, status: number, seconds: number): void;
    serve(req: IncomingMessage, res: ServerResponse): void;
  };
  /** Where the pages' built assets are (default `dist/public`). */
  assetsDir?: string;
}
