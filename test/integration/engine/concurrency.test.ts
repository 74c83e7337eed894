import { Queue } from 'bullmq';
import pino from 'pino';
import { AppError } from '../../../src/errors';
import { createQueues } from '../../../src/queue/queues';
import { createOutboxRelay } from '../../../src/queue/outbox-relay';
import { getHistory } from '../../../src/workflow/records/get-history';
import { verifyRecordHistory } from '../../../src/workflow/records/verify-record-history';
import { sendEvent } from '../../../src/workflow/engine/send-event';
import type { BuiltEngineDeps } from '../../../src/workflow/engine/engine-deps';
import { openTestDb, type TestDb, uniquePrefix } from '../../helpers/db';
import { type Org, seedOrg, testEngineDeps } from '../../helpers/engine';
import { submittedDossier } from '../../helpers/walk';

let t: TestDb;
let org: Org;
let deps: BuiltEngineDeps;

beforeAll(async () => {
  t = await openTestDb({ poolSize: 20 });
  org = await seedOrg(t.db);
  deps = testEngineDeps(t.db);
});
afterAll(async () => t.close());

const db = () => (process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite');

describe(`concurrency, idempotency, outbox and history (${db()})`, () => {
  it('50 concurrent events on one nomination: exactly one wins, the others are refused, one history row', async () => {
    const { dossier, nominations } = await submittedDossier(deps, org);
    await sendEvent(deps, org.actors.office, {
      recordType: 'dossier',
      id: dossier.id,
      event: { type: 'RECEIVE' },
    });
    const id = nominations[0]!.id;
    const attempts = Array.from({ length: 50 }, (_, i) =>
      sendEvent(deps, org.actors.office, {
        recordType: 'nomination',
        id,
        event:
          i % 2 === 0
            ? { type: 'APPRAISE', eligible: true, overrideReason: 'Đã kiểm tra hồ sơ giấy' }
            : { type: 'APPRAISE', eligible: false, reason: 'Chưa đủ' },
        ...(i % 3 === 0 ? { expectedVersion: 3 } : {}),
      }),
    );
    const results = await Promise.allSettled(attempts);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(49);
    for (const l of lost) {
      expect(l.reason).toBeInstanceOf(AppError);
      expect(['TRANSITION_NOT_ALLOWED', 'VERSION_CONFLICT']).toContain((l.reason as AppError).code);
    }
    const history = await getHistory(deps, org.actors.office, 'nomination', id);
    expect(history.filter((h) => h.event === 'APPRAISE')).toHaveLength(1);
    expect(await verifyRecordHistory(deps, 'nomination', id)).toMatchObject({ ok: true });
  });

  it('concurrent events that may all apply wait for the lock in turn: each is recorded, the chain holds', async () => {
    // A Bằng khen nomination rests in its public notice, where objections can be filed again and again.
    const { dossier, nominations } = await submittedDossier(deps, org, { awardCode: 'BKTTG' });
    await sendEvent(deps, org.actors.office, {
      recordType: 'dossier',
      id: dossier.id,
      event: { type: 'RECEIVE' },
    });
    const id = nominations[0]!.id;
    const appraised = await sendEvent(deps, org.actors.office, {
      recordType: 'nomination',
      id,
      event: { type: 'APPRAISE', eligible: true, overrideReason: 'Đã kiểm tra hồ sơ giấy' },
    });
    expect(appraised.state).toBe('publicNotice');
    // Each event waits on the record's row lock while another commits a new version: the one that waited
    // must chain its history row to the row committed meanwhile.
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        sendEvent(deps, org.actors.office, {
          recordType: 'nomination',
          id,
          event: { type: 'FILE_OBJECTION', text: `Ý kiến ${i}` },
        }),
      ),
    );
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    const versions = results.map((r) => (r as PromiseFulfilledResult<{ version: number }>).value.version);
    expect(versions.sort((a, b) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, i) => appraised.version + 1 + i),
    );
    const history = await getHistory(deps, org.actors.office, 'nomination', id);
    expect(history.filter((h) => h.event === 'FILE_OBJECTION')).toHaveLength(20);
    expect(await verifyRecordHistory(deps, 'nomination', id)).toMatchObject({ ok: true });
  });

  it('the same Idempotency-Key twice makes one transition and answers the same', async () => {
    const { dossier } = await submittedDossier(deps, org);
    const send = () =>
      sendEvent(deps, org.actors.office, {
        recordType: 'dossier',
        id: dossier.id,
        event: { type: 'REQUEST_SUPPLEMENT', reason: 'Thiếu biên bản' },
        idempotencyKey: `key-${dossier.id}`,
      });
    const [a, b] = await Promise.all([send(), send()]);
    const c = await send();
    expect(a).toEqual(b);
    expect(c).toEqual(a);
    expect(a.state).toBe('returned');
    const history = await getHistory(deps, org.actors.office, 'dossier', dossier.id);
    expect(history.filter((h) => h.event === 'REQUEST_SUPPLEMENT')).toHaveLength(1);
    // The key belongs to that request: reusing it for another one is an error, not a replay.
    await expect(
      sendEvent(deps, org.actors.office, {
        recordType: 'dossier',
        id: dossier.id,
        event: { type: 'RECEIVE' },
        idempotencyKey: `key-${dossier.id}`,
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('rows committed but never enqueued (the process died) are published by the sweep, once', async () => {
    const prefix = uniquePrefix('relay');
    const queues = createQueues({ host: '127.0.0.1', port: 6379, maxRetriesPerRequest: 1 }, prefix);
    try {
      // No relay at commit time: as if the process died right after COMMIT.
      const { dossier } = await submittedDossier(deps, org);
      const pending = await t.db.query<{ id: number; job_id: string; queue: string }>(
        'SELECT id, job_id, queue FROM outbox WHERE published_at IS NULL ORDER BY id',
      );
      expect(pending.length).toBeGreaterThan(0);
      const receiptTimer = await t.db.query<{ id: number }>(
        `SELECT id FROM timers WHERE record_type = 'dossier' AND record_id = $1 AND kind = 'receipt' AND rung = 'deadline'`,
        [dossier.id],
      );
      const relay = createOutboxRelay({
        db: t.db,
        queues,
        logger: pino({ level: 'silent' }),
        now: () => new Date(),
      });
      const published = await relay.drain();
      expect(published).toBe(pending.length);
      expect(await relay.drain()).toBe(0);
      const job = await queues.timers.getJob(`tmr-${receiptTimer[0]!.id}`);
      expect(job?.data).toEqual({
        timerId: receiptTimer[0]!.id,
        recordType: 'dossier',
        recordId: dossier.id,
      });
      expect(await job?.getState()).toBe('delayed');
      const emailJobs = await queues.email.getJobs(['wait', 'delayed', 'prioritized']);
      expect(emailJobs.length).toBe(pending.filter((p) => p.queue === 'email').length);
      // Publishing a row again (a relay that died after add, before marking) adds no second job.
      await t.db.query('UPDATE outbox SET published_at = NULL');
      await relay.drain();
      expect((await queues.email.getJobs(['wait', 'delayed', 'prioritized'])).length).toBe(emailJobs.length);
      await relay.stop();
    } finally {
      for (const q of [queues.timers, queues.email, queues.digest] as Queue[])
        await q.obliterate({ force: true });
      await queues.close();
    }
  });

  it('a history row altered after the fact fails verification', async () => {
    const { dossier } = await submittedDossier(deps, org);
    expect(await verifyRecordHistory(deps, 'dossier', dossier.id)).toMatchObject({ ok: true, rows: 2 });
    await t.db.query(
      `UPDATE history SET payload = '{"reason":"forged"}'::jsonb WHERE record_type = 'dossier' AND record_id = $1 AND seq = 2`,
      [dossier.id],
    );
    expect(await verifyRecordHistory(deps, 'dossier', dossier.id)).toMatchObject({
      ok: false,
      brokenAt: 2,
      reason: 'row altered',
    });
    await t.db.query(`DELETE FROM history WHERE record_type = 'dossier' AND record_id = $1 AND seq = 1`, [
      dossier.id,
    ]);
    expect(await verifyRecordHistory(deps, 'dossier', dossier.id)).toMatchObject({ ok: false, brokenAt: 2 });
  });
});
