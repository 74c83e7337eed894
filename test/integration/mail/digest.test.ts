import { Queue, QueueEvents, type Worker } from 'bullmq';
import pino from 'pino';
import type { Db } from '../../../src/db/db';
import { openDb } from '../../../src/db/open-db';
import { dropPostgresSchema } from '../../../src/db/postgres';
import { deliverNotice } from '../../../src/workflow/notices/deliver-notice';
import { queueDailyDigest } from '../../../src/workflow/notices/queue-daily-digest';
import { createMailer } from '../../../src/mail/mailer';
import type { NoticeData } from '../../../src/mail/templates';
import { digestJob, queueNames } from '../../../src/queue/queues';
import { scheduleDigest, startDigestWorker } from '../../../workers/digest.worker';
import { startTestSmtp } from '../../helpers/smtp';

jest.setTimeout(60_000);

const databaseUrl = process.env.DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test';
const connection = { host: '127.0.0.1', port: 6379 };
const logger = pino({ level: 'silent' });
const publicUrl = 'https://accolade.example';
// 30 Nov 2026, 15:00 in Asia/Ho_Chi_Minh
const now = new Date('2026-11-30T08:00:00Z');

interface Seed {
  office: number;
  director: number;
  both: number;
  submittedDossier: number;
  appraisal: number;
  directorReview: number;
  decision: number;
  submission: number;
}

async function seed(db: Db): Promise<Seed> {
  const one = async (sql: string, params: unknown[] = []) =>
    (await db.query<{ id: number }>(sql, params))[0]!.id;
  const unit = await one(`INSERT INTO units (code, name) VALUES ('SNV', 'Sở Nội vụ') RETURNING id`);
  const user = (name: string, roles: string[], locale = 'vi', active = true) =>
    one(
      `INSERT INTO users (username, password_hash, full_name, email, unit_id, roles, locale, active)
       VALUES ($1, 'x', $2, $1 || '@snv.example', $3, $4, $5, $6) RETURNING id`,
      [name, `User ${name}`, unit, roles, locale, active],
    );
  const office = await user('office1', ['office']);
  const director = await user('director1', ['director'], 'en');
  const both = await user('deputy1', ['office', 'director']);
  await user('clerk1', ['unit']);
  await user('retired1', ['office'], 'vi', false);
  const wf = (state: string, entrySeq: number, machine: string) => [state, machine, 1, '{}', entrySeq];
  const campaign = await one(
    `INSERT INTO campaigns (title, kind, year, nomination_deadline, state, machine_id, machine_version, snapshot, entry_seq)
     VALUES ('Thi đua 2026', 'annual', 2026, '2026-12-15', $1, $2, $3, $4, $5) RETURNING id`,
    wf('open', 1, 'campaign'),
  );
  const dossier = (title: string, state: string, entrySeq: number) =>
    one(
      `INSERT INTO dossiers (campaign_id, unit_id, title, state, machine_id, machine_version, snapshot, entry_seq)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [campaign, unit, title, ...wf(state, entrySeq, 'dossier')],
    );
  const submittedDossier = await dossier('Hồ sơ Phòng Kế hoạch', 'submitted', 3);
  await dossier('Hồ sơ nháp', 'draft', 0);
  const nomination = (name: string, state: string, entrySeq: number) =>
    one(
      `INSERT INTO nominations (dossier_id, campaign_id, unit_id, award_code, nominee_kind, nominee_name, summary,
                                state, machine_id, machine_version, snapshot, entry_seq)
       VALUES ($1, $2, $3, 'LDTT', 'individual', $4, 's', $5, $6, $7, $8, $9) RETURNING id`,
      [submittedDossier, campaign, unit, name, ...wf(state, entrySeq, 'nomination')],
    );
  const appraisal = await nomination('Trần Thị Bình', 'appraisal', 2);
  const directorReview = await nomination('Lê Văn Cường', 'directorReview', 4);
  await nomination('Phạm Đức', 'awarded', 6);
  const doc = (table: string, title: string, state: string) =>
    one(
      `INSERT INTO ${table} (title, issuer_unit_id, state, machine_id, machine_version, snapshot, entry_seq)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [title, unit, ...wf(state, 1, 'document')],
    );
  const decision = await doc('decisions', 'QĐ tặng danh hiệu LĐTT', 'awaitingSignature');
  const submission = await doc('submissions', 'TTr đề nghị Bằng khen', 'draft');
  await doc('decisions', 'QĐ đã ký', 'issued');
  const timer = (
    type: string,
    id: number,
    entrySeq: number,
    kind: string,
    rung: string,
    due: string,
    status: string,
  ) =>
    db.query(
      `INSERT INTO timers (record_type, record_id, entry_seq, kind, rung, due_at, status, period)
       VALUES ($1, $2, $3, $4, $5, $6, $7, '{}')`,
      [type, id, entrySeq, kind, rung, due, status],
    );
  // the dossier's current receipt deadline has fired (overdue); an older entry's timer must not count
  await timer('dossier', submittedDossier, 3, 'receipt', 'deadline', '2026-11-27T17:00:00Z', 'fired');
  await timer('dossier', submittedDossier, 3, 'receipt', 'reminder-1', '2026-11-26T17:00:00Z', 'fired');
  await timer('dossier', submittedDossier, 1, 'receipt', 'deadline', '2026-11-01T17:00:00Z', 'cancelled');
  await timer('nomination', appraisal, 2, 'appraisal', 'deadline', '2026-12-10T17:00:00Z', 'armed');
  await timer('nomination', directorReview, 4, 'directorReview', 'deadline', '2026-12-02T17:00:00Z', 'armed');
  return { office, director, both, submittedDossier, appraisal, directorReview, decision, submission };
}

