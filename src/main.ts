import { loadConfigOrExit } from './config';
import { startDemoServices } from './demo/demo-services';
import { localYear } from './domain/business-date';
import { seedDemo, demoPassword } from './demo/seed-demo';
import { createRuntime } from './runtime';
import { startWeb, webShutdown } from './server';
import { exitOnSignals } from './shutdown';
import { startWorkers } from '../workers/main';

/**
 * `npm start`: the web process and the workers in one process (small installations, and the only way
 * to run on the embedded database, which one process owns). `--demo` first creates a demo organisation
 * when the database is empty, and brings its own Redis and mailbox when none is configured
 * (src/demo/demo-services.ts), started before the runtime connects and stopped after it.
 */
async function main(): Promise<void> {
  const demo = process.argv.includes('--demo') ? await startDemoServices(loadConfigOrExit()) : null;
  const config = demo?.config ?? loadConfigOrExit();
  const rt = await createRuntime(config, 'accolade');
  if (demo) {
    const year = localYear(new Date(), config.TZ_BUSINESS);
    const logins = await seedDemo(rt.db, rt.engine, { logger: rt.logger, year, dataDir: config.DATA_DIR });
    if (logins) {
      console.log(
        `\nAccolade demo — mật khẩu của mọi tài khoản / password of every account: ${demoPassword}`,
      );
      console.table(logins);
    } else
      console.log(
        '\nAccolade demo: the database already has an organisation; logins were printed at its first start.',
      );
  }
  rt.startSweeps();
  const started: Parameters<typeof webShutdown>[1] = {};
  // The demo's own Redis and mailbox stop after the runtime has let go of them.
  const shutdown = webShutdown(
    rt,
    started,
    demo ? [{ name: 'demo services', close: () => demo.stop() }] : [],
  );
  exitOnSignals(shutdown);
  started.server = await startWeb(rt, {
    isDraining: shutdown.isDraining,
    ...(demo?.mailbox ? { demoMailbox: demo.mailbox } : {}),
  });
  started.workers = await startWorkers(rt);
  console.log(`Accolade: ${config.publicUrl} (API: ${config.publicUrl}/api/docs)`);
}

void main();
