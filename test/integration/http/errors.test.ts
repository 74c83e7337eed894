import { z } from 'zod';
import { AppError } from '../../../src/errors';
import type { RouteRegistry } from '../../../src/http/registry';
import { startTestApp, type TestApp } from '../../helpers/app';
import { client, expectProblem } from '../../helpers/http';

const SECRET = 'SELECT password_hash FROM users -- internal detail';

function testRoutes(registry: RouteRegistry): void {
  registry.add({
    method: 'get',
    path: '/api/test/boom',
    summary: 'throws',
    tags: ['test'],
    auth: 'public',
    hidden: true,
    responses: { 200: z.object({ ok: z.boolean() }) },
    handler: () => {
      throw new Error(SECRET);
    },
  });
  registry.add({
    method: 'get',
    path: '/api/test/internal',
    summary: 'throws an INTERNAL AppError with a revealing message',
    tags: ['test'],
    auth: 'public',
    hidden: true,
    responses: { 200: z.object({ ok: z.boolean() }) },
    handler: () => {
      throw new AppError('INTERNAL', SECRET);
    },
  });
  registry.add({
    method: 'post',
    path: '/api/test/echo/:id',
    summary: 'validates everything',
    tags: ['test'],
    auth: 'user',
    hidden: true,
    params: z.object({ id: z.coerce.number().int().positive() }),
    query: z.strictObject({ mode: z.enum(['a', 'b']) }),
    body: z.object({
      name: z.string().min(2),
      nested: z.strictObject({ count: z.number().int() }),
      tags: z.array(z.string()),
    }),
    responses: { 200: z.object({ id: z.number(), mode: z.string(), name: z.string() }) },
    handler: ({ params, query, body }) => ({ id: params.id, mode: query.mode, name: body.name }),
  });
  registry.add({
    method: 'get',
    path: '/api/test/wrong-shape',
    summary: 'answers something its schema does not allow',
    tags: ['test'],
    auth: 'public',
    hidden: true,
    responses: { 200: z.object({ ok: z.boolean() }) },
    handler: () => ({ ok: 'yes' }),
  });
}

