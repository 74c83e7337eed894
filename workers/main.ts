import { createServer, type Server } from 'node:http';
import type { Worker } from 'bullmq';
import { loadConfigOrExit } from '../src/config';
import { createMailer } from '../src/mail/mailer';
import { createRuntime, type Runtime } from '../src/runtime';
import { createShutdown, exitOnSignals, serverStep, type ShutdownStep } from '../src/shutdown';
import { queueNames } from '../src/workflow/jobs';
import { scheduleDigest, startDigestWorker } from './digest.worker';
import { startEmailWorker } from './email.worker';
import { startTimersWorker } from './timers.worker';

/**
 * The workers: the outbox relay and sweeps, durable timers, email and the daily digest. Several worker
 * processes may run against one Redis and one database; SIGTERM waits for active jobs.
 */
/**
 * The running workers, as a shutdown step: `close` waits for the active jobs, `force` stops without
 * waiting (BullMQ hands the unfinished jobs on as stalled).
 */
export interface RunningWorkers extends Required<ShutdownStep> {
  workers: Worker[];
}

export async function startWorkers(rt: Runtime): Promise<RunningWorkers> {
  const { config, logger, db } = rt;
  const mailer = createMailer({
    ...(config.SMTP_URL ? { smtpUrl: config.SMTP_URL } : {}),
    from: config.MAIL_FROM,
    logger,
  });
  const connection = rt.workerConnection;
  const prefix = config.QUEUE_PREFIX;
  const workers = [
    startTimersWorker({ connection, prefix, engine: rt.engine, logger }),
    startEmailWorker({
      connection,
      prefix,
      db,
      mailer,
      logger,
      timeZone: config.TZ_BUSINESS,
      observe: rt.metrics,
    }),
    startDigestWorker({
      connection,
      prefix,
      db,
      logger,
      publicUrl: config.publicUrl,
      timeZone: config.TZ_BUSINESS,
    }),
  ];
  const policy = await rt.engine.policy();
  await scheduleDigest(rt.queues.digest, policy.digestHour, config.TZ_BUSINESS).catch((e: unknown) =>
    logger.warn(
      { err: (e as Error).message },
      'could not schedule the daily digest (Redis down?); will retry at next start',
    ),
  );
  logger.info({ queues: Object.values(queueNames), smtp: mailer.enabled }, 'workers started');
  return {
    name: 'workers',
    workers,
    async close() {
      await Promise.all(workers.map((w) => w.close()));
      mailer.close();
    },
    force: () => workers.forEach((w) => void w.close(true).catch(() => undefined)),
  };
}

/**
 * The workers' metrics on a port of their own (METRICS_PORT), only with METRICS_TOKEN set: the same
 * answer as the web process's `/metrics`, for the jobs this process runs.
 */
export function startMetricsServer(rt: Runtime): Promise<Server | null> {
  if (!rt.config.METRICS_TOKEN) return Promise.resolve(null);
  const server = createServer((req, res) => {
    if (req.method === 'GET' && (req.url ?? '').split('?')[0] === '/metrics') rt.metrics.serve(req, res);
    else res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not Found');
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(rt.config.METRICS_PORT, () => {
      const address = server.address();
      rt.logger.info({ port: typeof address === 'object' ? address?.port : address }, 'metrics listening');
      resolve(server);
    });
  });
}

export async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const rt = await createRuntime(config, 'workers');
  rt.startSweeps();
  const running = await startWorkers(rt);
  const metricsServer = await startMetricsServer(rt);
  // No HTTP traffic to drain: the workers stop taking jobs at once and finish the active ones.
  const shutdown = createShutdown({
    logger: rt.logger,
    drainMs: 0,
    timeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    steps: () => [
      ...(metricsServer ? [serverStep(metricsServer, 'metrics')] : []),
      running,
      { name: 'runtime', close: () => rt.close() },
    ],
  });
  exitOnSignals(shutdown);
}

if (require.main === module) void main();
