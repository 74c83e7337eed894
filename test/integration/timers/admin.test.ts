import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import pino from 'pino';
import { loadConfig } from '../../../src/config';
import { createMailer, type Mailer } from '../../../src/mail/mailer';
import { createOutboxRelay, type OutboxRelay } from '../../../src/queue/outbox-relay';
import { createQueues, type Queues } from '../../../src/queue/queues';
import { createRuntime } from '../../../src/runtime';
import { startWeb } from '../../../src/server';
import { serverStep } from '../../../src/shutdown';
import { startEmailWorker } from '../../../workers/email.worker';
import { startTestApp, type TestApp, type TestSession } from '../../helpers/app';
import { uniquePrefix } from '../../helpers/db';
import { client, expectProblem } from '../../helpers/http';
import { insertTestNotice, noticeRow, waitUntil } from '../../helpers/notices';
import { startTestSmtp, type TestSmtp } from '../../helpers/smtp';
import { deletePrefixKeys, redisConnection } from '../../helpers/timers';

jest.setTimeout(60_000);

const logger = pino({ level: 'silent' });

/** The admin surface for deadlines and email: incidents and their retry, outbox status, the queue board. */
describe('admin: incidents, outbox, queues', () => {
  const prefix = uniquePrefix('timers-admin');
  let t: TestApp;
  let office: TestSession;
  let redis: Redis;
  let queues: Queues;
  let relay: OutboxRelay | undefined;
  let smtp: TestSmtp;
  let mailer: Mailer;
  let worker: Worker | undefined;

  beforeAll(async () => {
    redis = new Redis('redis://127.0.0.1:6379', { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    queues = createQueues(redis, prefix);
    smtp = await startTestSmtp();
    mailer = createMailer({ smtpUrl: smtp.url, from: 'no-reply@accolade.example', logger });
    // The app's engine kicks the relay the test runs over the app's own database.
    t = await startTestApp({ queues, outbox: { kick: () => relay?.kick() } });
    relay = createOutboxRelay({ db: t.db, queues, logger, now: () => new Date() });
    const unit = await t.createUnit({ code: 'SNV', name: 'Sở Nội vụ' });
    office = await t.createUser({ username: 'office1', roles: ['office'], unitId: unit.id });
  });
  afterAll(async () => {
    await worker?.close();
    await relay?.stop();
    await t?.close();
    await deletePrefixKeys(prefix);
    await queues?.close();
    redis?.disconnect();
    mailer?.close();
    await smtp?.close();
  });

  const failedNotice = async (error: string) => {
    const n = await insertTestNotice(t.db, { outbox: false });
    await t.db.query(`UPDATE notices SET status = 'failed', attempts = 8, last_error = $2 WHERE id = $1`, [
      n.id,
      error,
    ]);
    return n;
  };

  test('outbox status: unpublished rows and their age, armed and overdue timers, queue counts', async () => {
    await t.db.query(
      `INSERT INTO outbox (queue, job_name, job_id, payload, created_at)
       VALUES ('timers', 'fire', 'tmr-999999', '{"timerId":999999}', now() - interval '120 seconds')`,
    );
    await t.db.query(
      `INSERT INTO timers (record_type, record_id, entry_seq, kind, rung, due_at, status, period) VALUES
         ('dossier', 1, 1, 'receipt', 'deadline', now() - interval '10 minutes', 'armed', '{"seconds":1}'),
         ('dossier', 1, 1, 'receipt', 'escalation', now() + interval '1 day', 'armed', '{"seconds":1}'),
         ('dossier', 1, 1, 'receipt', 'reminder-1', now() - interval '1 day', 'fired', '{"seconds":1}')`,
    );
    const res = await t.admin.api.get('/api/admin/outbox');
    expect(res.status).toBe(200);
    expect(res.body.outbox).toMatchObject({ unpublished: 1, failedAttempts: 0 });
    expect(res.body.outbox.oldestUnpublishedSeconds).toBeGreaterThanOrEqual(119);
    expect(res.body.timers).toMatchObject({ armed: 2, overdue: 1 });
    expect(res.body.timers.oldestOverdueSeconds).toBeGreaterThanOrEqual(599);
    expect(Object.keys(res.body.queues).sort()).toEqual(['digest', 'email', 'timers']);
    expect(res.body.queues.timers).toMatchObject({ delayed: 0, waiting: 0 });

    expectProblem(await office.api.get('/api/admin/outbox'), 403, 'FORBIDDEN');
    expectProblem(await t.anon.get('/api/admin/outbox'), 401, 'UNAUTHENTICATED');
    await t.db.query(`DELETE FROM outbox WHERE job_id = 'tmr-999999'`);
    await t.db.query(`DELETE FROM timers WHERE record_id = 1 AND record_type = 'dossier'`);
  });

  test('an admin lists incidents page by page, newest first; others may not', async () => {
    const made = [await failedNotice('550 mailbox full'), await failedNotice('connection refused')];
    const sent = await insertTestNotice(t.db, { outbox: false });
    await t.db.query(`UPDATE notices SET status = 'sent' WHERE id = $1`, [sent.id]);
    const first = await t.admin.api.get('/api/admin/incidents?limit=1');
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(1);
    expect(first.body.items[0]).toMatchObject({
      id: made[1]!.id,
      status: 'failed',
      lastError: 'connection refused',
      attempts: 8,
      messageId: made[1]!.messageId,
    });
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await t.admin.api.get(
      `/api/admin/incidents?limit=1&cursor=${encodeURIComponent(first.body.nextCursor as string)}`,
    );
    expect(second.body.items.map((i: { id: number }) => i.id)).toEqual([made[0]!.id]);
    const all = await t.admin.api.get('/api/admin/incidents');
    expect(all.body.items.map((i: { id: number }) => i.id)).not.toContain(sent.id);

    expectProblem(await office.api.get('/api/admin/incidents'), 403, 'FORBIDDEN');
    expectProblem(await t.anon.get('/api/admin/incidents'), 401, 'UNAUTHENTICATED');
  });

  test('a retried incident is published and delivered once, under its Message-ID', async () => {
    worker = startEmailWorker({
      connection: { ...redisConnection, maxRetriesPerRequest: null },
      prefix,
      db: t.db,
      mailer,
      logger,
    });
    await worker.waitUntilReady();
    const n = await failedNotice('421 try later');

    expectProblem(await office.api.post(`/api/admin/incidents/${n.id}/retry`), 403, 'FORBIDDEN');
    expect((await noticeRow(t.db, n.id)).status).toBe('failed');

    const res = await t.admin.api.post(`/api/admin/incidents/${n.id}/retry`);
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ noticeId: n.id, jobId: `ntc-${n.id}-r1` });
    await waitUntil(
      () => noticeRow(t.db, n.id),
      (row) => row.status === 'sent',
      15_000,
    );
    const got = await smtp.waitFor(1);
    expect(got.filter((m) => m.messageId === `<${n.messageId}>`)).toHaveLength(1);
    expect(await t.admin.api.get('/api/admin/incidents')).toMatchObject({ status: 200 });
    expect(
      (await t.admin.api.get('/api/admin/incidents')).body.items.map((i: { id: number }) => i.id),
    ).not.toContain(n.id);

    // Sent now: nothing to retry.
    expectProblem(await t.admin.api.post(`/api/admin/incidents/${n.id}/retry`), 409, 'CONFLICT');
    expectProblem(await t.admin.api.post('/api/admin/incidents/999999/retry'), 404, 'NOT_FOUND');
  });

  test('the queue board at /admin/queues is for admins only', async () => {
    const page = await t.admin.api.get('/admin/queues');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.text).toContain('Accolade queues');
    const api = await t.admin.api.get('/admin/queues/api/queues');
    expect(api.status).toBe(200);
    const names = (api.body.queues as Array<{ name: string; readOnlyMode: boolean }>).map((q) => q.name);
    expect(names.sort()).toEqual(['digest', 'email', 'timers']);
    expect((api.body.queues as Array<{ readOnlyMode: boolean }>).every((q) => q.readOnlyMode)).toBe(true);

    expectProblem(await office.api.get('/admin/queues'), 403, 'FORBIDDEN');
    expectProblem(await office.api.get('/admin/queues/api/queues'), 403, 'FORBIDDEN');
    expectProblem(await t.anon.get('/admin/queues'), 401, 'UNAUTHENTICATED');
    // Read-only: no job can be retried or removed through the board.
    const retry = await t.admin.api.put('/admin/queues/api/queues/email/retry/failed');
    expect(retry.status).toBeGreaterThanOrEqual(400);
  });
});

