import { z } from 'zod';
import type { Db } from '../../db/db';
import type { RouteRegistry } from '../registry';
import { within } from '../within';

const healthSchema = z.object({
  status: z.enum(['ok', 'unavailable']),
  db: z.enum(['up', 'down']),
  redis: z.enum(['up', 'down']),
});

export function registerHealthRoutes(
  registry: RouteRegistry,
  deps: { db: Db; redisStatus?: (() => Promise<'up' | 'down'>) | undefined },
): void {
  registry.add({
    method: 'get',
    path: '/healthz',
    summary: 'Liveness and dependencies',
    description:
      '503 when the database is down. Redis down is reported but not fatal (the web process still serves).',
    tags: ['health'],
    auth: 'public',
    responses: { 200: healthSchema, 503: { description: 'The database is down', schema: healthSchema } },
    handler: async ({ res }) => {
      const [dbUp, redis] = await Promise.all([
        within(deps.db.ping(), 2000, false),
        deps.redisStatus
          ? within(deps.redisStatus(), 2000, 'down' as const)
          : Promise.resolve('down' as const),
      ]);
      res.setHeader('Cache-Control', 'no-store');
      if (!dbUp) {
        res.status(503).json({ status: 'unavailable', db: 'down', redis });
        return undefined;
      }
      return { status: 'ok', db: 'up', redis };
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
