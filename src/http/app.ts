import express, { type Express, type Request, type RequestHandler } from 'express';
import session from 'express-session';
import helmet from 'helmet';
import { authenticate, requireRoles } from './auth';
import type { AppDeps } from './deps';
import { mountDocs } from './docs';
import { requestLogging } from './logging';
import { createPasswords } from './passwords';
import { errorHandler, notFoundHandler } from './problem';
import { RouteRegistry, SESSION_COOKIE, type OpenApiDocument } from './registry';
import { adminRoutes } from './routes/admin.routes';
import { loginLimiters, registerAuthRoutes, startSession } from './routes/auth.routes';
import { catalogueRoutes } from './routes/catalogue.routes';
import { collectivesRoutes } from './routes/collectives.routes';
import { recordCountsRoutes } from './routes/record-counts.routes';
import { councilRoutes } from './routes/council.routes';
import { directorRoutes } from './routes/director.routes';
import { dossiersRoutes } from './routes/dossiers.routes';
import { isProbe, registerHealthRoutes } from './routes/health.routes';
import { peopleRoutes } from './routes/people.routes';
import { registrationsRoutes } from './routes/registrations.routes';
import { registerSettingsRoutes } from './routes/settings.routes';
import { registerUnitRoutes } from './routes/units.routes';
import { registerUserRoutes } from './routes/users.routes';
import { workflowRoutes } from './routes/workflow.routes';
import { DbSessionStore, resolveSessionSecret } from './session-store';
import { createWeb } from '../web/mount';
import { registerDemoMailboxRoutes } from './demo/demo-mailbox.routes';

export type { AppDeps } from './deps';

export const JSON_LIMIT = '256kb';
const DEFAULT_SESSION_IDLE_MS = 8 * 3600 * 1000;
export const defaultLoginLimits = { windowMs: 15 * 60 * 1000, perUsername: 10, perAddress: 50 };

/**
 * The session middleware, built on first use: its secret may have to be read from (or made in) the
 * database, and createApp stays synchronous. A failure is retried on the next request.
 */
function sessionMiddleware(deps: AppDeps): RequestHandler {
  const idle = deps.sessionIdleMs ?? DEFAULT_SESSION_IDLE_MS;
  let ready: Promise<RequestHandler> | undefined;
  const build = async (): Promise<RequestHandler> =>
    session({
      name: SESSION_COOKIE,
      secret: deps.sessionSecret ?? (await resolveSessionSecret(deps.db, deps.config)),
      store: new DbSessionStore(deps.db, idle),
      resave: false,
      saveUninitialized: false,
      rolling: true,
      unset: 'destroy',
      // `secure: 'auto'`: Secure whenever the request came over TLS (directly or via a trusted proxy).
      cookie: { httpOnly: true, sameSite: 'lax', secure: 'auto', path: '/', maxAge: idle },
    });
  return (req, res, next) => {
    ready ??= build().catch((e: unknown) => {
      ready = undefined;
      throw e;
    });
    ready.then((mw) => mw(req, res, next), next);
  };
}

/**
 * Times every request by the route it matched (`/api/dossiers/:id`, never the URL itself: the labels
 * stay few), `unmatched` for the rest (static assets, 404s).
 */
function timeRequests(metrics: NonNullable<AppDeps['metrics']>): RequestHandler {
  return (req, res, next) => {
    const start = process.hrtime.bigint();
    res.on('finish', () => {
      const route = (req.route as { path?: unknown } | undefined)?.path;
      const label = typeof route === 'string' ? `${req.baseUrl}${route}` : 'unmatched';
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      metrics.observeHttp(req.method, label, res.statusCode, seconds);
    });
    next();
  };
}

/**
 * Builds the whole HTTP application from its dependencies (no globals: tests start many), with every
 * route of the product: the web process, the tests and the bench all serve this one list.
 */
