import { request as httpRequest } from 'node:http';
import { z } from 'zod';
import { createShutdown, serverStep } from '../../../src/shutdown';
import { startTestApp, type TestApp } from '../../helpers/app';

/**
 * Graceful shutdown of the web process (src/shutdown.ts, as src/server.ts and src/main.ts wire it): the
 * drain says "not ready" while still serving, the in-flight request finishes, new connections are
 * refused once the server closes; past the timeout what is still open is cut and the exit code says so.
 */
const silent = { info: () => undefined, warn: () => undefined };

/** A GET that takes `ms` to answer, on a fresh connection (no keep-alive pool in between). */
function slowGet(baseUrl: string, ms: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${baseUrl}/api/test/slow?ms=${ms}`, { agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

async function startWithShutdown(opts: { drainMs: number; timeoutMs: number }) {
  // As src/server.ts wires it: the shutdown exists before the app, its steps are read when it runs.
  const app: { t?: TestApp } = {};
  const shutdown = createShutdown({
    logger: silent,
    drainMs: opts.drainMs,
    timeoutMs: opts.timeoutMs,
    steps: () => [serverStep(app.t!.server)],
  });
  let started = 0;
  const t: TestApp = await startTestApp({
    deps: {
      isDraining: shutdown.isDraining,
      extraRoutes: (registry) =>
        registry.add({
          method: 'get',
          path: '/api/test/slow',
          summary: 'answers after ?ms',
          tags: ['test'],
          auth: 'public',
          hidden: true,
          query: z.object({ ms: z.coerce.number().int().min(0) }),
          responses: { 200: z.object({ ok: z.boolean() }) },
          handler: async ({ query }) => {
            started += 1;
            await new Promise((r) => setTimeout(r, query.ms));
            return { ok: true };
          },
        }),
    },
  });
  app.t = t;
  const inFlight = async () => {
    while (started === 0) await new Promise((r) => setTimeout(r, 10));
  };
  return { t, shutdown, inFlight };
}

describe('graceful shutdown', () => {
  test('drain: /readyz 503 and Connection: close while serving; the in-flight request finishes; then the port closes', async () => {
    const { t, shutdown, inFlight } = await startWithShutdown({ drainMs: 400, timeoutMs: 10_000 });
    try {
      const ready = await t.anon.get('/readyz');
      expect(ready.status).toBe(200);
      expect(ready.body).toMatchObject({ status: 'ready', db: 'up' });

      const slow = slowGet(t.baseUrl, 1200);
      await inFlight();
      const exit = shutdown.run('SIGTERM');
      expect(shutdown.isDraining()).toBe(true);

      // Draining: not ready, but still alive and still serving, and telling clients to reconnect.
      const draining = await t.anon.get('/readyz');
      expect(draining.status).toBe(503);
      expect(draining.body).toMatchObject({ status: 'draining', db: 'up' });
      expect(draining.headers.get('connection')).toBe('close');
      expect((await t.anon.get('/healthz')).status).toBe(200);

      // The request that was running when the signal came gets its answer.
      await expect(slow).resolves.toEqual({ status: 200, body: JSON.stringify({ ok: true }) });
      await expect(exit).resolves.toBe(0);
      // A second call is the same shutdown, not a second one.
      await expect(shutdown.run('SIGINT')).resolves.toBe(0);

      await expect(t.anon.get('/healthz')).rejects.toThrow();
    } finally {
      await t.close();
    }
  });

  test('timeout: a request still running is cut and the exit code is 1', async () => {
    const { t, shutdown, inFlight } = await startWithShutdown({ drainMs: 0, timeoutMs: 300 });
    try {
      const slow = slowGet(t.baseUrl, 5000);
      await inFlight();
      const started = Date.now();
      await expect(shutdown.run('SIGTERM')).resolves.toBe(1);
      await expect(slow).rejects.toThrow(/socket hang up|ECONNRESET/);
      expect(Date.now() - started).toBeLessThan(4000);
    } finally {
      await t.close();
    }
  });
});
