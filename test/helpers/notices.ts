import type { JobsOptions, Queue } from 'bullmq';
import type { Db, Queryable } from '../../src/db/db';
import { json } from '../../src/db/db';
import { noticeMessageId } from '../../src/mail/format';
import type { NoticeData, NoticeTemplate } from '../../src/mail/templates';
import { emailJob } from '../../src/queue/queues';

let seq = 0;

export interface TestNotice {
  id: number;
  key: string;
  messageId: string;
}

/** Inserts a notice and its outbox row the way the engine does inside an event's transaction. */
export async function insertTestNotice(
  db: Db,
  n: {
    key?: string;
    template?: NoticeTemplate;
    email?: string;
    locale?: 'vi' | 'en';
    data?: Partial<NoticeData>;
    recipientUserId?: number | null;
    /** false: no outbox row (a test that calls deliverNotice itself). */
    outbox?: boolean;
  } = {},
): Promise<TestNotice> {
  const key =
    n.key ?? `dossier/${++seq}/seq-1/dossier.returned/user-${seq}-${Math.random().toString(36).slice(2, 8)}`;
  const data: NoticeData = {
    recordType: 'dossier',
    recordId: seq,
    recordTitle: `Hồ sơ khen thưởng số ${seq}`,
    unitName: 'Phòng Tổ chức cán bộ',
    reason: 'Thiếu biên bản họp <script>alert(1)</script>',
    dueAt: '2026-11-30T10:00:00Z',
    link: `https://accolade.example/dossiers/${seq}`,
    ...n.data,
  };
  const messageId = noticeMessageId(key);
  const id = await db.transaction(async (tx: Queryable) => {
    const rows = await tx.query<{ id: number }>(
      `INSERT INTO notices (key, template, record_type, record_id, recipient_user_id, recipient_email, locale, data, status, message_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending', $9) RETURNING id`,
      [
        key,
        n.template ?? 'dossier.returned',
        data.recordType,
        data.recordId,
        n.recipientUserId ?? null,
        n.email ?? `clerk${seq}@unit.example`,
        n.locale ?? 'vi',
        json(data),
        messageId,
      ],
    );
    const noticeId = rows[0]!.id;
    if (n.outbox === false) return noticeId;
    await tx.query(
      `INSERT INTO outbox (queue, job_name, job_id, payload) VALUES ('email', 'deliver', $1, $2)`,
      [`ntc-${noticeId}`, json({ noticeId })],
    );
    return noticeId;
  });
  return { id, key, messageId };
}

/** The relay's job for the email queue, in small: publish unpublished outbox rows, mark them published. */
export async function publishEmailOutbox(db: Db, queue: Queue, opts: JobsOptions = {}): Promise<string[]> {
  const rows = await db.query<{ id: number; job_name: string; job_id: string; payload: unknown }>(
    `SELECT id, job_name, job_id, payload FROM outbox WHERE queue = 'email' AND published_at IS NULL ORDER BY id`,
  );
  if (rows.length === 0) return [];
  await queue.addBulk(
    rows.map((r) => ({
      name: r.job_name,
      data: r.payload,
      opts: { ...emailJob.options, ...opts, jobId: r.job_id },
    })),
  );
  await db.query('UPDATE outbox SET published_at = now() WHERE id = ANY($1::bigint[])', [
    rows.map((r) => r.id),
  ]);
  return rows.map((r) => r.job_id);
}

export async function noticeRow(db: Db, id: number): Promise<Record<string, unknown>> {
  const rows = await db.query('SELECT * FROM notices WHERE id = $1', [id]);
  if (!rows[0]) throw new Error(`no notice ${id}`);
  return rows[0];
}

/** Polls a condition (database state has no event to wait on); fails with the last value seen. */
export async function waitUntil<T>(
  fn: () => Promise<T>,
  ok: (v: T) => boolean,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (ok(v)) return v;
    if (Date.now() > deadline)
      throw new Error(`condition not met in ${timeoutMs} ms; last value ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
