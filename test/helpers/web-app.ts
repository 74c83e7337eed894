import { seedCatalogue } from '../../src/db/award-versions';
import type { BuiltEngineDeps } from '../../src/workflow/engine/engine-deps';
import { type ApiOrg, setupApiOrg } from './api-org';
import { startTestApp, type TestApp, type TestAppOptions } from './app';

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
  const t = await startTestApp({
    ...(opts.env ? { env: opts.env } : {}),
    ...(opts.deps ? { deps: opts.deps } : {}),
  });
  await seedCatalogue(t.db);
  const org = await setupApiOrg(t);
  return { t, engine: t.engine, org, close: () => t.close() };
}
