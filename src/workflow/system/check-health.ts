import type { Db } from '../../db/db';
import { within } from '../within';

export interface Health {
  status: 'ok' | 'unavailable';
  db: 'up' | 'down';
  redis: 'up' | 'down';
}

/**
 * Liveness and dependencies: unavailable when the database is down; Redis down is reported but not
 * fatal (the web process still serves, the outbox keeps the work). Neither probe may hang the answer.
 */
export async function checkHealth(deps: {
  db: Db;
  redisStatus?: (() => Promise<'up' | 'down'>) | undefined;
}): Promise<Health> {
  const [dbUp, redis] = await Promise.all([
    within(deps.db.ping(), 2000, false),
    deps.redisStatus ? within(deps.redisStatus(), 2000, 'down' as const) : Promise.resolve('down' as const),
  ]);
  return { status: dbUp ? 'ok' : 'unavailable', db: dbUp ? 'up' : 'down', redis };
}

export interface Readiness extends Omit<Health, 'status'> {
  status: 'ready' | 'draining' | 'unavailable';
}

/**
 * Whether a load balancer should send this process requests: not while it is shutting down
 * (`draining`), not without its database. Redis down does not make it unready (see checkHealth).
 */
export async function checkReadiness(deps: {
  db: Db;
  redisStatus?: (() => Promise<'up' | 'down'>) | undefined;
  isDraining?: (() => boolean) | undefined;
}): Promise<Readiness> {
  const health = await checkHealth(deps);
  const status = deps.isDraining?.() ? 'draining' : health.status === 'ok' ? 'ready' : 'unavailable';
  return { ...health, status };
}