export function createApp(deps: AppDeps): Express {
  const { db, config } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.trustProxy ?? 'loopback');
  app.set('query parser', 'simple');

  const passwords = createPasswords(deps.passwordHashing);
  const loginLimiter = loginLimiters(deps.loginLimits ?? defaultLoginLimits);
  // The web pages (src/web), on the same session and authentication as the API.
  const web = createWeb({
    engine: deps.engine,
    config,
    passwords,
    loginLimiter,
    startSession,
    sessionCookie: SESSION_COOKIE,
    ...(deps.demoMailbox ? { demoMail: { db, mailbox: deps.demoMailbox } } : {}),
    ...(deps.assetsDir ? { assetsDir: deps.assetsDir } : {}),
  });

  const { metrics } = deps;
  if (metrics) {
    // Before logging, sessions and authentication: a scrape every few seconds is neither logged nor timed.
    app.get('/metrics', (req, res) => metrics.serve(req, res));
    app.use(timeRequests(metrics));
  }
  app.use(requestLogging(deps.logger));
  app.use(helmet());
  const { isDraining } = deps;
  if (isDraining)
    // While draining, a keep-alive client is told to reconnect (to another process) for its next request.
    app.use((_req, res, next) => {
      if (isDraining()) res.setHeader('Connection', 'close');
      next();
    });
  app.use(web.assets);
  app.use('/api', (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  const sessions = sessionMiddleware(deps);
  const auth = authenticate(db);
  // A bearer caller (API client) never uses the session: it is not looked up, touched or re-sent. Login
  // starts a session whatever the request carries.
  const sessionless = (req: Request) =>
    isProbe(req.path) ||
    (req.path !== '/api/auth/login' && /^bearer /i.test(req.headers.authorization ?? ''));
  app.use((req, res, next) => (sessionless(req) ? next() : sessions(req, res, next)));
  app.use((req, res, next) => (isProbe(req.path) ? next() : auth(req, res, next)));

  const registry = new RouteRegistry({
    jsonLimit: JSON_LIMIT,
    uploadMaxBytes: config.UPLOAD_MAX_BYTES,
    validateResponses: config.NODE_ENV === 'test',
  });
  const { engine } = deps;
  registerHealthRoutes(registry, { engine, redisStatus: deps.redisStatus, isDraining: deps.isDraining });
  registerAuthRoutes(registry, { db, passwords, limiter: loginLimiter, now: engine.now });
  registerUnitRoutes(registry, { engine, config });
  registerUserRoutes(registry, { engine, passwords });
  registerSettingsRoutes(registry, { engine, onSettingChanged: deps.onSettingChanged });
  directorRoutes(registry, { engine });
  workflowRoutes(registry, { engine });
  dossiersRoutes(registry, { engine, dataDir: config.DATA_DIR });
  catalogueRoutes(registry, { engine });
  peopleRoutes(registry, { engine });
  collectivesRoutes(registry, { engine });
  registrationsRoutes(registry, { engine });
  councilRoutes(registry, { engine });
  recordCountsRoutes(registry, { engine });
  adminRoutes(registry, { engine, ...(deps.queueCounts ? { queueCounts: deps.queueCounts } : {}) });

  let document: OpenApiDocument | undefined;
  registry.add({
    method: 'get',
    path: '/api/openapi.json',
    summary: 'This document (OpenAPI 3.1)',
    tags: ['meta'],
    auth: 'public',
    responses: { 200: 'The OpenAPI 3.1 document' },
    handler: () =>
      (document ??= registry.openApi({
        title: 'Accolade API',
        version: '1.0.0',
        description:
          'Award nominations (thi đua – khen thưởng). Errors are application/problem+json with a `code`; cookie-authenticated state changes need X-CSRF-Token.',
        serverUrl: config.publicUrl,
      })),
  });
  if (deps.demoMailbox) registerDemoMailboxRoutes(registry, { db, mailbox: deps.demoMailbox });
  deps.extraRoutes?.(registry, deps);

  app.use(web.pages);
  mountDocs(app);
  if (deps.queueBoard) app.use('/admin/queues', requireRoles('admin'), deps.queueBoard);
  app.use(registry.router);
  app.use('/api', notFoundHandler());
  app.use(web.notFound);
  app.use(errorHandler());
  return app;
}
