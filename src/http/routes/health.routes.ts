import { z } from 'zod';
import { checkHealth, checkReadiness } from '../../workflow/system/check-health';
import type { EngineDeps } from '../../workflow/types';
import type { RouteRegistry } from '../registry';

const healthSchema = z.object({
  status: z.enum(['ok', 'unavailable']),
  db: z.enum(['up', 'down']),
  redis: z.enum(['up', 'down']),
});

/** The probes: public, sessionless, logged at debug (src/http/app.ts, src/http/logging.ts). */
const HEALTH_PATH = '/healthz';
const READY_PATH = '/readyz';

/** Whether a request path (or URL, with its query) is one of the probes. */
export function isProbe(pathOrUrl: string): boolean {
  const path = pathOrUrl.split('?', 1)[0];
  return path === HEALTH_PATH || path === READY_PATH;
}

const readinessSchema = healthSchema.extend({ status: z.enum(['ready', 'draining', 'unavailable']) });

export function registerHealthRoutes(
  registry: RouteRegistry,
  deps: {
    engine: Pick<EngineDeps, 'db'>;
    redisStatus?: (() => Promise<'up' | 'down'>) | undefined;
    isDraining?: (() => boolean) | undefined;
  },
): void {
  registry.add({
    method: 'get',
    path: HEALTH_PATH,
    summary: 'Liveness and dependencies',
    description:
      '503 when the database is down. Redis down is reported but not fatal (the web process still serves).',
    tags: ['health'],
    auth: 'public',
    responses: { 200: healthSchema, 503: { description: 'The database is down', schema: healthSchema } },
    handler: async ({ res }) => {
      const health = await checkHealth({ db: deps.engine.db, redisStatus: deps.redisStatus });
      res.setHeader('Cache-Control', 'no-store');
      if (health.status !== 'ok') {
        res.status(503).json(health);
        return undefined;
      }
      return health;
    },
  });
  registry.add({
    method: 'get',
    path: READY_PATH,
    summary: 'Readiness: whether to send this process requests',
    description:
      '503 while the process shuts down (`draining`: it still serves what it has, for SHUTDOWN_DRAIN_MS) or when the database is down. Redis down does not make it unready.',
    tags: ['health'],
    auth: 'public',
    responses: {
      200: readinessSchema,
      503: { description: 'Draining, or the database is down', schema: readinessSchema },
    },
    handler: async ({ res }) => {
      const readiness = await checkReadiness({
        db: deps.engine.db,
        redisStatus: deps.redisStatus,
        isDraining: deps.isDraining,
      });
      res.setHeader('Cache-Control', 'no-store');
      if (readiness.status !== 'ready') {
        res.status(503).json(readiness);
        return undefined;
      }
      return readiness;
    },
  });
}

/** A `redisStatus` for /healthz from any client with `ping()` (ioredis). */
export function redisStatusOf(client: { ping(): Promise<string> }): () => Promise<'up' | 'down'> {
  return async () => {
    try {
      return (await client.ping()) === 'PONG' ? 'up' : 'down';
    } catch {
      return 'down';
    }
  };
}
