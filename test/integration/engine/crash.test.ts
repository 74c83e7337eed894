import type { Queue } from 'bullmq';
import pino from 'pino';
import type { Db } from '../../../src/db/db';
import { openDb } from '../../../src/db/open-db';
import { dropPostgresSchema } from '../../../src/db/postgres';
import { createOutboxRelay } from '../../../src/queue/outbox-relay';
import { createQueues } from '../../../src/queue/queues';
import { getRecord } from '../../../src/workflow/records/get-record';
import type { BuiltEngineDeps } from '../../../src/workflow/engine/engine-deps';
import { uniquePrefix } from '../../helpers/db';
import { type Org, seedOrg, testEngineDeps } from '../../helpers/engine';
import { spawnScript } from '../../helpers/processes';
import { submittedDossier } from '../../helpers/walk';

/**
 * A process killed (SIGKILL) between COMMIT and the hand-over to Redis. PostgreSQL only: the dying process
 * and the test must share the database, and an embedded PGlite belongs to the one process that opened it
 * (the in-process simulation in concurrency.test.ts runs on both databases).
 */
const databaseUrl = process.env.DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test';

describe('a process killed between commit and enqueue (postgres)', () => {
  const schema = `test_crash_${Math.random().toString(36).slice(2, 10)}`;
  let db: Db;
  let org: Org;
  let deps: BuiltEngineDeps;

  beforeAll(async () => {
    db = await openDb({ databaseUrl, schema });
    org = await seedOrg(db);
    deps = testEngineDeps(db);
  });
  afterAll(async () => {
    await db?.close();
    await dropPostgresSchema(databaseUrl, schema);
  });

  const runDying = (env: Record<string, string>) =>
    new Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string; err: string }>(
      (resolve) => {
        const child = spawnScript('test/helpers/crash-after-commit-process.ts', {
          DATABASE_URL: databaseUrl,
          DB_SCHEMA: schema,
          ...env,
        });
        let out = '';
        let err = '';
        child.stdout.on('data', (c: Buffer) => (out += c.toString()));
        child.stderr.on('data', (c: Buffer) => (err += c.toString()));
        child.once('exit', (code, signal) => resolve({ code, signal, out, err }));
      },
    );

  it('the event stays accepted, and the sweep publishes its outbox rows once', async () => {
    const { dossier } = await submittedDossier(deps, org);
    const before = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL',
    );
    // Returning the dossier arms the supplement deadline and tells the unit: timer and email rows.
    const died = await runDying({
      ACTOR: JSON.stringify(org.actors.office),
      EVENT: JSON.stringify({
        recordType: 'dossier',
        id: dossier.id,
        event: { type: 'REQUEST_SUPPLEMENT', reason: 'Thiếu biên bản họp' },
      }),
    });
    expect({ signal: died.signal, out: died.out, err: died.err }).toEqual({
      signal: 'SIGKILL',
      out: '',
      err: '',
    });

    // Committed before the crash: the new state, its history row, its timers and its notices.
    expect((await getRecord(deps, org.actors.office, 'dossier', dossier.id)).state).toBe('returned');
    const left = await db.query<{ id: number; job_id: string; queue: string }>(
      'SELECT id, job_id, queue FROM outbox WHERE published_at IS NULL ORDER BY id',
    );
    expect(left.length).toBeGreaterThan(before[0]!.n);
    expect(left.map((r) => r.queue)).toEqual(expect.arrayContaining(['timers', 'email']));

    const queues = createQueues(
      { host: '127.0.0.1', port: 6379, maxRetriesPerRequest: 1 },
      uniquePrefix('crash'),
    );
    try {
      const relay = createOutboxRelay({
        db,
        queues,
        logger: pino({ level: 'silent' }),
        now: () => new Date(),
      });
      expect(await relay.drain()).toBe(left.length);
      expect(await relay.drain()).toBe(0);
      for (const row of left) {
        const q = row.queue === 'timers' ? queues.timers : queues.email;
        expect(await q.getJob(row.job_id)).toBeDefined();
      }
      const counts = await Promise.all([queues.timers.count(), queues.email.count()]);
      expect(counts[0] + counts[1]).toBe(left.length);
      await relay.stop();
    } finally {
      for (const q of [queues.timers, queues.email, queues.digest] as Queue[])
        await q.obliterate({ force: true });
      await queues.close();
    }
  });
});
