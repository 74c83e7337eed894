import type { Server } from 'node:http';
import { loadConfigOrExit } from './config';
import { createApp } from './http/app';
import { bootstrapAdmin } from './http/bootstrap';
import type { DemoMailDeps } from './workflow/demo/list-demo-mail';
import { bullBoardRouter, queueCountsOf } from './queue/queue-board';
import { createRuntime, type Runtime } from './runtime';

/**
 * The web process: the API (and pages) on PORT, plus the outbox relay for what its requests commit.
 * `more.demoMailbox` (the demo only) adds the demo mailbox's API and page.
 */
export async function startWeb(
  rt: Runtime,
  more: { demoMailbox?: DemoMailDeps['mailbox'] | null } = {},
): Promise<Server> {
  await bootstrapAdmin(rt.db, rt.config, { logger: rt.logger });
  const app = createApp({
    db: rt.db,
    config: rt.config,
    logger: rt.logger,
    engine: rt.engine,
    redisStatus: () => rt.redisStatus(),
    queueCounts: queueCountsOf(rt.queues),
    queueBoard: bullBoardRouter(rt.queues),
    ...(more.demoMailbox ? { demoMailbox: more.demoMailbox } : {}),
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
