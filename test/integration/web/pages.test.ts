import { recordLink } from '../../../src/workflow/engine/notify';
import { RecordBuilder } from '../../helpers/api-org';
import { startWebApp, type WebApp } from '../../helpers/web-app';

/**
 * The pages over HTTP (no browser): headers, the htmx fragment against the whole page (history restore),
 * an email's link opening the record after sign-in, the sign-in budget shared with the API, 404s.
 */
let w: WebApp;
let b: RecordBuilder;

beforeAll(async () => {
  w = await startWebApp({ deps: { loginLimits: { windowMs: 60_000, perUsername: 3, perAddress: 1000 } } });
  b = new RecordBuilder(w.org);
});
afterAll(async () => {
  await w?.close();
});

interface Browserish {
  cookie: string;
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  post(path: string, form: Record<string, string>, headers?: Record<string, string>): Promise<Response>;
  token(path?: string): Promise<string>;
}

/** A cookie-keeping client that posts forms as a browser does (same Origin). */
function browserish(): Browserish {
  const c: Browserish = {
    cookie: '',
    async get(path, headers = {}) {
      const r = await fetch(w.t.baseUrl + path, {
        redirect: 'manual',
        headers: { cookie: c.cookie, ...headers },
      });
      const set = r.headers.get('set-cookie');
      if (set) c.cookie = set.split(';')[0]!;
      return r;
    },
    async post(path, form, headers = {}) {
      const r = await fetch(w.t.baseUrl + path, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          cookie: c.cookie,
          origin: w.t.baseUrl,
          'content-type': 'application/x-www-form-urlencoded',
          ...headers,
        },
        body: new URLSearchParams(form).toString(),
      });
      const set = r.headers.get('set-cookie');
      if (set) c.cookie = set.split(';')[0]!;
      return r;
    },
    async token(path = '/sign-in') {
      const html = await (await c.get(path)).text();
      return /<meta name="csrf-token" content="([^"]+)"/.exec(html)![1]!;
    },
  };
  return c;
}

async function signedIn(role: 'clerk' | 'office' | 'director'): Promise<Browserish> {
  const c = browserish();
  const _csrf = await c.token();
  const r = await c.post('/sign-in', {
    _csrf,
    username: w.org.usernames[role],
    password: w.org.passwords[role],
  });
  expect(r.status).toBe(303);
  return c;
}

test('pages: strict CSP, no-store, Vary on the htmx headers; assets before the session', async () => {
  const c = await signedIn('office');
  const r = await c.get('/');
  expect(r.status).toBe(200);
  const csp = r.headers.get('content-security-policy') ?? '';
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("style-src 'self'");
  expect(csp).not.toContain('unsafe-inline');
  expect(r.headers.get('cache-control')).toBe('no-store');
  expect(r.headers.get('vary')).toBe('HX-Request, HX-Target, HX-History-Restore-Request');
  const html = await r.text();
  expect(html).toMatch(/^<!DOCTYPE html><html lang="vi"/);
  expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script
  expect(html).not.toMatch(/\sstyle="/); // no style attribute
  expect(html).not.toMatch(/\shx-on/);
  const css = /href="(\/assets\/app\.[0-9a-f]{10}\.css)"/.exec(html)![1]!;
  const asset = await fetch(w.t.baseUrl + css);
  expect(asset.headers.get('set-cookie')).toBeNull();
  expect(asset.headers.get('cache-control')).toContain('immutable');
});

test('an htmx request for #work-list gets the fragment; a history restore gets the whole page', async () => {
  const c = await signedIn('office');
  const fragment = await (
    await c.get('/?type=dossier', { 'hx-request': 'true', 'hx-target': 'div#work-list' })
  ).text();
  expect(fragment.startsWith('<div id="work-list">')).toBe(true);
  expect(fragment).not.toContain('<html');
  const restore = await (
    await c.get('/?type=dossier', {
      'hx-request': 'true',
      'hx-target': 'body',
      'hx-history-restore-request': 'true',
    })
  ).text();
  expect(restore).toMatch(/^<!DOCTYPE html>/);
  const other = await (
    await c.get('/?type=dossier', { 'hx-request': 'true', 'hx-target': 'main#other' })
  ).text();
  expect(other).toMatch(/^<!DOCTYPE html>/);
});

test("an email's link opens the record's page after sign-in (return-to)", async () => {
  const id = await b.dossier('submitted');
  const link = recordLink(w.t.baseUrl, 'dossier', id);
  const c = browserish();
  const first = await c.get(new URL(link).pathname);
  expect(first.status).toBe(303);
  expect(first.headers.get('location')).toBe(`/sign-in?next=${encodeURIComponent(`/dossiers/${id}`)}`);
  const page = await (await c.get(first.headers.get('location')!)).text();
  const _csrf = /<meta name="csrf-token" content="([^"]+)"/.exec(page)![1]!;
  const next = /action="\/sign-in"[\s\S]*?name="next" value="([^"]+)"/.exec(page)![1]!;
  const r = await c.post('/sign-in', {
    _csrf,
    next,
    username: w.org.usernames.office,
    password: w.org.passwords.office,
  });
  expect(r.headers.get('location')).toBe(`/dossiers/${id}`);
  expect((await c.get(`/dossiers/${id}`)).status).toBe(200);
  // Never to another site.
  const evil = browserish();
  const t = await evil.token();
  const r2 = await evil.post('/sign-in', {
    _csrf: t,
    next: '//evil.example/x',
    username: w.org.usernames.office,
    password: w.org.passwords.office,
  });
  expect(r2.headers.get('location')).toBe('/');
});

