import { startTestApp, type TestApp } from '../../helpers/app';
import { expectProblem } from '../../helpers/http';

describe('login rate limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ deps: { loginLimits: { windowMs: 60_000, perUsername: 3, perAddress: 6 } } });
  }, 60000);
  afterAll(() => t.close());

  // The app trusts X-Forwarded-For from loopback (a local reverse proxy), so tests can play several addresses.
  const from = (ip: string) => ({ headers: { 'x-forwarded-for': ip } });

  test('per account: after the limit even the right password is refused with 429, other accounts are unaffected', async () => {
    const u = await t.createUser({ username: 'victim', roles: ['office'] });
    for (let i = 0; i < 3; i++) {
      const r = await t.anon.post(
        '/api/auth/login',
        { username: 'victim', password: `guess-${i}-xx` },
        from(`10.0.0.${i + 1}`),
      );
      expectProblem(r, 401, 'UNAUTHENTICATED');
    }
    const blocked = await t.anon.post(
      '/api/auth/login',
      { username: 'VICTIM', password: u.password },
      from('10.0.0.9'),
    );
    const p = expectProblem(blocked, 429, 'RATE_LIMITED');
    expect(p.title).toBe('Too Many Requests');
    expect(blocked.headers.get('retry-after')).toMatch(/^\d+$/);
    const other = await t.anon.post(
      '/api/auth/login',
      { username: 'admin', password: t.adminPassword },
      from('10.0.0.9'),
    );
    expect(other.status).toBe(200);
  });

  test('per address: spraying many accounts from one address is stopped', async () => {
    const ip = { headers: { 'x-forwarded-for': '10.9.9.9' } };
    for (let i = 0; i < 6; i++) {
      const r = await t.anon.post('/api/auth/login', { username: `spray${i}`, password: 'Password1!' }, ip);
      expect(r.status).toBe(401);
    }
    expectProblem(
      await t.anon.post('/api/auth/login', { username: 'spray99', password: 'Password1!' }, ip),
      429,
      'RATE_LIMITED',
    );
    // Another address still gets through.
    const ok = await t.anon.post(
      '/api/auth/login',
      { username: 'admin', password: t.adminPassword },
      from('10.8.8.8'),
    );
    expect(ok.status).toBe(200);
  });

  test('successful logins do not count', async () => {
    const u = await t.createUser({ username: 'frequent', roles: ['office'] });
    for (let i = 0; i < 5; i++) {
      const r = await t.anon.post(
        '/api/auth/login',
        { username: 'frequent', password: u.password },
        from(`10.1.1.${i}`),
      );
      expect(r.status).toBe(200);
    }
  });
});