describe.each(['pglite', 'postgres'] as const)('daily digest on %s', (kind) => {
  const tag = Math.random().toString(36).slice(2, 10);
  const schema = `test_digest_${tag}`;
  const prefix = `test-digest-${kind}-${tag}`;
  let db: Db;
  let s: Seed;

  beforeAll(async () => {
    db = kind === 'pglite' ? await openDb({ inMemory: true }) : await openDb({ databaseUrl, schema });
    s = await seed(db);
  });
  afterAll(async () => {
    await db?.close();
    if (kind === 'postgres') await dropPostgresSchema(databaseUrl, schema);
  });

  const digestOf = async (userId: number, date: string) => {
    const rows = await db.query<{
      id: number;
      key: string;
      data: NoticeData;
      locale: string;
      recipient_email: string;
    }>(`SELECT id, key, data, locale, recipient_email FROM notices WHERE key = $1`, [
      `digest/${date}/user-${userId}`,
    ]);
    return rows[0];
  };

  it('queues one notice per office or director user with something waiting, once a day', async () => {
    expect(await queueDailyDigest({ db, now: () => now, publicUrl }, '2026-11-30')).toBe(3);
    expect(await queueDailyDigest({ db, now: () => now, publicUrl: `${publicUrl}/` }, '2026-11-30')).toBe(0);

    const office = (await digestOf(s.office, '2026-11-30'))!;
    expect(office.locale).toBe('vi');
    expect(office.recipient_email).toBe('office1@snv.example');
    expect(office.data.recordTitle).toBe('Công việc chờ xử lý ngày 30/11/2026');
    expect(office.data.items!.map((i) => `${i.recordType}/${i.recordId}/${i.state}`)).toEqual([
      `dossier/${s.submittedDossier}/submitted`,
      `nomination/${s.appraisal}/appraisal`,
      `submission/${s.submission}/draft`,
    ]);
    const [dossier, appraisal, submission] = office.data.items!;
    expect(dossier).toMatchObject({
      overdue: true,
      dueAt: '2026-11-27T17:00:00.000Z',
      link: `${publicUrl}/dossiers/${s.submittedDossier}`,
    });
    expect(appraisal).toMatchObject({
      overdue: false,
      dueAt: '2026-12-10T17:00:00.000Z',
      title: 'Trần Thị Bình — LDTT',
    });
    expect(submission!.dueAt).toBeUndefined();

    const director = (await digestOf(s.director, '2026-11-30'))!;
    expect(director.locale).toBe('en');
    expect(director.data.items!.map((i) => `${i.recordType}/${i.recordId}`)).toEqual([
      `nomination/${s.directorReview}`,
      `decision/${s.decision}`,
    ]);
    expect((await digestOf(s.both, '2026-11-30'))!.data.items).toHaveLength(5);

    const outbox = await db.query<{ job_id: string; payload: { noticeId: number } }>(
      `SELECT job_id, payload FROM outbox WHERE queue = 'email' ORDER BY id`,
    );
    expect(outbox.map((o) => o.job_id)).toEqual(outbox.map((o) => `ntc-${o.payload.noticeId}`));
    expect(outbox).toHaveLength(3);
  });

  it('the digest email lists the groups, the due times and the overdue marks', async () => {
    const smtp = await startTestSmtp();
    const mailer = createMailer({ smtpUrl: smtp.url, from: 'no-reply@accolade.example', logger });
    try {
      const office = (await digestOf(s.office, '2026-11-30'))!;
      const deps = { db, mailer, logger, now: () => now };
      expect(await deliverNotice(deps, office.id, { attempt: 1, maxAttempts: 8 })).toBe('sent');
      const [mail] = await smtp.waitFor(1);
      expect(mail!.subject).toBe(
        '[Thi đua – Khen thưởng] Công việc chờ xử lý ngày 30/11/2026: 3 việc chờ xử lý, 1 quá hạn',
      );
      expect(mail!.text).toContain('Hồ sơ chờ tiếp nhận (1)');
      expect(mail!.text).toContain('- Hồ sơ Phòng Kế hoạch [hạn hết ngày 27/11/2026 · QUÁ HẠN]');
      expect(mail!.text).toContain('Đề nghị chờ thẩm định (1)');
      expect(mail!.text).toContain('Tờ trình đang soạn thảo (1)');
    } finally {
      mailer.close();
      await smtp.close();
    }
  });

  it('the digest worker runs a dated job, and a scheduled one for today in the business time zone', async () => {
    const queue = new Queue(queueNames.digest, { connection, prefix });
    const events = new QueueEvents(queueNames.digest, { connection, prefix });
    let worker: Worker | undefined;
    try {
      await events.waitUntilReady();
      // 20:00 UTC on 30 Nov is already 1 Dec in Hà Nội
      const late = new Date('2026-11-30T20:00:00Z');
      worker = startDigestWorker({ connection, prefix, db, logger, publicUrl, now: () => late });
      const dated = await queue.add(digestJob.name, { date: '2026-11-30' });
      expect(await dated.waitUntilFinished(events, 20_000)).toEqual({ date: '2026-11-30', created: 0 });
      const scheduled = await queue.add(digestJob.name, { timeZone: 'Asia/Ho_Chi_Minh' });
      expect(await scheduled.waitUntilFinished(events, 20_000)).toEqual({ date: '2026-12-01', created: 3 });
      const bad = await queue.add(digestJob.name, { date: 'yesterday' });
      await expect(bad.waitUntilFinished(events, 20_000)).rejects.toThrow(/bad digest payload/);

      await scheduleDigest(queue, 7, 'Asia/Ho_Chi_Minh');
      await scheduleDigest(queue, 7, 'Asia/Ho_Chi_Minh');
      const schedulers = await queue.getJobSchedulers();
      expect(schedulers).toHaveLength(1);
      expect(schedulers[0]).toMatchObject({
        key: digestJob.schedulerId,
        pattern: '0 7 * * *',
        tz: 'Asia/Ho_Chi_Minh',
      });
      const next = await queue.getDelayed();
      expect(next.map((j) => j.data)).toContainEqual({ timeZone: 'Asia/Ho_Chi_Minh' });
    } finally {
      await worker?.close();
      await events.close();
      await queue.obliterate({ force: true });
      await queue.close();
    }
  });
});