test('the sign-in page and the API login share one budget of failed attempts per account', async () => {
  const user = await w.t.createUser({ username: 'han.che', roles: ['office'] });
  const c = browserish();
  const _csrf = await c.token();
  const wrong = { _csrf, username: 'han.che', password: 'wrong-password' };
  expect((await c.post('/sign-in', wrong)).status).toBe(401);
  expect((await w.t.anon.post('/api/auth/login', { username: 'han.che', password: 'wrong' })).status).toBe(
    401,
  );
  expect((await c.post('/sign-in', wrong)).status).toBe(401);
  // The fourth attempt is refused, whichever door, and says nothing about the account.
  const page = await c.post('/sign-in', { ...wrong, password: user.password });
  expect(page.status).toBe(429);
  const html = await page.text();
  expect(html).toContain('Đăng nhập sai quá nhiều lần');
  const unknown = await c.post('/sign-in', { _csrf, username: 'khong.ton.tai', password: 'x' });
  expect(unknown.status).toBe(401);
  expect(await unknown.text()).toContain('Tên đăng nhập hoặc mật khẩu không đúng');
  expect(
    (await w.t.anon.post('/api/auth/login', { username: 'han.che', password: user.password })).status,
  ).toBe(429);
});

test('404 in the layout for an unknown page, another unit’s record and an unknown event; never internals', async () => {
  const c = await signedIn('clerk');
  const id = await b.dossier('draft');
  const mine = await c.get(`/dossiers/${id}`);
  expect(mine.status).toBe(200);
  const other = browserish();
  const t = await other.token();
  await other.post('/sign-in', {
    _csrf: t,
    username: w.org.usernames.otherClerk,
    password: w.org.passwords.otherClerk,
  });
  for (const path of [
    `/dossiers/${id}`,
    '/khong-co-trang-nay',
    `/dossiers/${id}/events/NO_SUCH`,
    '/dossiers/abc',
    '/nominations/99999',
    // Outside the demo the demo mailbox does not exist.
    '/demo/mailbox',
    '/demo/mailbox/1',
  ]) {
    const r = await other.get(path);
    expect({ path, status: r.status }).toEqual({ path, status: 404 });
    expect(await r.text()).toContain('Không tìm thấy trang');
  }
  // The API keeps its own 404s.
  expect((await other.get('/api/nope')).headers.get('content-type')).toContain('application/problem+json');
  expect((await other.get('/api/demo/mailbox')).status).toBe(404);
});

test('an event the user may not send now answers a page saying so (409), and nothing changes', async () => {
  const id = await b.dossier('draft');
  const office = await signedIn('office');
  const r = await office.get(`/dossiers/${id}/events/RECEIVE`);
  expect(r.status).toBe(409);
  expect(await r.text()).toContain('Thao tác này không còn thực hiện được');
});
