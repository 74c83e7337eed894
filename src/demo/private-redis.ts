import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import { join, resolve } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';
import { Redis } from 'ioredis';

/**
 * `npm run demo` on a machine without Redis: a private `redis-server` (found on the PATH) on a free
 * loopback port, with its data under `DATA_DIR/redis`, living exactly as long as the demo.
 *
 * Lifetime: on POSIX the server runs under a tiny `sh` watchdog whose stdin is a pipe from the demo. The
 * demo stopping (SIGINT/SIGTERM: `stop()` closes the pipe) and the demo dying (a crash, even SIGKILL: the
 * kernel closes the pipe) look the same to the watchdog: end of file, so it sends the server SIGTERM (a
 * clean shutdown that flushes the append-only file). The watchdog runs in its own process group, so a
 * terminal's Ctrl-C reaches only the demo, which then stops in order. Should the watchdog itself be
 * killed, the state file `DATA_DIR/redis/accolade-redis.json` lets the next start find the server (it
 * knows the password, so it can only be ours) and shut it down before starting a new one. On Windows,
 * which has no `sh`, the server is started directly and only that state file cleans up after a crash.
 */

/** How to get Redis, for the one line the demo prints when it has none. */
export const redisInstallHint =
  'Debian/Ubuntu: sudo apt install redis-server · macOS: brew install redis · ' +
  'Windows: inside WSL, sudo apt install redis-server (or Memurai)';

export interface PrivateRedis {
  /** With the password: for the runtime only, never for logs. */
  url: string;
  /** Without the password, for people. */
  displayUrl: string;
  port: number;
  /** The redis-server process. */
  pid: number;
  dir: string;
  /** Resolves when the server has exited (stopped, or died on its own). */
  exited: Promise<void>;
  stop(): Promise<void>;
}

export class NoRedisServerError extends Error {}

const STATE_FILE = 'accolade-redis.json';
interface StateFile {
  pid: number;
  port: number;
  password: string;
}

/** Whether anything accepts a TCP connection at host:port within `timeoutMs`. */
function listening(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** True when a Redis answers PING at `url` within `timeoutMs`. */
export async function redisAnswers(url: string, timeoutMs = 1000): Promise<boolean> {
  const { hostname, port } = new URL(url);
  // Nothing listening is the common case, told at once (an ioredis client that never connected also
  // keeps the process alive for a while after it is disconnected).
  if (!(await listening(hostname.replace(/^\[|\]$/g, ''), Number(port || 6379), timeoutMs))) return false;
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    retryStrategy: () => null,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
  });
  client.on('error', () => undefined);
  let timer: NodeJS.Timeout | undefined;
  try {
    const pong = await Promise.race([
      client.connect().then(() => client.ping()),
      new Promise<string>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), timeoutMs);
      }),
    ]);
    return pong === 'PONG';
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
    client.disconnect();
  }
}

/** A port nothing listens on right now (the server may still lose a race for it: then we retry). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = a && typeof a === 'object' ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/** A value in redis.conf: double-quoted, as Redis's own parser (sdssplitargs) reads it. */
const confValue = (s: string): string => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

function redisConf(dir: string, port: number, password: string): string {
  return [
    '# Written by `npm run demo` at every start (src/demo/private-redis.ts); edits are lost.',
    'bind 127.0.0.1',
    `port ${port}`,
    'protected-mode yes',
    'daemonize no',
    `dir ${confValue(dir)}`,
    `logfile ${confValue(join(dir, 'redis.log'))}`,
    // The queues' schedule survives a restart (PostgreSQL stays the truth: the timer sweep re-arms).
    'save ""',
    'appendonly yes',
    'appendfsync everysec',
    'maxmemory-policy noeviction',
    // Delayed jobs (deadlines) fire within about 1/hz seconds.
    'hz 100',
    `requirepass ${password}`,
    '',
  ].join('\n');
}

/**
 * The watchdog (POSIX sh): prints the server's pid, then waits for it; a background reader of the
 * demo's pipe (fd 3) sends the server SIGTERM at end of file. Exit 127: no redis-server on the PATH.
 */
const WATCHDOG = `
command -v redis-server >/dev/null 2>&1 || exit 127
exec 3<&0
redis-server "$1" </dev/null 1>&2 &
pid=$!
echo "$pid"
( read -r _ <&3; kill -TERM "$pid" 2>/dev/null ) &
reader=$!
exec 3<&-
wait "$pid"
status=$?
kill "$reader" 2>/dev/null
exit "$status"
`;

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

async function waitGone(pid: number, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (alive(pid)) {
    if (Date.now() > until) return false;
    await delay(50);
  }
  return true;
}

