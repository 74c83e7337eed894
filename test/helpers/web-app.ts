import { seedCatalogue } from '../../src/db/rules';
import { catalogueRoutes } from '../../src/http/routes/catalogue.routes';
import { rulesRoutes } from '../../src/http/routes/rules.routes';
import { workflowRoutes } from '../../src/http/routes/workflow.routes';
import type { BuiltEngineDeps } from '../../src/workflow/engine-deps';
import { type ApiOrg, setupApiOrg } from './api-org';
import { startTestApp, type TestApp, type TestAppOptions } from './app';
import { testEngineDeps } from './engine';

/**
 * The app as the web process serves it: the pages (src/web) and the API on one engine, on port 0 against
 * a fresh database (PGlite in memory, or a fresh PostgreSQL schema), with the organisation of
 * `setupApiOrg` (a clerk in each of two units, office, council, director, admin) signed in by bearer
 * tokens for building records through the API.
 */
export interface WebApp {
  t: TestApp;
  engine: BuiltEngineDeps;
  org: ApiOrg;
  close(): Promise<void>;
}

export async function startWebApp(
  opts: { env?: Record<string, string>; deps?: TestAppOptions['deps'] } = {},
): Promise<WebApp> {
  let engine: BuiltEngineDeps | undefined;
  const t = await startTestApp({
    ...(opts.env ? { env: opts.env } : {}),
    deps: (db) => {
      engine = testEngineDeps(db, { cacheMs: 0 });
      const e = engine;
      const more = typeof opts.deps === 'function' ? opts.deps(db) : (opts.deps ?? {});
      return {
        engine: e,
        extraRoutes: (registry, d) => {
          workflowRoutes(registry, { engine: e, dataDir: d.config.DATA_DIR });
          catalogueRoutes(registry, { engine: e, timeZone: d.config.TZ_BUSINESS });
          rulesRoutes(registry, { engine: e });
        },
        ...more,
      };
    },
  });
  await seedCatalogue(t.db);
  const org = await setupApiOrg(t);
  return { t, engine: engine!, org, close: () => t.close() };
}
