import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { Config } from '../config';
import type { Db } from '../db/db';
import type { EngineDeps } from '../workflow/types';
import type { RouteRegistry } from './registry';
import type { PasswordHashing } from './passwords';

/** What `createApp` needs: a plain object, built by the composition root (or a test). */
export interface AppDeps {
  db: Db;
  config: Config;
  logger: Logger;
  /** Reports Redis for /healthz; absent → reported as down. */
  redisStatus?: () => Promise<'up' | 'down'>;
  /** More routes (the workflow resources, test-only routes), declared on the same registry. */
  extraRoutes?: (registry: RouteRegistry, deps: AppDeps) => void;
  /**
   * Express routers outside the API registry (e.g. the BullMQ dashboard at `/admin/queues`), mounted
   * behind the session: `auth: 'admin'` answers 401 to anonymous callers and 403 to non-admins.
   */
  extraRouters?: Array<{ path: string; router: RequestHandler; auth: 'admin' }>;
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
  /** The engine the web pages call (`src/web`); without it only the API is served. */
  engine?: EngineDeps;
  /** Where the pages' built assets are (default `dist/public`). */
  assetsDir?: string;
}
