import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import pino from 'pino';
import { loadConfig } from '../src/config';
import type { Db } from '../src/db/db';
import { openDb } from '../src/db/open-db';
import { dropPostgresSchema } from '../src/db/postgres';
import { createToken } from '../src/db/tokens';
import { createApp } from '../src/http/app';
import { newApiToken, sha256Hex } from '../src/http/auth';
import { sendEvent } from '../src/workflow/engine/send-event';
import { seedOrg, testEngineDeps } from '../test/helpers/engine';
import { submittedDossier } from '../test/helpers/walk';
import { fmt } from './stats';

/**
 * The HTTP API under load (autocannon, 50 connections, ~10 s each) against the real app on PostgreSQL,
 * with 100,000 nominations: the office's nomination list (newest first, and filtered by state) and an
 * event POST (FILE_OBJECTION rotating over nominations in publicNotice, bearer token). In the same run,
 * the baselines: `GET /healthz` (no auth, one ping) and `GET /api/me` (bearer auth and one read).
 */
const NOMINATIONS = Number(process.env.BENCH_NOMINATIONS ?? 100_000);
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 50;

interface AutocannonResult {
  requests: { average: number };
  latency: { p50: number; p99: number; average: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}
interface AutocannonRequest {
  method?: string;
  path?: string;
  body?: string;
  headers?: Record<string, string>;
  setupRequest?: (req: AutocannonRequest) => AutocannonRequest;
}
type Autocannon = (opts: {
  url: string;
  connections: number;
  duration: number;
  headers?: Record<string, string>;
  method?: string;
  body?: string;
  requests?: AutocannonRequest[];
}) => Promise<AutocannonResult>;
// autocannon ships no types.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as Autocannon;

/**
 * Real records through the engine (so the engine columns are what the engine writes), then 100,000
 * nominations in bulk copying their state, machine and snapshot columns; appraisal ones get their
 * appraisal deadline timer, as the engine would arm it.
 */
export async function seedApiData(db: Db): Promise<{ token: string; eventIds: number[] }> {
  const org = await seedOrg(db);
  const deps = testEngineDeps(db, { cacheMs: 5000 });
  const office = org.actors.office;
  // 200 BKTTG nominations in publicNotice: FILE_OBJECTION can be repeated there forever.
  const notice = await submittedDossier(deps, org, { awardCode: 'BKTTG', nominations: 200 });
  await sendEvent(deps, office, { recordType: 'dossier', id: notice.dossier.id, event: { type: 'RECEIVE' } });
  for (const n of notice.nominations)
    await sendEvent(deps, office, {
      recordType: 'nomination',
      id: n.id,
      event: { type: 'APPRAISE', eligible: true, overrideReason: 'Đã kiểm tra hồ sơ giấy' },
    });
  // Templates for the bulk rows: LDTT nominations in appraisal and in directorReview.
  const templ = await submittedDossier(deps, org, { awardCode: 'LDTT', nominations: 2 });
  await sendEvent(deps, office, { recordType: 'dossier', id: templ.dossier.id, event: { type: 'RECEIVE' } });
  await sendEvent(deps, office, {
    recordType: 'nomination',
    id: templ.nominations[1]!.id,
    event: { type: 'APPRAISE', eligible: true, overrideReason: 'Đã kiểm tra hồ sơ giấy' },
  });

  const t0 = Date.now();
  await db.query(
    `INSERT INTO nominations (dossier_id, campaign_id, unit_id, award_code, nominee_kind, nominee_name,
                              nominee_position, summary, state, version, machine_id, machine_version,
                              snapshot, entry_seq, created_by, created_at, updated_at)
     SELECT t.dossier_id, t.campaign_id, CASE WHEN g % 2 = 0 THEN $3::int ELSE t.unit_id END, t.award_code,
            t.nominee_kind, 'Người thứ ' || g, 'Chuyên viên', t.summary, t.state, t.version, t.machine_id,
            t.machine_version, t.snapshot, t.entry_seq, t.created_by, now() - (g || ' seconds')::interval, now()
       FROM generate_series(1, $4::int) g
       JOIN nominations t ON t.id = CASE WHEN g % 10 < 4 THEN $1::int ELSE $2::int END`,
    [templ.nominations[0]!.id, templ.nominations[1]!.id, org.unitB, NOMINATIONS],
  );
  await db.query(
    `INSERT INTO timers (record_type, record_id, entry_seq, kind, rung, due_at, status, period)
     SELECT 'nomination', n.id, n.entry_seq, 'appraisal', 'deadline',
            now() + CASE WHEN n.id % 7 = 0 THEN interval '-1 day' ELSE interval '10 days' END,
            'armed', '{"workingDays": 10}'::jsonb
       FROM nominations n WHERE n.state = 'appraisal' AND n.id > $1`,
    [templ.nominations[1]!.id],
  );
  await db.query('ANALYZE nominations');
  await db.query('ANALYZE timers');
  console.log(`seeded ${NOMINATIONS} nominations (+ timers) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  const token = newApiToken();
  await createToken(db, office.userId!, 'bench', sha256Hex(token));
  return { token, eventIds: notice.nominations.map((n) => n.id) };
}

interface Row {
  what: string;
  r: AutocannonResult;
}

function print(rows: Row[], baseline: AutocannonResult): void {
  console.log(`\n${'what'.padEnd(50)} | req/s    | p50 ms | p99 ms | non-2xx | vs /api/me`);
  for (const { what, r } of rows)
    console.log(
      `${what.padEnd(50)} | ${fmt(r.requests.average).padStart(8)} | ${fmt(r.latency.p50).padStart(6)} | ${fmt(r.latency.p99).padStart(6)} | ${String(r.non2xx + r.errors + r.timeouts).padStart(7)} | ${fmt((100 * r.requests.average) / baseline.requests.average, 0).padStart(9)}%`,
    );
}

/** The web process under test, in its own process (autocannon must not share its event loop). */
async function serve(url: string, schema: string, dataDir: string): Promise<void> {
  const db = await openDb({ databaseUrl: url, schema, poolSize: 20 });
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'warn', NODE_ENV: 'production' });
  const app = createApp({
    db,
    config,
    // Request logging at `warn`: the figures measure the API, not writing a log line per request.
    logger: pino({ level: 'warn' }),
    engine: testEngineDeps(db, { cacheMs: 5000 }),
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  // The ceiling of this machine: a bare Express app in the same process, one JSON route, no middleware,
  // no database. Nothing the API does can answer faster than this.
  const bare = express();
  bare.get('/', (_req, res) => {
    res.json({ ok: true });
  });
  const bareServer: Server = await new Promise((resolve) => {
    const s = bare.listen(0, '127.0.0.1', () => resolve(s));
  });
  process.send?.({
    port: (server.address() as AddressInfo).port,
    barePort: (bareServer.address() as AddressInfo).port,
  });
  process.once('disconnect', () => {
    server.closeAllConnections();
    bareServer.closeAllConnections();
    bareServer.close();
    server.close(() => void db.close().finally(() => process.exit(0)));
  });
}

export async function runApiBench(): Promise<void> {
  const url = process.env.DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test';
  const schema = `bench_api_${randomBytes(4).toString('hex')}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'accolade-bench-'));
  const db = await openDb({ databaseUrl: url, schema, poolSize: 4 });
  let child: ReturnType<typeof fork> | undefined;
  try {
    const { token, eventIds } = await seedApiData(db);
    // Same runtime flags (tsx) as this process.
    child = fork(__filename, ['serve', url, schema, dataDir], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      // BENCH_SERVER_NODE_ARGS: extra node flags for the server, e.g. `--cpu-prof --cpu-prof-dir=/tmp/p`.
      execArgv: [
        ...process.execArgv,
        ...(process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
      ],
    });
    const { port, barePort } = await new Promise<{ port: number; barePort: number }>((resolve, reject) => {
      child!.once('message', (m: { port: number; barePort: number }) => resolve(m));
      child!.once('exit', (code) => reject(new Error(`the server process exited (${code})`)));
    });
    const base = `http://127.0.0.1:${port}`;
    const auth = { authorization: `Bearer ${token}` };
    const run = (path: string, extra: Partial<Parameters<Autocannon>[0]> = {}) =>
      autocannon({
        url: base + path,
        connections: CONNECTIONS,
        duration: DURATION_S,
        headers: auth,
        ...extra,
      });

    console.log(
      `\nAPI on PostgreSQL, ${CONNECTIONS} connections, ${DURATION_S} s each (server in its own process)`,
    );
    await run('/healthz', { duration: 2 }); // warm-up: connections, prepared statements, JIT
    const ceiling = await autocannon({
      url: `http://127.0.0.1:${barePort}/`,
      connections: CONNECTIONS,
      duration: DURATION_S,
    });
    const healthz = await run('/healthz');
    const me = await run('/api/me');
    await run('/api/nominations?limit=50', { duration: 2 });
    const list = await run('/api/nominations?limit=50');
    const listState = await run('/api/nominations?limit=50&state=appraisal');
    const listAward = await run('/api/nominations?limit=50&state=directorReview&awardCode=LDTT');
    let i = 0;
    const event = await run('/', {
      requests: [
        {
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/json' },
          body: JSON.stringify({ type: 'FILE_OBJECTION', text: 'Ý kiến phản ánh' }),
          setupRequest: (req) => ({
            ...req,
            path: `/api/nominations/${eventIds[i++ % eventIds.length]}/events`,
          }),
        },
      ],
    });
    print(
      [
        { what: 'GET / bare Express (ceiling: no middleware, no db)', r: ceiling },
        { what: 'GET /healthz (baseline, no auth)', r: healthz },
        { what: 'GET /api/me (baseline, bearer + 1 read)', r: me },
        { what: 'GET /api/nominations?limit=50', r: list },
        { what: 'GET /api/nominations?limit=50&state=appraisal', r: listState },
        { what: '… &state=directorReview&awardCode=LDTT', r: listAward },
        { what: 'POST …/events FILE_OBJECTION (200 records)', r: event },
      ],
      me,
    );
    console.log('\nTarget (issue): list p99 under 50 ms, event p99 under 100 ms.');
  } finally {
    if (child?.connected) {
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.disconnect();
      await exited;
    }
    await db.close();
    await dropPostgresSchema(url, schema);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (require.main === module && process.argv[2] === 'serve')
  void serve(process.argv[3]!, process.argv[4]!, process.argv[5]!);
else if (require.main === module)
  runApiBench().then(
    () => process.exit(0),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
