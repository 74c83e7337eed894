import type { ChildProcess } from 'node:child_process';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { QueueEvents, type Job } from 'bullmq';
import pino from 'pino';
import type { Db, Row } from '../../../src/db/db';
import { insertOutbox, countUnpublished } from '../../../src/db/outbox';
import { openDb } from '../../../src/db/open-db';
import { dropPostgresSchema } from '../../../src/db/postgres';
import { putSetting } from '../../../src/db/settings';
import { insertTimer } from '../../../src/db/timers';
import { queueNames, timerJob } from '../../../src/queue/queues';
import { sweepTimers } from '../../../src/queue/timer-sweep';
import { getRecord } from '../../../src/workflow/records/get-record';
import { sendEvent } from '../../../src/workflow/engine/send-event';
import type { EngineDeps } from '../../../src/workflow/types';
import { uniquePrefix } from '../../helpers/db';
import { type Org, seedOrg } from '../../helpers/engine';
import { waitUntil } from '../../helpers/notices';
import { spawnScript } from '../../helpers/processes';
import { startTestSmtp, type TestSmtp } from '../../helpers/smtp';
import { deletePrefixKeys, redisConnection, timersHarness, type TimersHarness } from '../../helpers/timers';
import { submittedDossier } from '../../helpers/walk';

jest.setTimeout(90_000);

/**
 * Durable deadlines end to end with the real relay, the real timers and email workers, a real Redis and
 * a real SMTP server: deadlines in seconds pass while the test waits on the database (polling with a
 * timeout) or on BullMQ's job events. Each test has its own queue prefix.
 */
const databaseUrl = process.env.DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test';
const logger = pino({ level: 'silent' });

interface TimerRowLite extends Row {
  id: number;
  kind: string;
  rung: string;
  status: string;
  due_at: Date;
  fired_at: Date | null;
  entry_seq: number;
}

const timersOf = (db: Db, id: number) =>
  db.query<TimerRowLite>(
    `SELECT id, kind, rung, status, due_at, fired_at, entry_seq FROM timers
      WHERE record_type = 'dossier' AND record_id = $1 ORDER BY id`,
    [id],
  );