/**
 * The real web process (`startWeb` over `createRuntime`) started while Redis is down: /healthz says so
 * with a 200, the API still answers and the admin pages do not hang. On the embedded database only:
 * `createRuntime` opens the database named by DATABASE_URL as it is (no schema of its own for a test),
 * and a fresh PGlite directory is what keeps this test apart from the others.
 */
describe('the web process with Redis down (PGlite)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'accolade-redis-down-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  test('/healthz answers 200 with redis "down"; the admin status still answers', async () => {
    const config = loadConfig({
      NODE_ENV: 'test',
      PORT: '0',
      DATA_DIR: dataDir,
      REDIS_URL: 'redis://127.0.0.1:1',
      QUEUE_PREFIX: uniquePrefix('timers-down'),
      BOOTSTRAP_ADMIN: 'admin:admin-password-1',
      LOG_LEVEL: 'silent',
    });
    const rt = await createRuntime(config, 'web');
    let server: Server | undefined;
    try {
      server = await startWeb(rt);
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const anon = client(base);
      const health = await anon.get('/healthz');
      expect(health.status).toBe(200);
      expect(health.body).toEqual({ status: 'ok', db: 'up', redis: 'down' });

      const login = await anon.post('/api/auth/login', { username: 'admin', password: 'admin-password-1' });
      expect(login.status).toBe(200);
      const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
      const admin = client(base, { cookie, csrfToken: login.body.csrfToken as string });
      const started = Date.now();
      const status = await admin.get('/api/admin/outbox');
      expect(status.status).toBe(200);
      expect(status.body.queues).toBeNull();
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      if (server) await serverStep(server).close();
      await rt.close();
    }
  });
});
