import type { Server } from 'node:http';
import { loadConfigOrExit } from './config';
import { createApp } from './http/app';
import { bootstrapAdmin } from './http/bootstrap';
import type { DemoMailDeps } from './workflow/demo/list-demo-mail';
import { bullBoardRouter, queueCountsOf } from './queue/queue-board';
import { createRuntime, type Runtime } from './runtime';
import { createShutdown, exitOnSignals, serverStep, type Shutdown, type ShutdownStep } from './shutdown';

/**
 * The web process: the API (and pages) on PORT, plus the outbox relay for what its requests commit.
 * `more.demoMailbox` (the demo only) adds the demo mailbox's API and page.
 */
export async function startWeb(
  rt: Runtime,
  more: { demoMailbox?: DemoMailDeps['mailbox'] | null; isDraining?: () => boolean } = {},
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
    metrics: rt.metrics,
    ...(more.demoMailbox ? { demoMailbox: more.demoMailbox } : {}),
    ...(more.isDraining ? { isDraining: more.isDraining } : {}),
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

/**
 * The shutdown of a process that serves HTTP: drain, then the server, the workers (when this process
 * runs them), the runtime, then `after` (what outlives the runtime: the demo's own Redis and mailbox).
 * `started` is filled in as they start; a signal before that closes what exists.
 */
export function webShutdown(
  rt: Runtime,
  started: { server?: Server; workers?: ShutdownStep },
  after: ShutdownStep[] = [],
): Shutdown {
  return createShutdown({
    logger: rt.logger,
    drainMs: rt.config.SHUTDOWN_DRAIN_MS,
    timeoutMs: rt.config.SHUTDOWN_TIMEOUT_MS,
    steps: () => [
      ...(started.server ? [serverStep(started.server)] : []),
      ...(started.workers ? [started.workers] : []),
      { name: 'runtime', close: () => rt.close() },
      ...after,
    ],
  });
}

export async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const rt = await createRuntime(config, 'web');
  rt.startSweeps();
  const started: { server?: Server } = {};
  const shutdown = webShutdown(rt, started);
  exitOnSignals(shutdown);
  started.server = await startWeb(rt, { isDraining: shutdown.isDraining });
}

if (require.main === module) void main();