const deadlinePassedCount = async (db: Db, id: number): Promise<number> =>
  (
    await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM history WHERE record_type = 'dossier' AND record_id = $1 AND event = 'DEADLINE_PASSED'`,
      [id],
    )
  )[0]!.n;

async function returnedDossier(
  engine: EngineDeps,
  org: Org,
  dueAt?: Date,
): Promise<{ id: number; supplement: TimerRowLite }> {
  const { dossier } = await submittedDossier(engine, org);
  await sendEvent(engine, org.actors.office, {
    recordType: 'dossier',
    id: dossier.id,
    event: {
      type: 'REQUEST_SUPPLEMENT',
      reason: 'Thiếu báo cáo thành tích',
      ...(dueAt ? { dueAt: dueAt.toISOString() } : {}),
    },
  });
  const supplement = (await timersOf(engine.db, dossier.id)).find(
    (t) => t.kind === 'supplement' && t.rung === 'deadline',
  );
  if (!supplement) throw new Error('no supplement deadline armed');
  return { id: dossier.id, supplement };
}

const stateOf = async (engine: EngineDeps, org: Org, id: number): Promise<string> =>
  (await getRecord(engine, org.actors.office, 'dossier', id)).state;

/** Waits until BullMQ has a job with this id (the relay publishes after commit, asynchronously). */
async function jobOf(h: TimersHarness, jobId: string): Promise<Job> {
  const job = await waitUntil(
    () => h.queues.timers.getJob(jobId),
    (j) => j !== undefined,
    10_000,
  );
  return job!;
}

// PGlite and PostgreSQL alike: one process, one database.
describe.each(['pglite', 'postgres'] as const)('durable deadlines, resilience (%s)', (kind) => {
  const schema = `test_timers_${Math.random().toString(36).slice(2, 10)}`;
  let db: Db;
  let org: Org;
  let smtp: TestSmtp;
  const harnesses: TimersHarness[] = [];
  const harness = (opts: { redisUrl?: string } = {}) => {
    const h = timersHarness(db, { prefix: uniquePrefix(`timers-${kind}`), ...opts });
    harnesses.push(h);
    return h;
  };

  beforeAll(async () => {
    db = kind === 'pglite' ? await openDb({ inMemory: true }) : await openDb({ databaseUrl, schema });
    org = await seedOrg(db);
    smtp = await startTestSmtp();
  });
  afterAll(async () => {
    for (const h of harnesses) await h.close();
    await smtp?.close();
    await db?.close();
    if (kind === 'postgres') await dropPostgresSchema(databaseUrl, schema);
  });
  afterEach(async () => putSetting(db, 'policy', {}, null));

  it('a supplement deadline in seconds passes: the timers worker lapses the dossier and the unit gets one email', async () => {
    await putSetting(db, 'policy', { supplementPeriod: { seconds: 2 } }, null);
    const h = harness();
    await h.startTimersWorker();
    await h.startEmailWorker(smtp.url);

    const { id, supplement } = await returnedDossier(h.engine, org);
    expect(supplement.due_at.getTime() - Date.now()).toBeGreaterThan(500);
    expect(await stateOf(h.engine, org, id)).toBe('returned');

    await waitUntil(
      () => stateOf(h.engine, org, id),
      (s) => s === 'lapsed',
      15_000,
    );
    const [fired] = (await timersOf(db, id)).filter((t) => t.id === supplement.id);
    expect(fired).toMatchObject({ status: 'fired' });
    expect(fired!.fired_at!.getTime()).toBeGreaterThanOrEqual(supplement.due_at.getTime());
    expect((await h.queues.timers.getJob(timerJob.jobId(supplement.id)))?.returnvalue).toBe('fired');
    expect(await deadlinePassedCount(db, id)).toBe(1);

    // The unit (its clerk and its own address) is told once each, by the email worker, over SMTP.
    const lapsed = await waitUntil(
      () =>
        db.query<{ id: number; status: string; recipient_email: string; message_id: string }>(
          `SELECT id, status, recipient_email, message_id FROM notices
            WHERE record_type = 'dossier' AND record_id = $1 AND template = 'dossier.lapsed' ORDER BY id`,
          [id],
        ),
      (rows) => rows.length === 2 && rows.every((r) => r.status === 'sent'),
      15_000,
    );
    expect(lapsed.map((n) => n.recipient_email).sort()).toEqual(['clerka@test.local', 'pld@unit.test']);
    // Nothing left to deliver on the email queue, then count what arrived.
    await waitUntil(
      () => h.queues.email.getJobCounts('active', 'waiting', 'delayed'),
      (c) => Object.values(c).every((n) => n === 0),
      15_000,
    );
    for (const n of lapsed) {
      const got = smtp.messages.filter((m) => m.messageId === `<${n.message_id}>`);
      expect(got).toHaveLength(1);
      expect(got[0]!.to).toEqual([n.recipient_email]);
      expect(got[0]!.subject).toMatch(/hết hạn|quá hạn|lapsed/i);
    }
  });

  it('a timer for a state already left does nothing when its job fires', async () => {
    await putSetting(db, 'policy', { receiptPeriod: { seconds: 2 } }, null);
    const h = harness();
    const events = new QueueEvents(queueNames.timers, { connection: redisConnection, prefix: h.prefix });
    try {
      await events.waitUntilReady();
      await h.startTimersWorker();
      const { dossier } = await submittedDossier(h.engine, org);
      const armed = (await timersOf(db, dossier.id)).filter((t) => t.status === 'armed');
      expect(armed.map((t) => t.rung).sort()).toEqual(['deadline', 'escalation']);
      const received = await sendEvent(h.engine, org.actors.office, {
        recordType: 'dossier',
        id: dossier.id,
        event: { type: 'RECEIVE' },
      });
      expect(received.state).toBe('accepted');

      // The jobs still fire (nobody removed them from Redis) and find nothing to do.
      const outcomes = await Promise.all(
        armed.map(async (t) => (await jobOf(h, timerJob.jobId(t.id))).waitUntilFinished(events, 15_000)),
      );
      expect(outcomes).toEqual(['not-armed', 'not-armed']);
      const after = await getRecord(h.engine, org.actors.office, 'dossier', dossier.id);
      expect(after).toMatchObject({ state: 'accepted', version: received.version });
      expect(await deadlinePassedCount(db, dossier.id)).toBe(0);
      expect(
        (await timersOf(db, dossier.id)).filter((t) => armed.some((a) => a.id === t.id)).map((t) => t.status),
      ).toEqual(['cancelled', 'cancelled']);

      // A timer row still armed for an entry the record has left (as if leaving had missed it): the
      // job cancels it and changes nothing else.
      const stale = await db.transaction(async (tx) => {
        const timerId = await insertTimer(tx, {
          recordType: 'dossier',
          recordId: dossier.id,
          entrySeq: armed[0]!.entry_seq,
          kind: 'receipt',
          rung: 'reminder-9',
          dueAt: new Date(Date.now() + 300),
          period: { seconds: 2 },
        });
        await insertOutbox(tx, {
          queue: queueNames.timers,
          jobName: timerJob.name,
          jobId: timerJob.jobId(timerId),
          payload: { timerId },
          runAt: new Date(Date.now() + 300),
        });
        return timerId;
      });
      expect(await h.relay.drain()).toBeGreaterThanOrEqual(1);
      expect(await (await jobOf(h, timerJob.jobId(stale))).waitUntilFinished(events, 15_000)).toBe('stale');
      expect((await timersOf(db, dossier.id)).find((t) => t.id === stale)?.status).toBe('cancelled');
      expect(await getRecord(h.engine, org.actors.office, 'dossier', dossier.id)).toMatchObject({
        state: 'accepted',
        version: received.version,
      });
      const deadlineNotices = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM notices WHERE record_type = 'dossier' AND record_id = $1 AND template LIKE 'deadline.%'`,
        [dossier.id],
      );
      expect(deadlineNotices[0]!.n).toBe(0);
    } finally {
      await events.close();
    }
  });

  it('Redis loses everything: the sweep re-arms every armed deadline, and they still fire', async () => {
    await putSetting(db, 'policy', { supplementPeriod: { seconds: 4 } }, null);
    const h = harness(); // no worker yet: nothing fires while Redis is emptied
    const soon = await returnedDossier(h.engine, org, new Date(Date.now() + 1500));
    const later = [await returnedDossier(h.engine, org), await returnedDossier(h.engine, org)];
    await h.relay.drain();
    const armedIds = async () =>
      (await db.query<{ id: number }>(`SELECT id FROM timers WHERE status = 'armed' ORDER BY id`)).map(
        (r) => r.id,
      );
    const states = (ids: number[]) =>
      Promise.all(ids.map((i) => h.queues.timers.getJobState(timerJob.jobId(i))));
    for (const d of [soon, ...later])
      expect(await h.queues.timers.getJobState(timerJob.jobId(d.supplement.id))).toBe('delayed');

    // Everything under this prefix goes, as FLUSHALL would take it.
    expect(await deletePrefixKeys(h.prefix)).toBeGreaterThan(0);
    const armed = await armedIds();
    expect(armed).toEqual(expect.arrayContaining([soon, ...later].map((d) => d.supplement.id)));
    expect(new Set(await states(armed))).toEqual(new Set(['unknown']));

    // One deadline passes while Redis has no job for it.
    await waitUntil(
      () => Promise.resolve(Date.now()),
      (now) => now > soon.supplement.due_at.getTime() + 100,
      5_000,
    );
    expect(await sweepTimers({ db, queues: h.queues, logger, now: () => new Date() })).toBe(armed.length);
    const rearmed = await states(armed);
    expect(rearmed.every((s) => s === 'delayed' || s === 'waiting')).toBe(true);
    expect(await h.queues.timers.getJobState(timerJob.jobId(soon.supplement.id))).toBe('waiting');
    // A second sweep finds nothing missing.
    expect(await sweepTimers({ db, queues: h.queues, logger, now: () => new Date() })).toBe(0);

    const started = Date.now();
    await h.startTimersWorker();
    // The one past due fires at once; the others at their time.
    await waitUntil(
      () => stateOf(h.engine, org, soon.id),
      (s) => s === 'lapsed',
      5_000,
    );
    const soonFired = (await timersOf(db, soon.id)).find((t) => t.id === soon.supplement.id)!;
    expect(soonFired.fired_at!.getTime() - started).toBeLessThan(2_000);
    for (const d of later) {
      await waitUntil(
        () => stateOf(h.engine, org, d.id),
        (s) => s === 'lapsed',
        15_000,
      );
      const fired = (await timersOf(db, d.id)).find((t) => t.id === d.supplement.id)!;
      expect(fired.status).toBe('fired');
      expect(fired.fired_at!.getTime()).toBeGreaterThanOrEqual(d.supplement.due_at.getTime());
    }
    for (const d of [soon, ...later]) expect(await deadlinePassedCount(db, d.id)).toBe(1);
  });

  it('Redis down: events are still accepted into the outbox; when Redis is back the relay drains it and deadlines fire', async () => {
    await putSetting(db, 'policy', { supplementPeriod: { seconds: 2 } }, null);
    // A port where nothing listens yet; later a proxy to the real Redis opens on it.
    const port = await freePort();
    const h = harness({ redisUrl: `redis://127.0.0.1:${port}` });
    h.relay.start(200); // the relay's sweep, as every process runs it
    const before = await countUnpublished(db);

    const t0 = Date.now();
    const first = await returnedDossier(h.engine, org);
    const afterFirst = await countUnpublished(db);
    expect(afterFirst).toBeGreaterThan(before);
    const second = await returnedDossier(h.engine, org);
    expect(await countUnpublished(db)).toBeGreaterThan(afterFirst);
    // Accepted promptly, without waiting on Redis.
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(await stateOf(h.engine, org, first.id)).toBe('returned');
    // Redis comes back (on the same address): the sweep publishes everything, the deadlines fire.
    const proxy = await redisProxy(port);
    try {
      await h.startTimersWorker();
      await waitUntil(
        () => countUnpublished(db),
        (n) => n === 0,
        20_000,
      );
      for (const d of [first, second]) {
        await waitUntil(
          () => stateOf(h.engine, org, d.id),
          (s) => s === 'lapsed',
          20_000,
        );
        expect(await deadlinePassedCount(db, d.id)).toBe(1);
      }
    } finally {
      await h.close();
      harnesses.splice(harnesses.indexOf(h), 1);
      await proxy.close();
    }
  });
});

