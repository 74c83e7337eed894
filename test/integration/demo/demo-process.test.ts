import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../../src/demo/private-redis';
import {
  demoLogin,
  ensureBuilt,
  processAlive,
  startBuiltDemo,
  until,
  type DemoProcess,
} from '../../helpers/demo-process';

/**
 * `npm run demo` on a machine where nothing answers at Redis's default address: the built demo starts
 * its own redis-server (the one on the PATH) and catches its own mail. Through the API the office
 * returns a dossier with a supplement period of seconds; the deadline passes, the dossier lapses, and
 * the lapse email is in the clerk's demo mailbox exactly once, also after a restart. The private Redis
 * goes with the demo, whether it is stopped (SIGTERM) or killed (SIGKILL).
 *
 * This machine (and CI) has a Redis on 127.0.0.1:6379: DEMO_REDIS_PROBE_URL, the address the demo
 * looks at when REDIS_URL is unset, points at a port nothing listens on instead.
 */

jest.setTimeout(240_000);

let dataDir: string;
let probeUrl: string;
const running: DemoProcess[] = [];

beforeAll(async () => {
  ensureBuilt();
  dataDir = await mkdtemp(join(tmpdir(), 'accolade-demo-process-'));
  probeUrl = `redis://127.0.0.1:${await freePort()}`;
}, 300_000);

afterAll(async () => {
  for (const d of running)
    if (d.child.exitCode === null && d.child.signalCode === null) {
      d.child.kill('SIGKILL');
      await d.exited;
    }
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function start(): Promise<{ demo: DemoProcess; redisPid: number }> {
  const demo = startBuiltDemo({
    PORT: String(await freePort()),
    DATA_DIR: dataDir,
    DEMO_REDIS_PROBE_URL: probeUrl,
  });
  running.push(demo);
  const [, pid] = await demo.waitFor(/private Redis at redis:\/\/127\.0\.0\.1:\d+ \(pid (\d+)\)/);
  await demo.waitFor(/^Accolade: http:\/\/localhost:\d+ /m);
  const redisPid = Number(pid);
  expect(processAlive(redisPid)).toBe(true);
  return { demo, redisPid };
}

interface MailSummary {
  id: number;
  subject: string;
  to: string[];
}

const lapseSubject = (title: string) => `Hồ sơ hết hạn bổ sung: ${title}`;

test('the built demo brings its own Redis and mailbox: a dossier lapses, its email arrives once', async () => {
  const { demo, redisPid } = await start();
  expect(demo.output()).toContain('demo mailbox');
  expect(demo.output()).not.toMatch(/no Redis/);
  const health = await fetch(`${demo.baseUrl}/healthz`).then((r) => r.json() as Promise<{ redis: string }>);
  expect(health.redis).toBe('up');

  // The office returns the dossier nobody has received (seeded) with a supplement period of seconds.
  const office = await demoLogin(demo.baseUrl, 'vanphong');
  const list = await office.get<{ items: Array<{ id: number; title: string; unitId: number }> }>(
    '/api/dossiers?state=submitted',
  );
  expect(list.status).toBe(200);
  expect(list.body.items).toHaveLength(1);
  const dossier = list.body.items[0]!;
  const returned = await office.post(`/api/dossiers/${dossier.id}/events`, {
    type: 'REQUEST_SUPPLEMENT',
    reason: 'Thiếu biên bản họp bình xét',
    dueAt: new Date(Date.now() + 3000).toISOString(),
  });
  expect(returned.status).toBe(200);
  expect(returned.body.state).toBe('returned');

  const lapsed = await until('the dossier to lapse', async () => {
    const r = await office.get<{ state: string }>(`/api/dossiers/${dossier.id}`);
    return r.body.state === 'lapsed' ? r.body : undefined;
  });
  expect(lapsed.state).toBe('lapsed');

  // The unit's clerk reads the lapse email in the demo mailbox.
  const clerk = await demoLogin(demo.baseUrl, 'vanthu.pncc');
  const lapseMails = async () => {
    const r = await clerk.get<{ address: string; items: MailSummary[] }>('/api/demo/mailbox?limit=200');
    expect(r.status).toBe(200);
    expect(r.body.address).toBe('vanthu.pncc@sldtbxh.demo');
    return r.body.items.filter((m) => m.subject.includes(lapseSubject(dossier.title)));
  };
  const [found] = await until('the lapse email', async () => {
    const m = await lapseMails();
    return m.length > 0 ? m : undefined;
  });
  expect(await lapseMails()).toHaveLength(1);

  const mail = await clerk.get(`/api/demo/mailbox/${found!.id}`);
  expect(mail.status).toBe(200);
  expect(mail.body).toMatchObject({
    envelope: { to: ['vanthu.pncc@sldtbxh.demo'] },
    to: ['vanthu.pncc@sldtbxh.demo'],
    messageId: expect.stringMatching(/^<[0-9a-f]+@accolade>$/),
    hasHtml: true,
  });
  expect(mail.body.html).toContain(dossier.title);
  expect(mail.body.text).toContain(dossier.title);
  const raw = await clerk.get(`/api/demo/mailbox/${found!.id}/raw`);
  expect(raw.headers.get('content-type')).toMatch(/^message\/rfc822/);
  expect(raw.text).toContain(`Message-ID: ${mail.body.messageId}`);
  // Someone else's mail is not theirs to read.
  expect((await office.get(`/api/demo/mailbox/${found!.id}`)).status).toBe(404);

  // Stopped as with Ctrl-C: the demo exits cleanly, its Redis with it.
  demo.child.kill('SIGTERM');
  expect(await demo.exited).toEqual({ code: 0, signal: null });
  await until('the private Redis to stop', () => (processAlive(redisPid) ? undefined : true), {
    timeoutMs: 10_000,
  });
  expect(existsSync(join(dataDir, 'redis', 'accolade-redis.json'))).toBe(false);
  expect((await readdir(join(dataDir, 'mailbox'))).length).toBeGreaterThan(0);

  // Started again, on a new private Redis over the same append-only file: the mailbox kept its mail,
  // still once.
  const second = await start();
  expect(second.redisPid).not.toBe(redisPid);
  expect(second.demo.output()).toContain('already has an organisation');
  const clerkAgain = await demoLogin(second.demo.baseUrl, 'vanthu.pncc');
  const again = await clerkAgain.get<{ items: MailSummary[] }>('/api/demo/mailbox?limit=200');
  expect(again.body.items.filter((m) => m.subject.includes(lapseSubject(dossier.title)))).toHaveLength(1);

  // Killed outright: nothing of the demo can run, yet its Redis does not outlive it.
  second.demo.child.kill('SIGKILL');
  await second.demo.exited;
  await until('the private Redis to die with the demo', () =>
    processAlive(second.redisPid) ? undefined : true,
  );
});
