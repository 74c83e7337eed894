import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { Express } from 'express';
import pino from 'pino';
import { loadConfig, type Config } from '../../src/config';
import type { Db } from '../../src/db/db';
import { openDb } from '../../src/db/open-db';
import { dropPostgresSchema } from '../../src/db/postgres';
import { createApp, type AppDeps } from '../../src/http/app';
import { bootstrapAdmin } from '../../src/http/bootstrap';
import { traceMixin } from '../../src/trace';
import { bullBoardRouter, queueCountsOf } from '../../src/queue/queue-board';
import type { Queues } from '../../src/queue/queues';
import type { BuiltEngineDeps } from '../../src/workflow/engine/engine-deps';
import type { EngineDeps, EngineObserver, OutboxKicker } from '../../src/workflow/types';
import { testEngineDeps } from './engine';
import { client, sessionCookieOf, type Client } from './http';

export interface LogLine {
  level: number;
  msg?: string;
  requestId?: string;
  [k: string]: unknown;
}

export interface TestSession {
  cookie: string;
  csrfToken: string;
  user: { id: number; username: string; roles: string[]; [k: string]: unknown };
  /** A client sending this session's cookie and CSRF token. */
  api: Client;
}

export interface TestApp {
  baseUrl: string;
  app: Express;
  /** The listening server (a shutdown test closes it itself). */
  server: Server;
  db: Db;
  /** The engine the app's routes call (a cache of 0 ms: a setting changed is seen at once). */
  engine: BuiltEngineDeps;
  config: Config;
  /** Every log line the app wrote, parsed. */
  logs: LogLine[];
  /** The raw log text (to check what must never be logged). */
  logText(): string;
  admin: TestSession;
  adminPassword: string;
  /** An anonymous client. */
  anon: Client;
  login(username: string, password: string): Promise<TestSession>;
  /** Creates a user through the API (as admin) and logs them in. */
  createUser(input: {
    username: string;
    roles: string[];
    unitId?: number | null;
    password?: string;
  }): Promise<TestSession & { password: string }>;
  /** Creates a unit through the API (as admin). */
  createUnit(input: {
    code: string;
    name: string;
    parentId?: number | null;
  }): Promise<{ id: number; code: string }>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Environment for loadConfig (merged over the test defaults). */
  env?: Record<string, string>;
  /** Overrides of createApp's dependencies (e.g. extraRoutes, redisStatus, loginLimits), or a function of the app's database giving them. */
  deps?: Partial<AppDeps> | ((db: Db) => Partial<AppDeps>);
  /** With queues: the admin's outbox page counts their jobs and the queue board is mounted. */
  queues?: Queues;
  /** Told after a commit that wrote outbox rows (e.g. a relay the test runs). */
  outbox?: OutboxKicker;
  /** The engine's clock and signing options (a timestamp authority). */
  engine?: { now?: () => Date; documents?: EngineDeps['documents'] };
  /** Where the engine reports events, deadlines and emails (the metrics). */
  observe?: EngineObserver;
}

/** Cheap hashing for tests: the parameters are stored in each hash, so verification is unaffected. */
export const testPasswordHashing = { memoryCost: 4096, timeCost: 2, parallelism: 1 };

/**
 * Starts the real app on port 0 with a database of its own: PGlite in memory, or a fresh PostgreSQL
 * schema when DATABASE_URL is set (dropped on close). An admin is bootstrapped and logged in.
 */
export async function startTestApp(opts: TestAppOptions = {}): Promise<TestApp> {
  const databaseUrl = process.env.DATABASE_URL;
  const schema = databaseUrl ? `t_http_${randomBytes(6).toString('hex')}` : undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'accolade-http-'));
  const adminPassword = 'admin-password-1';
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    BOOTSTRAP_ADMIN: `admin:${adminPassword}`,
    LOG_LEVEL: 'info',
    ...(opts.env ?? {}),
  });
  const db = await openDb(databaseUrl ? { databaseUrl, schema: schema!, poolSize: 5 } : { inMemory: true });

  const logs: LogLine[] = [];
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      const text = chunk.toString('utf8');
      chunks.push(text);
      for (const line of text.split('\n')) if (line.trim()) logs.push(JSON.parse(line) as LogLine);
      cb();
    },
  });
  const logger = pino({ level: config.LOG_LEVEL, mixin: traceMixin }, sink);

  await bootstrapAdmin(db, config, { passwordHashing: testPasswordHashing });
  const extra = typeof opts.deps === 'function' ? opts.deps(db) : (opts.deps ?? {});
  const engine = testEngineDeps(db, {
    cacheMs: 0,
    dataDir,
    ...(opts.outbox ? { outbox: opts.outbox } : {}),
    ...(opts.engine ?? {}),
    ...(opts.observe ? { observe: opts.observe } : {}),
  });
  const q = opts.queues;
  const app = createApp({
    db,
    config,
    logger,
    engine,
    passwordHashing: testPasswordHashing,
    ...(q ? { queueCounts: queueCountsOf(q), queueBoard: bullBoardRouter(q) } : {}),
    ...extra,
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  const anon = client(baseUrl);

  const login = async (username: string, password: string): Promise<TestSession> => {
    const res = await anon.post('/api/auth/login', { username, password });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${res.text}`);
    const cookie = sessionCookieOf(res.headers);
    if (!cookie) throw new Error('login set no session cookie');
    const csrfToken = res.body.csrfToken as string;
    return { cookie, csrfToken, user: res.body.user, api: client(baseUrl, { cookie, csrfToken }) };
  };
  const admin = await login('admin', adminPassword);

  let closed = false;
  return {
    baseUrl,
    app,
    server,
    db,
    engine,
    config,
    logs,
    logText: () => chunks.join(''),
    admin,
    adminPassword,
    anon,
    login,
    async createUser(input) {
      const password = input.password ?? `pw-${randomBytes(6).toString('hex')}`;
      const res = await admin.api.post('/api/users', {
        username: input.username,
        password,
        fullName: `Test ${input.username}`,
        email: `${input.username}@example.test`,
        unitId: input.unitId ?? null,
        roles: input.roles,
      });
      if (res.status !== 201) throw new Error(`create user ${input.username}: ${res.status} ${res.text}`);
      return { ...(await login(input.username, password)), password };
    },
    async createUnit(input) {
      const res = await admin.api.post('/api/units', input);
      if (res.status !== 201) throw new Error(`create unit ${input.code}: ${res.status} ${res.text}`);
      return res.body;
    },
    async close() {
      if (closed) return;
      closed = true;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.close().catch(() => undefined);
      if (databaseUrl && schema) await dropPostgresSchema(databaseUrl, schema);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