/**
 * Two worker processes side by side on one prefix. PostgreSQL only: an embedded PGlite database belongs
 * to the one process that opened it, so several processes can only share PostgreSQL.
 */
describe('durable deadlines, two worker processes (postgres)', () => {
  const schema = `test_timers_2p_${Math.random().toString(36).slice(2, 10)}`;
  let db: Db;
  let org: Org;
  let smtp: TestSmtp;
  let h: TimersHarness;
  const children: Array<{ child: ChildProcess; lines: string[] }> = [];

  const startWorkerProcess = (prefix: string) => {
    const child = spawnScript('test/helpers/timers-worker-process.ts', {
      DATABASE_URL: databaseUrl,
      DB_SCHEMA: schema,
      SMTP_URL: smtp.url,
      QUEUE_PREFIX: prefix,
    });
    const entry = { child, lines: [] as string[] };
    children.push(entry);
    let err = '';
    let out = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    return new Promise<typeof entry>((resolve, reject) => {
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        const parts = out.split('\n');
        out = parts.pop() ?? '';
        for (const line of parts) {
          if (line === 'ready') resolve(entry);
          else entry.lines.push(line);
        }
      });
      child.once('exit', (code) => reject(new Error(`worker process exited (${code}): ${err}`)));
    });
  };
  const exited = (child: ChildProcess) =>
    new Promise<void>((resolve) =>
      child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve()),
    );

  beforeAll(async () => {
    db = await openDb({ databaseUrl, schema });
    org = await seedOrg(db);
    smtp = await startTestSmtp();
    h = timersHarness(db, { prefix: uniquePrefix('timers-2p') });
  });
  afterAll(async () => {
    for (const { child } of children)
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await Promise.all(children.map((c) => exited(c.child)));
    await h?.close();
    await smtp?.close();
    await db?.close();
    await dropPostgresSchema(databaseUrl, schema);
  });

  it('each deadline fires once and each notice is delivered once', async () => {
    await putSetting(db, 'policy', { supplementPeriod: { seconds: 3 } }, null);
    await Promise.all([startWorkerProcess(h.prefix), startWorkerProcess(h.prefix)]);

    const dossiers: Array<Awaited<ReturnType<typeof returnedDossier>>> = [];
    for (let i = 0; i < 6; i++) dossiers.push(await returnedDossier(h.engine, org));
    // BullMQ delivers at least once: a second job for each deadline, due at the same time.
    for (const d of dossiers)
      await h.queues.timers.add(
        timerJob.name,
        { timerId: d.supplement.id },
        { ...timerJob.options, jobId: `${timerJob.jobId(d.supplement.id)}-again`, delay: 3000 },
      );

    for (const d of dossiers)
      await waitUntil(
        () => stateOf(h.engine, org, d.id),
        (s) => s === 'lapsed',
        30_000,
      );
    for (const d of dossiers) expect(await deadlinePassedCount(db, d.id)).toBe(1);
    const supplementIds = dossiers.map((d) => d.supplement.id);
    const fired = await db.query<{ status: string }>(`SELECT status FROM timers WHERE id = ANY($1::int[])`, [
      supplementIds,
    ]);
    expect(fired.map((r) => r.status)).toEqual(supplementIds.map(() => 'fired'));

    // Every notice of the whole walk (submitted, returned, lapsed, …) is sent, and arrives once.
    const notices = await waitUntil(
      () => db.query<{ status: string; message_id: string }>('SELECT status, message_id FROM notices'),
      (rows) => rows.length > 0 && rows.every((r) => r.status === 'sent'),
      30_000,
    );
    expect(notices.length).toBeGreaterThanOrEqual(dossiers.length * 3);
    await waitUntil(
      () => h.queues.email.getJobCounts('active', 'waiting', 'delayed'),
      (c) => Object.values(c).every((n) => n === 0),
      15_000,
    );
    const received = smtp.messages.map((m) => m.messageId);
    expect(received).toHaveLength(notices.length);
    expect(new Set(received)).toEqual(new Set(notices.map((n) => `<${n.message_id}>`)));

    // Both processes took part, and every second job of a deadline found it already fired. The
    // second job may still be finishing (or its line still in the pipe) when the state is seen
    // lapsed, so wait for both outcomes of each deadline before judging them.
    const outcomesOf = () =>
      dossiers.map((d) =>
        children
          .flatMap((c) => c.lines.filter((l) => l.startsWith('job timers ')))
          .filter((l) =>
            [timerJob.jobId(d.supplement.id), `${timerJob.jobId(d.supplement.id)}-again`].includes(
              l.split(' ')[2] ?? '',
            ),
          )
          .map((l) => l.split(' ')[3])
          .sort(),
      );
    const outcomes = await waitUntil(
      () => Promise.resolve(outcomesOf()),
      (all) => all.every((o) => o.length >= 2),
      15_000,
    ).catch(() => outcomesOf());
    const failures = children.flatMap((c) => c.lines.filter((l) => l.startsWith('failed ')));
    if (failures.length > 0) console.log('failed attempts (retried):', failures);
    // Exactly one job fired each deadline; every other (the second job, or one a sweep added) found it
    // already fired.
    for (const o of outcomes) {
      expect(o.filter((x) => x === '"fired"')).toHaveLength(1);
      expect(o.filter((x) => x !== '"fired"' && x !== '"not-armed"')).toEqual([]);
    }
    expect(children.every((c) => c.lines.length > 0)).toBe(true);

    await Promise.all(
      children.map(async ({ child }) => {
        child.kill('SIGTERM');
        await exited(child);
      }),
    );
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/** A TCP proxy on `port` to the real Redis: "Redis is back" without touching the shared server. */
async function redisProxy(port: number): Promise<{ close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(redisConnection.port, redisConnection.host);
    sockets.add(client).add(upstream);
    client.pipe(upstream).pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
