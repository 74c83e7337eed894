import { Queue, QueueEvents, type Job, type Worker } from 'bullmq';
import pino from 'pino';
import type { Db } from '../../../src/db/db';
import { listIncidents } from '../../../src/db/notices';
import { retryNotice } from '../../../src/workflow/admin/retry-notice';
import type { Actor } from '../../../src/workflow/types';

const admin: Actor = { userId: null, name: 'admin', roles: ['admin'], unitId: null };
import { openDb } from '../../../src/db/open-db';
import { dropPostgresSchema } from '../../../src/db/postgres';
import { deliverNotice, NoticeBusyError } from '../../../src/workflow/notices/deliver-notice';
import { createMailer, type Mailer } from '../../../src/mail/mailer';
import { emailJob, queueNames } from '../../../src/queue/queues';
import { startEmailWorker } from '../../../workers/email.worker';
import { insertTestNotice, noticeRow, publishEmailOutbox } from '../../helpers/notices';
import { startTestSmtp, type TestSmtp } from '../../helpers/smtp';

jest.setTimeout(60_000);

const databaseUrl = process.env.DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test';
const connection = { host: '127.0.0.1', port: 6379 };
const logger = pino({ level: 'silent' });
const bracket = (id: string) => `<${id}>`;

describe.each(['pglite', 'postgres'] as const)('email delivery on %s', (kind) => {
  const tag = Math.random().toString(36).slice(2, 10);
  const schema = `test_mail_${tag}`;
  const prefix = `test-mail-${kind}-${tag}`;
  let db: Db;
  let smtp: TestSmtp;
  let mailer: Mailer;
  let queue: Queue;
  let events: QueueEvents;
  let worker: Worker;

  beforeAll(async () => {
    db = kind === 'pglite' ? await openDb({ inMemory: true }) : await openDb({ databaseUrl, schema });
    smtp = await startTestSmtp();
    mailer = createMailer({ smtpUrl: smtp.url, from: 'Accolade <no-reply@accolade.example>', logger });
    queue = new Queue(queueNames.email, { connection, prefix });
    events = new QueueEvents(queueNames.email, { connection, prefix });
    await events.waitUntilReady();
    worker = startEmailWorker({ connection, prefix, db, mailer, logger, concurrency: 5 });
    await worker.waitUntilReady();
  });

  afterAll(async () => {
    await worker?.close();
    await events?.close();
    await queue?.obliterate({ force: true });
    await queue?.close();
    mailer?.close();
    await smtp?.close();
    await db?.close();
    if (kind === 'postgres') await dropPostgresSchema(databaseUrl, schema);
  });

  const finished = async (jobIds: string[]) =>
    Promise.all(
      jobIds.map(async (id) => {
        const job = (await queue.getJob(id)) as Job;
        return job.waitUntilFinished(events, 20_000) as Promise<string>;
      }),
    );

  it('delivers each notice once, with its deterministic Message-ID, rendered in the recipient language', async () => {
    const before = smtp.messages.length;
    const notices = [
      await insertTestNotice(db, { locale: 'vi' }),
      await insertTestNotice(db, { locale: 'en', template: 'dossier.received' }),
      await insertTestNotice(db, {
        locale: 'vi',
        template: 'nomination.awarded',
        data: { decisionNumber: '05/QĐ-SNV' },
      }),
    ];
    const jobIds = await publishEmailOutbox(db, queue);
    expect(jobIds).toEqual(notices.map((n) => `ntc-${n.id}`));
    expect(await finished(jobIds)).toEqual(['sent', 'sent', 'sent']);

    const got = smtp.messages.slice(before);
    expect(got).toHaveLength(3);
    expect(got.map((m) => m.messageId).sort()).toEqual(notices.map((n) => bracket(n.messageId)).sort());
    const byId = new Map(got.map((m) => [m.messageId, m]));
    const returned = byId.get(bracket(notices[0]!.messageId))!;
    expect(returned.subject).toMatch(
      /^\[Thi đua – Khen thưởng\] Hồ sơ bị trả lại để bổ sung: Hồ sơ khen thưởng số/,
    );
    expect(returned.text).toContain('Thời hạn: 17:00 ngày 30/11/2026');
    expect(returned.html).toContain('&lt;script&gt;');
    expect(returned.html).not.toContain('<script>');
    expect(byId.get(bracket(notices[1]!.messageId))!.subject).toMatch(/^\[Accolade\] Dossier received/);
    expect(byId.get(bracket(notices[2]!.messageId))!.text).toContain('05/QĐ-SNV');

    for (const n of notices) {
      const row = await noticeRow(db, n.id);
      expect(row).toMatchObject({ status: 'sent', attempts: 1, last_error: null });
      expect(row.sent_at).toBeInstanceOf(Date);
      expect(row.smtp_response).toMatch(/^250/);
    }
  });

  it('a job delivered twice sends one email', async () => {
    const n = await insertTestNotice(db);
    const [jobId] = await publishEmailOutbox(db, queue);
    expect(await finished([jobId!])).toEqual(['sent']);
    const count = smtp.messages.length;
    // the relay publishing twice (same job id) adds nothing; a second job with another id finds it sent
    await queue.add(emailJob.name, { noticeId: n.id }, { ...emailJob.options, jobId: jobId! });
    await queue.add(emailJob.name, { noticeId: n.id }, { ...emailJob.options, jobId: `ntc-${n.id}-again` });
    expect(await finished([`ntc-${n.id}-again`])).toEqual(['already-sent']);
    expect(smtp.messages.length).toBe(count);
    expect((await noticeRow(db, n.id)).attempts).toBe(1);
  });

  it('two concurrent deliveries of one notice send one email', async () => {
    const n = await insertTestNotice(db, { outbox: false });
    const count = smtp.messages.length;
    const deps = { db, mailer, logger, now: () => new Date() };
    const results = await Promise.allSettled([
      deliverNotice(deps, n.id, { attempt: 1, maxAttempts: 8 }),
      deliverNotice(deps, n.id, { attempt: 1, maxAttempts: 8 }),
    ]);
    const fulfilled = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const rejected = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    expect(fulfilled).toContain('sent');
    // the loser either saw it sent or saw the other's fresh claim (retried later by BullMQ)
    expect(fulfilled.length + rejected.length).toBe(2);
    for (const e of rejected) expect(e).toBeInstanceOf(NoticeBusyError);
    expect(await deliverNotice(deps, n.id, { attempt: 2, maxAttempts: 8 })).toBe('already-sent');
    await smtp.waitFor(count + 1);
    expect(smtp.messages.slice(count).map((m) => m.messageId)).toEqual([bracket(n.messageId)]);
  });

  it('an unknown notice id is reported, not retried', async () => {
    await queue.add(emailJob.name, { noticeId: 999_999 }, { ...emailJob.options, jobId: 'ntc-999999' });
    expect(await finished(['ntc-999999'])).toEqual(['not-found']);
  });

  it('a bad payload fails at once without retries', async () => {
    const job = await queue.add(emailJob.name, { noticeId: 'x' }, { ...emailJob.options, jobId: 'ntc-bad' });
    await expect(job.waitUntilFinished(events, 10_000)).rejects.toThrow(/bad email job/);
    const failed = (await queue.getJob('ntc-bad'))!;
    expect(failed.attemptsMade).toBe(1);
  });

  it('SMTP down: attempts are recorded, the notice fails as an incident, and a retry delivers it', async () => {
    const port = smtp.port;
    await smtp.close();
    const n = await insertTestNotice(db, { locale: 'en' });
    const [jobId] = await publishEmailOutbox(db, queue, {
      attempts: 3,
      backoff: { type: 'fixed', delay: 100 },
    });
    const job = (await queue.getJob(jobId!))!;
    await expect(job.waitUntilFinished(events, 20_000)).rejects.toThrow(/ECONNREFUSED|connect/i);

    const row = await noticeRow(db, n.id);
    expect(row).toMatchObject({ status: 'failed', attempts: 3 });
    expect(row.last_error).toMatch(/ECONNREFUSED|connect/i);
    expect(row.sent_at).toBeNull();
    const incidents = await listIncidents(db, { limit: 10 });
    expect(incidents.items.map((i) => i.id)).toContain(n.id);

    // a stale job for a failed notice does nothing until an admin retries it
    const deps = { db, mailer, logger, now: () => new Date() };
    expect(await deliverNotice(deps, n.id, { attempt: 1, maxAttempts: 3 })).toBe('failed');

    smtp = await startTestSmtp({ port });
    const count = smtp.messages.length;
    expect(await retryNotice({ db }, admin, n.id)).toEqual({ outcome: 'queued', jobId: `ntc-${n.id}-r1` });
    expect(await retryNotice({ db }, admin, n.id)).toEqual({ outcome: 'not-retryable', status: 'pending' });
    const retried = await publishEmailOutbox(db, queue);
    expect(retried).toEqual([`ntc-${n.id}-r1`]);
    expect(await finished(retried)).toEqual(['sent']);
    expect(smtp.messages.slice(count).map((m) => m.messageId)).toEqual([bracket(n.messageId)]);
    expect(await noticeRow(db, n.id)).toMatchObject({ status: 'sent', attempts: 4, retries: 1 });
    expect((await listIncidents(db, { limit: 10 })).items.map((i) => i.id)).not.toContain(n.id);
    expect(await retryNotice({ db }, admin, 987_654)).toEqual({ outcome: 'not-found' });
  });

  it('listIncidents pages newest first', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) {
      const n = await insertTestNotice(db, { outbox: false });
      await db.query(`UPDATE notices SET status = 'failed', last_error = 'boom' WHERE id = $1`, [n.id]);
      ids.push(n.id);
    }
    const first = await listIncidents(db, { limit: 2 });
    expect(first.items.map((i) => i.id)).toEqual([ids[2], ids[1]]);
    expect(first.nextCursor).toBe(String(ids[1]));
    const second = await listIncidents(db, { limit: 2, cursor: first.nextCursor });
    expect(second.items.map((i) => i.id)[0]).toBe(ids[0]);
    for (const id of ids) await db.query(`UPDATE notices SET status = 'sent' WHERE id = $1`, [id]);
  });

  it('without SMTP the notice is logged and kept as unsent, and can be resent later', async () => {
    const lines: string[] = [];
    const capture = pino({ level: 'info' }, { write: (s: string) => lines.push(s) });
    const disabled = createMailer({ from: 'x@example.com', logger: capture });
    expect(disabled.enabled).toBe(false);
    const n = await insertTestNotice(db, { email: 'clerk@unit.example', outbox: false });
    const count = smtp.messages.length;
    const deps = { db, mailer: disabled, logger: capture, now: () => new Date() };
    expect(await deliverNotice(deps, n.id, { attempt: 1, maxAttempts: 8 })).toBe('unsent');
    expect(await deliverNotice(deps, n.id, { attempt: 1, maxAttempts: 8 })).toBe('unsent');
    expect(await noticeRow(db, n.id)).toMatchObject({ status: 'unsent', attempts: 0 });
    const logged = lines.map((l) => JSON.parse(l)).find((l) => l.noticeId === n.id);
    expect(logged).toMatchObject({ template: 'dossier.returned', to: 'clerk@unit.example' });
    expect(lines.join('')).not.toMatch(/secret/);
    expect(smtp.messages.length).toBe(count);

    expect(await retryNotice({ db }, admin, n.id)).toMatchObject({ outcome: 'queued' });
    const jobs = await publishEmailOutbox(db, queue);
    expect(await finished(jobs)).toEqual(['sent']);
    expect(smtp.messages.slice(count).map((m) => m.messageId)).toEqual([bracket(n.messageId)]);
  });

  it('a stale sending claim (a worker died mid-send) is re-sent with the same Message-ID; a fresh one is left alone', async () => {
    const stale = await insertTestNotice(db, { outbox: false });
    const fresh = await insertTestNotice(db, { outbox: false });
    // the dead worker had sent the first one already: the server holds a copy
    const count = smtp.messages.length;
    const r0 = renderNoticeFor(stale.messageId);
    await mailer.send(r0);
    await db.query(
      `UPDATE notices SET status = 'sending', attempts = 1, claimed_at = now() - interval '3 minutes' WHERE id = $1`,
      [stale.id],
    );
    await db.query(`UPDATE notices SET status = 'sending', attempts = 1, claimed_at = now() WHERE id = $1`, [
      fresh.id,
    ]);

    const deps = { db, mailer, logger, now: () => new Date() };
    await expect(deliverNotice(deps, fresh.id, { attempt: 1, maxAttempts: 8 })).rejects.toBeInstanceOf(
      NoticeBusyError,
    );
    expect(await listIncidents(db, { limit: 50, staleBefore: new Date(Date.now() - 120_000) })).toMatchObject(
      {
        items: expect.arrayContaining([expect.objectContaining({ id: stale.id })]),
      },
    );

    const job = await queue.add(
      emailJob.name,
      { noticeId: stale.id },
      { ...emailJob.options, jobId: `ntc-${stale.id}` },
    );
    expect(await job.waitUntilFinished(events, 20_000)).toBe('sent');
    const got = smtp.messages.slice(count);
    expect(got.map((m) => m.messageId)).toEqual([bracket(stale.messageId), bracket(stale.messageId)]);
    expect(await noticeRow(db, stale.id)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(await noticeRow(db, fresh.id)).toMatchObject({ status: 'sending', attempts: 1 });
    await db.query(`UPDATE notices SET status = 'sent' WHERE id = $1`, [fresh.id]);
  });
});

function renderNoticeFor(messageId: string) {
  return { to: 'clerk@unit.example', subject: 'first copy', html: '<p>x</p>', text: 'x', messageId };
}
