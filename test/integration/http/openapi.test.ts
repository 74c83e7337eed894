import { Script } from 'node:vm';
import { z } from 'zod';
import type { RouteRegistry } from '../../../src/http/registry';
import { startApiApp, type ApiApp } from '../../helpers/api-org';
import { startTestApp, type TestApp } from '../../helpers/app';

const extra = (r: RouteRegistry) => {
  r.add({
    method: 'post',
    path: '/api/things/:id/parts',
    summary: 'An extra route declared by another module',
    tags: ['things'],
    auth: ['office', 'director'],
    params: z.object({ id: z.coerce.number().int() }),
    body: z.object({ label: z.string().describe('what to call it'), count: z.number().int().default(1) }),
    responses: { 201: z.object({ id: z.number(), label: z.string() }).meta({ id: 'Part' }) },
    handler: ({ body }) => ({ id: 1, label: body.label }),
  });
  r.add({
    method: 'get',
    path: '/api/test/hidden',
    summary: 'hidden',
    tags: ['test'],
    auth: 'public',
    hidden: true,
    responses: { 204: 'nothing' },
    handler: () => undefined,
  });
};

describe('OpenAPI document and reference page', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ deps: { extraRoutes: extra } });
  }, 60000);
  afterAll(() => t.close());

  test('GET /api/openapi.json is an OpenAPI 3.1 document listing the routes', async () => {
    const res = await t.anon.get('/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = res.body;
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.title).toBe('Accolade API');
    const ops = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([p, m]) =>
      Object.keys(m).map((k) => `${k.toUpperCase()} ${p}`),
    );
    for (const expected of [
      'GET /healthz',
      'GET /readyz',
      'POST /api/auth/login',
      'POST /api/auth/logout',
      'GET /api/auth/csrf',
      'POST /api/auth/password',
      'GET /api/me',
      'POST /api/auth/tokens',
      'GET /api/auth/tokens',
      'DELETE /api/auth/tokens/{id}',
      'POST /api/units',
      'GET /api/units',
      'PATCH /api/units/{id}',
      'POST /api/units/{id}/successor',
      'POST /api/users',
      'GET /api/users',
      'PATCH /api/users/{id}',
      'GET /api/settings/policy',
      'PUT /api/settings/policy',
      'POST /api/things/{id}/parts',
    ])
      expect(ops).toContain(expected);
    expect(ops).not.toContain('GET /api/test/hidden');
    // No $defs references left dangling: every $ref points into components.
    const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? [];
    for (const r of refs) {
      const target = r.slice(8, -1);
      expect(target.startsWith('#/components/schemas/')).toBe(true);
      expect(doc.components.schemas[target.slice('#/components/schemas/'.length)]).toBeDefined();
    }
    expect(JSON.stringify(doc)).not.toContain('$schema');
  });

  test('operations carry bodies, parameters, responses, roles and security from the same schemas', async () => {
    const doc = (await t.anon.get('/api/openapi.json')).body;
    const op = doc.paths['/api/things/{id}/parts'].post;
    expect(op['x-roles']).toEqual(['office', 'director']);
    expect(op.parameters).toEqual([expect.objectContaining({ name: 'id', in: 'path', required: true })]);
    const body = op.requestBody.content['application/json'].schema;
    expect(body.properties.label).toMatchObject({ type: 'string', description: 'what to call it' });
    // io: 'input' → a field with a default is optional in the request.
    expect(body.required).toEqual(['label']);
    expect(op.responses['201'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/Part',
    });
    expect(doc.components.schemas.Part.properties.label.type).toBe('string');
    for (const s of ['400', '401', '403', '404', '413', '415', '500'])
      expect(op.responses[s].content['application/problem+json'].schema).toEqual({
        $ref: '#/components/schemas/Problem',
      });
    expect(op.security).toEqual([{ cookieAuth: [], csrfToken: [] }, { bearerAuth: [] }]);
    expect(doc.paths['/api/auth/login'].post.security).toEqual([]);
    expect(doc.components.schemas.Problem.required).toEqual(
      expect.arrayContaining(['type', 'title', 'status', 'detail', 'code']),
    );
    const users = doc.paths['/api/users'].get;
    expect(users.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['limit', 'cursor', 'role']),
    );
  });

  test('/api/docs renders the document with a local script (no CDN)', async () => {
    // The product's address opens the web application (its sign-in page); the reference has its own.
    const root = await t.anon.get('/');
    expect([root.status, root.headers.get('location')]).toEqual([303, '/sign-in?next=%2F']);
    const page = await t.anon.get('/api/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const scripts = [...page.text.matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => m[1]!);
    expect(scripts).toEqual(['/api/docs/app.js']);
    expect(page.text).not.toMatch(/https?:\/\//);
    const js = await t.anon.get('/api/docs/app.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    expect(js.text).toContain('/api/openapi.json');
    // It parses as a script.
    expect(() => new Script(js.text)).not.toThrow();
  });
});

describe('the OpenAPI document of the whole product (routes wired as src/server.ts wires them)', () => {
  let app: ApiApp;
  beforeAll(async () => {
    app = await startApiApp();
  }, 60000);
  afterAll(() => app.t.close());

  test('every declared route is documented once, with responses, an operation id and resolvable refs', async () => {
    const doc = (await app.t.anon.get('/api/openapi.json')).body;
    const documented = Object.entries(
      doc.paths as Record<string, Record<string, { operationId?: string; responses?: object }>>,
    ).flatMap(([p, methods]) =>
      Object.entries(methods).map(([m, op]) => ({ key: `${m.toUpperCase()} ${p}`, op })),
    );
    const declared = app.registry
      .list()
      .map((r) => `${r.method.toUpperCase()} ${r.path.replace(/:([A-Za-z]+)/g, '{$1}')}`);
    // The award-rules and admin routes are there too, not only the workflow's.
    expect(declared).toEqual(
      expect.arrayContaining(['POST /api/units/{id}/past-awards/import', 'GET /api/admin/incidents']),
    );
    for (const key of declared) expect(documented.map((d) => d.key)).toContain(key);
    for (const { key, op } of documented) {
      expect({ key, responses: Object.keys(op.responses ?? {}).length > 0 }).toEqual({
        key,
        responses: true,
      });
      expect(op.operationId).toEqual(expect.any(String));
    }
    const ids = documented.map((d) => d.op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? [];
    for (const r of refs)
      expect(doc.components.schemas[r.slice(8, -1).slice('#/components/schemas/'.length)]).toBeDefined();
  });
});
