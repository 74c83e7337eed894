import { spawn, spawnSync, type ChildProcessByStdio } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { client, request, sessionCookieOf, type Client } from './http';
import { projectRoot } from './processes';

/**
 * `npm run demo` as a newcomer runs it: the built product (`node dist/src/main.js --demo`) in a process
 * of its own. `ensureBuilt` runs `npm run build` first when `dist/` is missing or older than a source
 * file (`.ci/run` builds before testing, so there it finds `dist/` fresh).
 */

const builtEntry = join(projectRoot, 'dist', 'src', 'main.js');

function newestSource(): number {
  let newest = 0;
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts')) newest = Math.max(newest, statSync(p).mtimeMs);
    }
  };
  for (const d of ['src', 'machines', 'workers']) walk(join(projectRoot, d));
  for (const f of ['tsconfig.json', 'tsconfig.build.json', 'package.json'])
    newest = Math.max(newest, statSync(join(projectRoot, f)).mtimeMs);
  return newest;
}

export function ensureBuilt(): void {
  if (existsSync(builtEntry) && statSync(builtEntry).mtimeMs >= newestSource()) return;
  const r = spawnSync('npm', ['run', 'build'], { cwd: projectRoot, encoding: 'utf8', stdio: 'pipe' });
  if (r.status !== 0) throw new Error(`npm run build failed:\n${r.stdout}\n${r.stderr}`);
}

export interface DemoProcess {
  child: ChildProcessByStdio<null, Readable, Readable>;
  baseUrl: string;
  /** Everything the demo printed (stdout and stderr), for assertions and for failures. */
  output(): string;
  /** Resolves with the first match of `re` in the output (waits for it). */
  waitFor(re: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts the built demo with `env` over this environment, less what would give it a Redis, an SMTP
 * server or a database of ours (REDIS_URL, SMTP_URL, DATABASE_URL): it must bring its own.
 */
export function startBuiltDemo(env: Record<string, string> & { PORT: string }): DemoProcess {
  const base: Record<string, string | undefined> = { ...process.env };
  // And what Jest sets (NODE_ENV=test) or a developer may have: the demo runs with its defaults.
  for (const k of [
    'REDIS_URL',
    'SMTP_URL',
    'DATABASE_URL',
    'PUBLIC_URL',
    'QUEUE_PREFIX',
    'NODE_ENV',
    'LOG_LEVEL',
  ])
    Reflect.deleteProperty(base, k);
  const child = spawn(process.execPath, [builtEntry, '--demo'], {
    cwd: projectRoot,
    env: { ...base, NODE_OPTIONS: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const waiters = new Set<() => void>();
  const onData = (b: Buffer) => {
    out += b.toString('utf8');
    for (const w of [...waiters]) w();
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      resolve({ code, signal });
      for (const w of [...waiters]) w();
    }),
  );
  return {
    child,
    baseUrl: `http://127.0.0.1:${env.PORT}`,
    output: () => out,
    exited,
    waitFor(re, timeoutMs = 120_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const m = re.exec(out);
          if (m) {
            done();
            resolve(m);
          } else if (child.exitCode !== null || child.signalCode !== null) {
            done();
            reject(new Error(`the demo exited before printing ${re}:\n${out.slice(-4000)}`));
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`waited ${timeoutMs} ms for ${re}:\n${out.slice(-4000)}`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
  };
}

/** Signs in with the demo's password; a cookie session with its CSRF token. */
export async function demoLogin(baseUrl: string, username: string): Promise<Client> {
  const res = await request<{ csrfToken: string }>(
    baseUrl,
    'POST',
    '/api/auth/login',
    {},
    {
      body: { username, password: 'demo-accolade-2026' },
    },
  );
  const cookie = sessionCookieOf(res.headers);
  if (res.status !== 200 || !cookie) throw new Error(`login ${username}: ${res.status} ${res.text}`);
  return client(baseUrl, { cookie, csrfToken: res.body.csrfToken });
}

/** Polls `probe` until it returns a value (not undefined), every `everyMs`; fails after `timeoutMs`. */
export async function until<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  { timeoutMs = 60_000, everyMs = 200 } = {},
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Whether a process with this pid exists. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
