import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../../src/config';
import { type DemoServices, startDemoServices as start } from '../../../src/demo/demo-services';
import { freePort } from '../../../src/demo/private-redis';
import { processAlive, until } from '../../helpers/demo-process';

/**
 * Where the demo's Redis comes from: REDIS_URL when given; else what answers at the probed address
 * (REDIS_URL's default; this machine and CI run one there); else a private redis-server; else one line
 * saying how to get one. And its mail: SMTP_URL when given, else its own mailbox.
 */

let dataDir: string;
let closed: string;
let started: DemoServices[] = [];
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'accolade-demo-services-'));
  closed = `redis://127.0.0.1:${await freePort()}`;
});
afterEach(async () => {
  // Stopped here as well, so that a failed expectation leaves no redis-server behind.
  for (const d of started) await d.stop();
  started = [];
  await rm(dataDir, { recursive: true, force: true });
});

async function startDemoServices(...args: Parameters<typeof start>): Promise<DemoServices> {
  const d = await start(...args);
  started.push(d);
  return d;
}

const silent = { LOG_LEVEL: 'silent' };

test('REDIS_URL given: used as is, nothing probed or started; SMTP_URL given: no mailbox', async () => {
  const lines: string[] = [];
  const config = loadConfig({
    ...silent,
    DATA_DIR: dataDir,
    REDIS_URL: 'redis://127.0.0.1:1',
    SMTP_URL: 'smtp://127.0.0.1:2',
    DEMO_REDIS_PROBE_URL: closed,
  });
  const demo = await startDemoServices(config, (l) => lines.push(l));
  expect(demo.config.REDIS_URL).toBe('redis://127.0.0.1:1');
  expect(demo.config.SMTP_URL).toBe('smtp://127.0.0.1:2');
  expect(demo.redis).toBeNull();
  expect(demo.mailbox).toBeNull();
  expect(lines).toEqual([]);
  await demo.stop();
});

test('REDIS_URL unset and a Redis answers at the default address: the demo uses it', async () => {
  const config = loadConfig({ ...silent, DATA_DIR: dataDir });
  expect(config.DEMO_REDIS_PROBE_URL).toBe('redis://127.0.0.1:6379');
  const demo = await startDemoServices(config, () => undefined);
  expect(demo.config.REDIS_URL).toBe('redis://127.0.0.1:6379');
  expect(demo.redis).toBeNull();
  expect(demo.mailbox).not.toBeNull();
  expect(demo.config.SMTP_URL).toMatch(/^smtp:\/\/127\.0\.0\.1:\d+$/);
  await demo.stop();
});

test('nothing answers: a private redis-server, stopped with the demo', async () => {
  const lines: string[] = [];
  const demo = await startDemoServices(
    loadConfig({ ...silent, DATA_DIR: dataDir, DEMO_REDIS_PROBE_URL: closed }),
    (l) => lines.push(l),
  );
  const redis = demo.redis!;
  expect(demo.config.REDIS_URL).toBe(redis.url);
  expect(lines[0]).toBe(
    `Accolade demo: Redis riêng / private Redis at ${redis.displayUrl} (pid ${redis.pid}), data in ${join(dataDir, 'redis')}; stopped with the demo.`,
  );
  // The password is in the URL the runtime uses, never in what is printed.
  const password = new URL(redis.url).password;
  expect(password.length).toBeGreaterThan(20);
  expect(lines.join('\n')).not.toContain(password);
  expect(processAlive(redis.pid)).toBe(true);
  await demo.stop();
  await until('redis-server to exit', () => (processAlive(redis.pid) ? undefined : true));
});

test('nothing answers and no redis-server on the PATH: one line on how to get Redis, and on without', async () => {
  const lines: string[] = [];
  const demo = await startDemoServices(
    loadConfig({ ...silent, DATA_DIR: dataDir, DEMO_REDIS_PROBE_URL: closed }),
    (l) => lines.push(l),
    { redisEnv: { ...process.env, PATH: dataDir } }, // an empty folder
  );
  expect(demo.redis).toBeNull();
  expect(demo.config.REDIS_URL).toBe(closed);
  const [line] = lines.filter((l) => l.includes('no Redis'));
  expect(line).toMatch(/no redis-server on the PATH/);
  expect(line).toMatch(/Debian\/Ubuntu: sudo apt install redis-server/);
  expect(line).toMatch(/macOS: brew install redis/);
  expect(line).toMatch(/Windows: /);
  expect(line).not.toContain('\n');
});
