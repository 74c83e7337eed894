import { startTestApp, type TestApp } from '../../helpers/app';
import { client, expectProblem, sessionCookieOf } from '../../helpers/http';

describe('authentication', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  }, 60000);
  afterAll(() => t.close());

  test('login returns the user and a CSRF token and sets an HttpOnly, SameSite session cookie', async () => {
    const res = await t.anon.post('/api/auth/login', { username: 'admin', password: t.adminPassword });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ username: 'admin', roles: ['admin'] });
    expect(res.body.csrfToken).toEqual(expect.any(String));
    expect(res.text).not.toMatch(/password|hash|argon2/i);
    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('accolade.sid='));
    expect(setCookie).toBeDefined();
    expect(setCookie).toMatch(/;\s*HttpOnly/i);
    expect(setCookie).toMatch(/;\s*SameSite=Lax/i);
    expect(setCookie).toMatch(/;\s*Path=\//i);
    // Plain HTTP from a client: not Secure (the cookie would never come back).
    expect(setCookie).not.toMatch(/;\s*Secure/i);
  });

  test('behind a TLS-terminating proxy the cookie is Secure', async () => {
    const res = await t.anon.post(
      '/api/auth/login',
      { username: 'admin', password: t.adminPassword },
      { headers: { 'x-forwarded-proto': 'https' } },
    );
    expect(res.status).toBe(200);
    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('accolade.sid='));
    expect(setCookie).toMatch(/;\s*Secure/i);
  });

  test('unknown user and wrong password get the same answer', async () => {
    const unknown = await t.anon.post('/api/auth/login', {
      username: 'nobody-here',
      password: 'whatever-123',
    });
    const wrong = await t.anon.post('/api/auth/login', { username: 'admin', password: 'wrong-password' });
    const a = expectProblem(unknown, 401, 'UNAUTHENTICATED');
    const b = expectProblem(wrong, 401, 'UNAUTHENTICATED');
    expect(a.detail).toBe(b.detail);
    expect(a.title).toBe(b.title);
    expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort());
    expect(sessionCookieOf(unknown.headers)).toBeUndefined();
    expect(sessionCookieOf(wrong.headers)).toBeUndefined();
  });

  test('a login with missing fields names each of them', async () => {
    const res = await t.anon.post('/api/auth/login', {});
    const p = expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(p.errors.map((e: { field: string }) => e.field).sort()).toEqual(['password', 'username']);
  });

  test('GET /api/me needs authentication and then answers user, roles and unit', async () => {
    expectProblem(await t.anon.get('/api/me'), 401, 'UNAUTHENTICATED');
    const me = await t.admin.api.get('/api/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      user: { username: 'admin' },
      roles: ['admin'],
      unit: null,
      authenticatedBy: 'session',
    });
  });

  test('GET /api/auth/csrf returns the session token', async () => {
    const s = await t.login('admin', t.adminPassword);
    const res = await s.api.get('/api/auth/csrf');
    expect(res.body.csrfToken).toBe(s.csrfToken);
  });

  test('logout ends the session', async () => {
    const s = await t.login('admin', t.adminPassword);
    expect((await s.api.get('/api/me')).status).toBe(200);
    const out = await s.api.post('/api/auth/logout');
    expect(out.status).toBe(204);
    expectProblem(await s.api.get('/api/me'), 401, 'UNAUTHENTICATED');
  });

  test('a forged or unknown session cookie is anonymous', async () => {
    const forged = client(t.baseUrl, { cookie: 'accolade.sid=s%3Aabc.def' });
    expectProblem(await forged.get('/api/me'), 401, 'UNAUTHENTICATED');
  });

  describe('CSRF', () => {
    test('a cookie-authenticated change without the token is refused, with it accepted', async () => {
      const s = await t.login('admin', t.adminPassword);
      const without = await s.api.post('/api/auth/tokens', { name: 'x' }, { noCsrf: true });
      expectProblem(without, 403, 'FORBIDDEN');
      const wrong = await s.api.post(
        '/api/auth/tokens',
        { name: 'x' },
        { headers: { 'x-csrf-token': 'nope' }, noCsrf: true },
      );
      expectProblem(wrong, 403, 'FORBIDDEN');
      const other = await t.login('admin', t.adminPassword);
      const foreign = await s.api.post(
        '/api/auth/tokens',
        { name: 'x' },
        { headers: { 'x-csrf-token': other.csrfToken }, noCsrf: true },
      );
      expectProblem(foreign, 403, 'FORBIDDEN');
      const ok = await s.api.post('/api/auth/tokens', { name: 'x' });
      expect(ok.status).toBe(201);
    });

    test('reads need no token', async () => {
      const s = await t.login('admin', t.adminPassword);
      expect((await s.api.get('/api/units', { noCsrf: true })).status).toBe(200);
    });
  });

  describe('API tokens', () => {
    test('a token is shown once, works as Bearer without CSRF, is listed without secret, and stops when revoked', async () => {
      const created = await t.admin.api.post('/api/auth/tokens', { name: 'ci robot' });
      expect(created.status).toBe(201);
      const token = created.body.token as string;
      expect(token).toMatch(/^acc_/);

      const bearer = client(t.baseUrl, { token });
      const me = await bearer.get('/api/me');
      expect(me.status).toBe(200);
      expect(me.body.authenticatedBy).toBe('bearer');
      // A state change with no CSRF token: bearer requests are exempt.
      const unit = await bearer.post('/api/units', { code: 'TOK', name: 'Made with a token' });
      expect(unit.status).toBe(201);

      const list = await t.admin.api.get('/api/auth/tokens');
      const listed = list.body.items.find((x: { id: number }) => x.id === created.body.id);
      expect(listed).toMatchObject({ name: 'ci robot', revokedAt: null });
      expect(listed.lastUsedAt).not.toBeNull();
      expect(list.text).not.toContain(token);
      expect(list.text).not.toMatch(/hash/i);

      expect((await t.admin.api.delete(`/api/auth/tokens/${created.body.id}`)).status).toBe(204);
      expectProblem(await bearer.get('/api/me'), 401, 'UNAUTHENTICATED');
      expectProblem(await t.admin.api.delete(`/api/auth/tokens/${created.body.id}`), 404, 'NOT_FOUND');
    });

    test('a bearer caller is never given a session; logging in with a bearer header still starts one', async () => {
      const created = await t.admin.api.post('/api/auth/tokens', { name: 'no session' });
      const token = created.body.token as string;
      const bearer = client(t.baseUrl, { token });
      const me = await bearer.get('/api/me');
      expect(me.status).toBe(200);
      expect(sessionCookieOf(me.headers)).toBeUndefined();
      expect((await bearer.get('/api/auth/csrf')).body).toEqual({ csrfToken: null });
      const login = await bearer.post('/api/auth/login', { username: 'admin', password: t.adminPassword });
      expect(login.status).toBe(200);
      expect(sessionCookieOf(login.headers)).toBeDefined();
    });

    test('another user cannot revoke my token', async () => {
      const created = await t.admin.api.post('/api/auth/tokens', { name: 'mine' });
      const office = await t.createUser({ username: 'tok-office', roles: ['office'] });
      expectProblem(await office.api.delete(`/api/auth/tokens/${created.body.id}`), 404, 'NOT_FOUND');
      expect((await client(t.baseUrl, { token: created.body.token }).get('/api/me')).status).toBe(200);
    });

    test('a malformed or unknown bearer token is refused, not treated as anonymous', async () => {
      expectProblem(
        await client(t.baseUrl, { token: 'acc_unknown-token-value' }).get('/api/units'),
        401,
        'UNAUTHENTICATED',
      );
      const res = await t.anon.get('/api/units', { headers: { authorization: 'Basic YWRtaW46eA==' } });
      const p = expectProblem(res, 401, 'UNAUTHENTICATED');
      expect(p.detail).toMatch(/Bearer/);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    });
  });

  describe('password change', () => {
    test('ends the other sessions, keeps the current one under a new CSRF token, and the new password works', async () => {
      const u = await t.createUser({ username: 'changer', roles: ['office'] });
      const other = await t.login('changer', u.password);
      const res = await u.api.post('/api/auth/password', {
        currentPassword: u.password,
        newPassword: 'a-brand-new-pass',
      });
      expect(res.status).toBe(200);
      expect(res.body.csrfToken).toEqual(expect.any(String));
      expect(res.body.csrfToken).not.toBe(u.csrfToken);
      const newCookie = sessionCookieOf(res.headers);
      expect(newCookie).toBeDefined();
      expect(newCookie).not.toBe(u.cookie);

      expectProblem(await other.api.get('/api/me'), 401, 'UNAUTHENTICATED');
      expectProblem(await u.api.get('/api/me'), 401, 'UNAUTHENTICATED'); // the old session id is gone too
      const current = client(t.baseUrl, { cookie: newCookie!, csrfToken: res.body.csrfToken });
      expect((await current.get('/api/me')).status).toBe(200);
      expect((await current.post('/api/auth/tokens', { name: 'after change' })).status).toBe(201);

      expectProblem(
        await t.anon.post('/api/auth/login', { username: 'changer', password: u.password }),
        401,
        'UNAUTHENTICATED',
      );
      expect(
        (await t.anon.post('/api/auth/login', { username: 'changer', password: 'a-brand-new-pass' })).status,
      ).toBe(200);
    });

    test('refuses a wrong current password and a short new one, naming the fields', async () => {
      const u = await t.createUser({ username: 'changer2', roles: ['office'] });
      const wrong = await u.api.post('/api/auth/password', {
        currentPassword: 'not-it-at-all',
        newPassword: 'long-enough-1',
      });
      expect(expectProblem(wrong, 400, 'VALIDATION_FAILED').errors).toEqual([
        { field: 'currentPassword', message: 'is wrong' },
      ]);
      const short = await u.api.post('/api/auth/password', {
        currentPassword: u.password,
        newPassword: 'short',
      });
      expect(
        expectProblem(short, 400, 'VALIDATION_FAILED').errors.map((e: { field: string }) => e.field),
      ).toEqual(['newPassword']);
      expect((await u.api.get('/api/me')).status).toBe(200);
    });
  });
});