/** Asks the server to stop (it flushes the append-only file first). */
async function shutdown(url: string): Promise<void> {
  const client = new Redis(url, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
  client.on('error', () => undefined);
  // SHUTDOWN closes the connection instead of answering.
  await client
    .connect()
    .then(() => client.call('SHUTDOWN'))
    .catch(() => undefined);
  client.disconnect();
}

/** A server left by a demo that died with its watchdog: found by its port and password, shut down. */
async function stopLeftover(dir: string): Promise<void> {
  const path = join(dir, STATE_FILE);
  let state: StateFile;
  try {
    state = JSON.parse(await readFile(path, 'utf8')) as StateFile;
  } catch {
    return;
  }
  const url = `redis://:${encodeURIComponent(state.password)}@127.0.0.1:${state.port}`;
  if (await redisAnswers(url)) {
    await shutdown(url);
    await waitGone(state.pid, 10_000);
  }
  await rm(path, { force: true });
}

type Child = ChildProcessByStdio<Writable | null, Readable | null, Readable>;

/**
 * Starts a private Redis under `dataDir/redis`. Throws NoRedisServerError when there is no redis-server
 * to run (or it will not start), with the reason.
 */
export async function startPrivateRedis(
  dataDir: string,
  opts: {
    readyTimeoutMs?: number;
    /** The environment redis-server is looked up (PATH) and run in; default this process's. */
    env?: NodeJS.ProcessEnv;
  } = {},
): Promise<PrivateRedis> {
  const dir = resolve(dataDir, 'redis');
  await mkdir(dir, { recursive: true });
  await stopLeftover(dir);
  let lastError = '';
  for (let attempt = 0; attempt < 3; attempt++) {
    const started = await startOnce(dir, opts.readyTimeoutMs ?? 15_000, opts.env);
    if ('redis' in started) return started.redis;
    lastError = started.error;
    // Another process may have taken the free port first: try another; anything else will not improve.
    if (!lastError.startsWith('redis-server exited')) break;
  }
  throw new NoRedisServerError(lastError);
}

async function startOnce(
  dir: string,
  readyTimeoutMs: number,
  env: NodeJS.ProcessEnv | undefined,
): Promise<{ redis: PrivateRedis } | { error: string }> {
  const port = await freePort();
  const password = randomBytes(24).toString('hex');
  const confPath = join(dir, 'redis.conf');
  await writeFile(confPath, redisConf(dir, port, password), { mode: 0o600 });
  const logPath = join(dir, 'redis.log');
  // The log is appended to across starts: a failure's reason is in what this start wrote.
  const logStart = (await stat(logPath).catch(() => null))?.size ?? 0;

  const posix = process.platform !== 'win32';
  const child: Child = posix
    ? spawn('/bin/sh', ['-c', WATCHDOG, 'accolade-redis', confPath], {
        stdio: ['pipe', 'pipe', 'pipe'],
        detached: true,
        ...(env ? { env } : {}),
      })
    : spawn('redis-server', [confPath], {
        stdio: ['ignore', 'ignore', 'pipe'],
        windowsHide: true,
        ...(env ? { env } : {}),
      });

  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (s: string) => {
    stderr = (stderr + s).slice(-2000);
  });
  let exitCode: number | null | undefined;
  let spawnError: string | undefined;
  const exited = new Promise<void>((resolveExit) => {
    child.once('error', (e) => {
      spawnError = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no redis-server on the PATH' : e.message;
      exitCode ??= -1;
      resolveExit();
    });
    child.once('exit', (code) => {
      exitCode = code ?? -1;
      resolveExit();
    });
  });

  // The server's pid: printed by the watchdog, or the child itself on Windows.
  let pid: number | undefined = posix ? undefined : child.pid;
  if (posix && child.stdout) {
    child.stdout.setEncoding('utf8');
    let out = '';
    child.stdout.on('data', (s: string) => {
      out += s;
      const m = /^(\d+)\n/.exec(out);
      if (m?.[1]) pid ??= Number(m[1]);
    });
  }

  const url = `redis://:${password}@127.0.0.1:${port}`;
  const failure = async (): Promise<string> => {
    if (spawnError) return spawnError;
    if (exitCode === 127) return 'no redis-server on the PATH';
    const log = (await readFile(logPath).catch(() => Buffer.alloc(0))).subarray(logStart).toString('utf8');
    const why = `${stderr}\n${log.split('\n').slice(-5).join('\n')}`
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .pop();
    return `redis-server exited (code ${exitCode ?? '?'})${why ? `: ${why}` : ''}`;
  };

  const until = Date.now() + readyTimeoutMs;
  for (;;) {
    if (exitCode !== undefined) return { error: await failure() };
    if (pid !== undefined && (await redisAnswers(url, 500))) break;
    if (Date.now() > until) {
      await stopChild(child, pid, exited, posix, url);
      return { error: `redis-server did not answer within ${readyTimeoutMs} ms` };
    }
    await delay(100);
  }
  const serverPid = pid;
  const statePath = join(dir, STATE_FILE);
  await writeFile(statePath, JSON.stringify({ pid: serverPid, port, password } satisfies StateFile), {
    mode: 0o600,
  });
  void exited.then(() => rm(statePath, { force: true }).catch(() => undefined));
  return {
    redis: {
      url,
      displayUrl: `redis://127.0.0.1:${port}`,
      port,
      pid: serverPid,
      dir,
      exited,
      async stop() {
        await stopChild(child, serverPid, exited, posix, url);
        await rm(statePath, { force: true });
      },
    },
  };
}

/** Graceful first (SIGTERM through the watchdog, or SHUTDOWN), SIGKILL after 10 seconds. */
async function stopChild(
  child: Child,
  pid: number | undefined,
  exited: Promise<void>,
  posix: boolean,
  url: string,
): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  if (posix) child.stdin?.end();
  else await shutdown(url);
  const ac = new AbortController();
  const done = await Promise.race([
    exited.then(() => true),
    delay(10_000, false, { signal: ac.signal }).catch(() => false),
  ]);
  ac.abort();
  if (done) return;
  if (pid !== undefined && alive(pid)) process.kill(pid, 'SIGKILL');
  child.kill('SIGKILL');
  await exited;
}
