import type { Server } from 'node:http';
import type { Logger } from 'pino';

/**
 * Graceful shutdown, the same in every process (web, workers, both in one):
 *
 * 1. drain — the process says it is going (`/readyz` answers 503, responses carry `Connection: close`)
 *    but still serves, for `drainMs`, so that a load balancer stops sending it new requests;
 * 2. close — each step in order (the HTTP server stops accepting and waits for its in-flight requests;
 *    the workers wait for their active jobs; then Redis and the database), all within `timeoutMs`;
 * 3. past the timeout, each step's `force` runs (open connections are cut; an unfinished job is left to
 *    BullMQ's stalled-job check, which hands it to another worker: its effects are idempotent).
 *
 * Nothing accepted is lost either way: an event is accepted only once its transaction commits, and the
 * outbox and timers tables are what the next process (or another one) picks up.
 */
export interface ShutdownStep {
  name: string;
  close(): Promise<void>;
  /** Called when the timeout passes while this step (or one before it) is still closing. */
  force?(): void;
}

export interface Shutdown {
  /** True from the first signal on: `/readyz` reads it. */
  isDraining: () => boolean;
  /** Runs the drain and the steps once (later calls get the same promise); resolves to the exit code. */
  run: (reason: string) => Promise<number>;
}

export function createShutdown(opts: {
  logger: Pick<Logger, 'info' | 'warn'>;
  drainMs: number;
  timeoutMs: number;
  steps: () => ShutdownStep[];
}): Shutdown {
  let draining = false;
  let running: Promise<number> | null = null;

  async function closeAll(reason: string): Promise<number> {
    draining = true;
    opts.logger.info({ reason, drainMs: opts.drainMs }, 'shutting down: draining');
    if (opts.drainMs > 0) await sleep(opts.drainMs);
    const steps = opts.steps();
    let timedOut = false;
    const timer = new Promise<'timeout'>((resolve) =>
      setTimeout(() => resolve('timeout'), opts.timeoutMs).unref(),
    );
    const sequence = (async () => {
      for (const step of steps) {
        const started = Date.now();
        await step.close();
        if (!timedOut) opts.logger.info({ step: step.name, ms: Date.now() - started }, 'closed');
      }
    })();
    const outcome = await Promise.race([sequence.then(() => 'done' as const), timer]);
    if (outcome === 'timeout') {
      timedOut = true;
      opts.logger.warn({ timeoutMs: opts.timeoutMs }, 'shutdown timed out: cutting what is still open');
      for (const step of steps) step.force?.();
      // The forced steps let the sequence finish (cut connections, closed clients); give it a moment.
      await Promise.race([sequence.catch(() => undefined), sleep(1000)]);
      return 1;
    }
    opts.logger.info('shut down cleanly');
    return 0;
  }

  return {
    isDraining: () => draining,
    run(reason) {
      running ??= closeAll(reason).catch((e: unknown) => {
        opts.logger.warn({ err: (e as Error).message }, 'shutdown failed');
        return 1;
      });
      return running;
    },
  };
}

/** An HTTP server as a shutdown step: stop accepting, close idle keep-alive sockets, wait for the rest. */
export function serverStep(server: Server, name = 'http'): ShutdownStep {
  return {
    name,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
    force: () => server.closeAllConnections(),
  };
}

/**
 * SIGTERM and SIGINT start the shutdown and exit with its code; a second signal exits at once (1).
 * `exit` is injectable for tests.
 */
export function exitOnSignals(
  shutdown: Shutdown,
  exit: (code: number) => void = (code) => process.exit(code),
): void {
  let signalled = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) {
      exit(1);
      return;
    }
    signalled = true;
    void shutdown.run(signal).then(exit);
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