describe('problem+json errors', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ deps: { extraRoutes: testRoutes } });
  }, 60000);
  afterAll(() => t.close());

  test('400 names every offending field in params, query and body', async () => {
    const res = await t.admin.api.post('/api/test/echo/zero?mode=c', { name: 'x', nested: { count: 1.5 } });
    const p = expectProblem(res, 400, 'VALIDATION_FAILED');
    const fields = p.errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['id', 'mode', 'name', 'nested.count', 'tags']);
    for (const e of p.errors) expect(e.message).toEqual(expect.any(String));
    expect(p.type).toBe('about:blank');
    expect(p.title).toBe('Bad Request');
  });

  test('an unknown key is named itself, where it is (query or nested body), not as the whole input', async () => {
    const res = await t.admin.api.post('/api/test/echo/7?mode=a&debug=1', {
      name: 'ok',
      nested: { count: 1, admin: true },
      tags: [],
    });
    const p = expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(p.errors).toEqual([
      { field: 'debug', message: 'is not a known field' },
      { field: 'nested.admin', message: 'is not a known field' },
    ]);
  });

  test('a valid request passes the parsed values to the handler', async () => {
    const res = await t.admin.api.post('/api/test/echo/7?mode=b', {
      name: 'ok',
      nested: { count: 1 },
      tags: [],
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: 7, mode: 'b', name: 'ok' });
  });

  test('malformed JSON is a 400 problem', async () => {
    const res = await t.admin.api.post('/api/units', undefined, {
      raw: '{"code": "A", ',
      headers: { 'content-type': 'application/json' },
    });
    const p = expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(p.errors).toEqual([{ field: 'body', message: 'is not valid JSON' }]);
  });

  test('a body that is not JSON is 415', async () => {
    const res = await t.admin.api.post('/api/units', undefined, {
      raw: 'code=A&name=B',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expectProblem(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  test('no body at all validates as an empty object', async () => {
    const res = await t.admin.api.post('/api/units');
    const p = expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(p.errors.map((e: { field: string }) => e.field).sort()).toEqual(['code', 'name']);
  });

  test('a JSON body over the limit is 413', async () => {
    const res = await t.admin.api.post('/api/units', { code: 'BIG', name: 'x'.repeat(300 * 1024) });
    expectProblem(res, 413, 'PAYLOAD_TOO_LARGE');
  });

  test('401 without credentials, 403 without the role', async () => {
    expectProblem(await t.anon.get('/api/users'), 401, 'UNAUTHENTICATED');
    const office = await t.createUser({ username: 'err-office', roles: ['office'] });
    const p = expectProblem(await office.api.get('/api/users'), 403, 'FORBIDDEN');
    expect(p.detail).toMatch(/admin/);
  });

  test('unknown routes under /api are 404 problems, for every method', async () => {
    expectProblem(await t.anon.get('/api/no/such/thing'), 404, 'NOT_FOUND');
    expectProblem(await t.admin.api.delete('/api/nothing-here'), 404, 'NOT_FOUND');
    expectProblem(await t.admin.api.get('/api/units/999999'), 404, 'NOT_FOUND');
  });

  test('500 says nothing of its cause, and the log line with the same request id has it', async () => {
    const res = await t.anon.get('/api/test/boom');
    const p = expectProblem(res, 500, 'INTERNAL');
    expect(res.text).not.toContain('SELECT');
    expect(res.text).not.toMatch(/stack|\.ts:|password_hash/);
    expect(Object.keys(p).sort()).toEqual(['code', 'detail', 'requestId', 'status', 'title', 'type']);
    const line = t.logs.find((l) => l.requestId === p.requestId && l.level >= 50);
    expect(line).toBeDefined();
    const err = line!.err as { message: string; stack: string };
    expect(err.message).toBe(SECRET);
    expect(err.stack).toContain('errors.test.ts');
  });

  test('an AppError INTERNAL does not leak its message either', async () => {
    const res = await t.anon.get('/api/test/internal');
    expectProblem(res, 500, 'INTERNAL');
    expect(res.text).not.toContain('SELECT');
  });

  test('in tests, an answer that does not match its declared schema is caught', async () => {
    expectProblem(await t.anon.get('/api/test/wrong-shape'), 500, 'INTERNAL');
  });

  test('a sane incoming X-Request-Id is kept and echoed', async () => {
    const res = await t.anon.get('/api/no-such', { headers: { 'x-request-id': 'proxy-req-12345678' } });
    expect(res.headers.get('x-request-id')).toBe('proxy-req-12345678');
    expect(res.body.requestId).toBe('proxy-req-12345678');
    const weird = await t.anon.get('/api/no-such', { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(weird.headers.get('x-request-id')).not.toBe('bad id with spaces');
  });

  test('request logs carry request id, status, latency and user id, and never passwords, cookies or tokens', async () => {
    const password = 'very-secret-pw-42';
    const u = await t.createUser({ username: 'logged', roles: ['office'], password });
    const tok = await u.api.post('/api/auth/tokens', { name: 'log test' });
    const bearer = client(t.baseUrl, { token: tok.body.token });
    const me = await bearer.get('/api/me');
    await t.anon.post('/api/auth/login', { username: 'logged', password: 'wrong-but-secret-xyz' });
    const line = t.logs.find(
      (l) => l.requestId === me.headers.get('x-request-id') && (l.res as object | undefined),
    );
    expect(line).toMatchObject({
      userId: u.user.id,
      res: { statusCode: 200 },
      req: { method: 'GET', url: '/api/me' },
    });
    expect(typeof line!.ms).toBe('number');
    const text = t.logText();
    expect(text).not.toContain(password);
    expect(text).not.toContain('wrong-but-secret-xyz');
    expect(text).not.toContain(tok.body.token);
    expect(text).not.toContain(u.cookie.split('=')[1]);
    expect(text).not.toContain(u.csrfToken);
    expect(text).not.toMatch(/authorization|argon2/i);
  });

  test('helmet headers are set', async () => {
    const res = await t.anon.get('/healthz');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(res.headers.get('x-powered-by')).toBeNull();
  });
});
