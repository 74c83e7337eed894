import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { Queue, type Worker } from 'bullmq';
import pino from 'pino';
import { seedCatalogue } from '../../../src/db/award-versions';
import { createMailer, type Mailer } from '../../../src/mail/mailer';
import { traceMixin } from '../../../src/trace';
import { queueNames } from '../../../src/workflow/jobs';
import { startEmailWorker } from '../../../workers/email.worker';
import { RecordBuilder, setupApiOrg, type ApiOrg } from '../../helpers/api-org';
import { startTestApp, type TestApp } from '../../helpers/app';
import { publishEmailOutbox, waitUntil } from '../../helpers/notices';
import { startTestSmtp, type TestSmtp } from '../../helpers/smtp';
import { deletePrefixKeys, redisConnection } from '../../helpers/timers';

/**
 * One event followed end to end by its request id: the HTTP log lines (the request's own and those the
 * code it runs logs through the process logger), the outbox row, the job, the worker's log lines and the
 * email's `X-Request-Id` header.
 */
describe('trace ids', () => {
  let t: TestApp;
  let org: ApiOrg;
  let smtp: TestSmtp;
  const prefix = `trace-${randomBytes(4).toString('hex')}`;
  let queue: Queue;
  let worker: Worker | undefined;
  let mailer: Mailer | undefined;

  beforeAll(async () => {
    t = await startTestApp({
      deps: (_db) => ({
        extraRoutes: (registry, deps) =>
          registry.add({
            method: 'get',
            path: '/api/test/log-something',
            summary: 'logs through the process logger (not req.log)',
            tags: ['test'],
            auth: 'public',
            responses: { 200: 'ok' },
            handler: async () => {
              await new Promise((r) => setTimeout(r, 5));
              deps.logger.info({ what: 'deep' }, 'logged by code the request runs');
              return { ok: true };
            },
          }),
      }),
    });
    await seedCatalogue(t.db);
    org = await setupApiOrg(t);
    smtp = await startTestSmtp();
    queue = new Queue(queueNames.email, { connection: redisConnection, prefix });
  });
  afterAll(async () => {
    await worker?.close();
    mailer?.close();
    await queue.close();
    await deletePrefixKeys(prefix);
    await smtp.close();
    await t.close();
  });

  test('every line a request logs carries its request id, also through the process logger', async () => {
    const id = 'trace-req-0001';
    const res = await t.anon.get('/api/test/log-something', { headers: { 'x-request-id': id } });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe(id);
    const deep = t.logs.find((l) => l.msg === 'logged by code the request runs');
    expect(deep?.requestId).toBe(id);
    const done = t.logs.filter(
      (l) => (l as { req?: { url?: string } }).req?.url === '/api/test/log-something',
    );
    expect(done.length).toBe(1);
    expect(done[0]!.requestId).toBe(id);
    // pino-http's own line binds it once: no second `"requestId"` on the same line.
    const raw = t
      .logText()
      .split('\n')
      .find((l) => l.includes('logged by code the request runs'))!;
    expect(raw.match(/"requestId"/g)).toHaveLength(1);
  });

  test('a notice: HTTP request → outbox row → job → worker log → email header', async () => {
    const b = new RecordBuilder(org);
    const { id: dossierId } = await b.dossierWith('draft');
    // Only this request's notices are sent below (the set-up's own are left aside).
    await t.db.query(`UPDATE outbox SET published_at = now() WHERE published_at IS NULL`);
    const requestId = `trace-submit-${randomBytes(4).toString('hex')}`;
    const res = await org.as.clerk.post(
      `/api/dossiers/${dossierId}/events`,
      { type: 'SUBMIT' },
      { headers: { 'x-request-id': requestId } },
    );
    expect(res.status).toBe(200);

    const rows = await t.db.query<{ payload: { requestId?: string } }>(
      `SELECT payload FROM outbox WHERE queue = 'email' AND published_at IS NULL`,
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.payload.requestId).toBe(requestId);

    const lines: Array<Record<string, unknown>> = [];
    const logger = pino(
      { level: 'info', mixin: traceMixin },
      new Writable({
        write(chunk: Buffer, _e, cb) {
          for (const l of chunk.toString().split('\n')) if (l.trim()) lines.push(JSON.parse(l));
          cb();
        },
      }),
    );
    mailer = createMailer({ smtpUrl: smtp.url, from: 'no-reply@accolade.example', logger });
    worker = startEmailWorker({
      connection: { ...redisConnection, maxRetriesPerRequest: null },
      prefix,
      db: t.db,
      mailer,
      logger,
    });
    const jobIds = await publishEmailOutbox(t.db, queue);
    const mails = await smtp.waitFor(rows.length, 20000);
    for (const m of mails) expect(m.parsed.headers.get('x-request-id')).toBe(requestId);
    // The worker logs once the ledger says `sent`, just after the server took the message.
    const sent = await waitUntil(
      () => Promise.resolve(lines.filter((l) => l.msg === 'notice sent')),
      (s) => s.length >= rows.length,
    );
    expect(sent).toHaveLength(rows.length);
    for (const l of sent) {
      expect(l.requestId).toBe(requestId);
      expect(jobIds).toContain(l.jobId);
    }
  });
});
