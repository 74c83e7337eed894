/**
 * Email throughput: notices per second through the whole path (ledger claim → render → pooled SMTP →
 * mark sent, driven by BullMQ jobs on the email worker) into a local smtp-server, against a baseline of
 * bare nodemailer pooled sends of the same messages (no ledger, no queue) in the same run.
 *
 *   npx tsx bench/email.ts            (PGlite in memory)
 *   DATABASE_URL=postgres://… npx tsx bench/email.ts
 *   BENCH_EMAIL_N=5000 BENCH_EMAIL_CONCURRENCY=20 …
 */
import { Queue, type Worker } from 'bullmq';
import pino from 'pino';
import type { Db } from '../src/db/db';
import { insertNoticeOnce } from '../src/db/notices';
import { txOutbox } from '../src/workflow/engine/outbox';
import { openDb } from '../src/db/open-db';
import { dropPostgresSchema } from '../src/db/postgres';
import { noticeMessageId } from '../src/mail/format';
import { createMailer, type OutgoingMail } from '../src/mail/mailer';
import { renderNotice, type NoticeData } from '../src/mail/templates';
import { emailJob, queueNames } from '../src/queue/queues';
import { startEmailWorker } from '../workers/email.worker';
import { startTestSmtp } from '../test/helpers/smtp';

const target = 200;

function noticeData(i: number): NoticeData {
  return {
    recordType: 'dossier',
    recordId: i,
    recordTitle: `Hồ sơ đề nghị khen thưởng số ${i} của Phòng Kế hoạch – Tài chính`,
    unitName: 'Phòng Kế hoạch – Tài chính',
    campaignTitle: 'Thi đua thường xuyên năm 2026',
    reason: 'Thiếu biên bản họp xét thi đua của đơn vị',
    dueAt: '2026-11-30T10:00:00Z',
    link: `https://accolade.example/dossiers/${i}`,
    recipientName: 'Nguyễn Văn An',
  };
}

async function pool<T>(
  items: readonly T[],
  concurrency: number,
  fn: (t: T) => Promise<unknown>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

export async function runEmailBench(): Promise<void> {
  const n = Number(process.env.BENCH_EMAIL_N ?? 2000);
  const concurrency = Number(process.env.BENCH_EMAIL_CONCURRENCY ?? 10);
  const databaseUrl = process.env.DATABASE_URL;
  const tag = Math.random().toString(36).slice(2, 10);
  const schema = `bench_mail_${tag}`;
  const prefix = `bench-mail-${tag}`;
  const connection = { host: '127.0.0.1', port: 6379 };
  const logger = pino({ level: 'silent' });

  const db: Db = databaseUrl
    ? await openDb({ databaseUrl, schema, poolSize: concurrency + 2 })
    : await openDb({ inMemory: true });
  const smtp = await startTestSmtp({ parse: false });
  const mailer = createMailer({ smtpUrl: smtp.url, from: 'no-reply@accolade.example', logger });
  const queue = new Queue(queueNames.email, { connection, prefix });
  let worker: Worker | undefined;
  try {
    // the ledger rows, as the engine writes them (not timed)
    const ids: number[] = [];
    const runKey = `bench-${tag}`;
    for (let start = 0; start < n; start += 500) {
      await db.transaction(async (tx) => {
        const outbox = txOutbox(tx);
        for (let i = start; i < Math.min(n, start + 500); i++) {
          const key = `${runKey}/dossier/${i}/seq-1/dossier.returned/user-${i}`;
          const id = await insertNoticeOnce(tx, {
            key,
            template: 'dossier.returned',
            recordType: 'dossier',
            recordId: i,
            recipientUserId: null,
            recipientEmail: `clerk${i}@unit.example`,
            locale: 'vi',
            data: noticeData(i),
            messageId: noticeMessageId(key),
          });
          if (id === null) continue;
          await outbox.add(emailJob, { noticeId: id });
          ids.push(id);
        }
      });
    }

    // 1. the whole path: BullMQ job → ledger claim → render → pooled SMTP → mark sent
    let done = 0;
    let failed = 0;
    const allDone = new Promise<void>((resolve) => {
      const tick = () => {
        if (done + failed >= n) resolve();
      };
      worker = startEmailWorker({ connection, prefix, db, mailer, logger, concurrency });
      worker.on('completed', () => {
        done++;
        tick();
      });
      worker.on('failed', (job) => {
        if (job && job.attemptsMade >= (job.opts.attempts ?? 1)) failed++;
        tick();
      });
    });
    await worker!.waitUntilReady();
    const t0 = performance.now();
    await queue.addBulk(
      ids.map((id) => ({
        name: emailJob.name,
        data: { noticeId: id },
        opts: { ...emailJob.options, jobId: emailJob.jobId(id) },
      })),
    );
    await allDone;
    const engineMs = performance.now() - t0;
    const received = smtp.messages.length;
    await worker!.close();
    worker = undefined;

    // 2. baseline: the same messages, bare pooled nodemailer, same concurrency, no ledger, no queue
    const messages: OutgoingMail[] = ids.map((_, i) => {
      const r = renderNotice('dossier.returned', 'vi', noticeData(i));
      return { to: `clerk${i}@unit.example`, ...r, messageId: `baseline-${tag}-${i}@accolade` };
    });
    const t1 = performance.now();
    await pool(messages, concurrency, (m) => mailer.send(m));
    const baselineMs = performance.now() - t1;

    const perSec = (n * 1000) / engineMs;
    const basePerSec = (n * 1000) / baselineMs;
    const line = (s: string) => process.stdout.write(`${s}\n`);
    line(
      `email bench: ${n} notices, worker concurrency ${concurrency}, pooled SMTP (5 connections), ${db.kind}`,
    );
    line(
      `  engine path (queue + ledger + render + SMTP): ${perSec.toFixed(0)} notices/s (${engineMs.toFixed(0)} ms; ${done} sent, ${failed} failed, ${received} received)`,
    );
    line(
      `  baseline (bare nodemailer pool):              ${basePerSec.toFixed(0)} messages/s (${baselineMs.toFixed(0)} ms)`,
    );
    line(
      `  ratio engine/baseline: ${(perSec / basePerSec).toFixed(2)}; target ≥ ${target}/s: ${perSec >= target ? 'met' : 'NOT met'}`,
    );
  } finally {
    await worker?.close();
    await queue.obliterate({ force: true });
    await queue.close();
    mailer.close();
    await smtp.close();
    await db.close();
    if (databaseUrl) await dropPostgresSchema(databaseUrl, schema);
  }
}

if (require.main === module) {
  runEmailBench().then(
    () => process.exit(0),
    (e: unknown) => {
      process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exit(1);
    },
  );
}
