import type { Server } from 'node:http';
import { loadConfigOrExit } from './config';
import { createApp } from './http/app';
import { bootstrapAdmin } from './http/bootstrap';
import { adminRoutes, bullBoardRouter } from './http/routes/admin.routes';
import { catalogueRoutes } from './http/routes/catalogue.routes';
import { rulesRoutes } from './http/routes/rules.routes';
import { workflowRoutes } from './http/routes/workflow.routes';
import type { RouteRegistry } from './http/registry';
import { createRuntime, type Runtime } from './runtime';

/**
 * The web process: the API (and pages) on PORT, plus the outbox relay for what its requests commit.
 * `more.routes` declares routes of one mode only (the demo's mailbox) on the same registry.
 */
export async function startWeb(
  rt: Runtime,
  more: { routes?: (registry: RouteRegistry) => void } = {},
): Promise<Server> {
  await bootstrapAdmin(rt.db, rt.config, { logger: rt.logger });
  const app = createApp({
    db: rt.db,
    config: rt.config,
    logger: rt.logger,
    redisStatus: () => rt.redisStatus(),
    engine: rt.engine,
    extraRoutes: (registry) => {
      workflowRoutes(registry, { engine: rt.engine, dataDir: rt.config.DATA_DIR });
      catalogueRoutes(registry, { engine: rt.engine, timeZone: rt.config.TZ_BUSINESS });
      rulesRoutes(registry, { engine: rt.engine });
      adminRoutes(registry, { db: rt.db, queues: rt.queues, outbox: rt.relay });
      more.routes?.(registry);
    },
    extraRouters: [{ path: '/admin/queues', router: bullBoardRouter(rt.queues), auth: 'admin' }],
    onSettingChanged: (key) => {
      if (key === 'policy') rt.engine.invalidatePolicy();
      if (key === 'calendar') rt.engine.invalidateCalendar();
    },
  });
  return new Promise((resolve) => {
    const server = app.listen(rt.config.PORT, () => {
      rt.logger.info({ port: rt.config.PORT, db: rt.db.kind }, 'web process listening');
      resolve(server);
    });
  });
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

export async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const rt = await createRuntime(config, 'web');
  rt.startSweeps();
  const server = await startWeb(rt);
  const stop = async () => {
    rt.logger.info('shutting down');
    await closeServer(server);
    await rt.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}

if (require.main === module) void main();
