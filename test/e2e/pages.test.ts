import type { Browser } from 'playwright-core';
import { must, RecordBuilder } from '../helpers/api-org';
import { startWebApp, type WebApp } from '../helpers/web-app';
import { expectAccessible, launch, screenshot, signIn, type Watched, watchedPage } from './browser';

/**
 * The pages of phase 1 in Debian's Chromium: sign in (wrong, then right) as every role, the to-do list,
 * a record's page with its diagram and timeline, an event sent through the generic form with JavaScript
 * on and off, the CSRF and Origin refusals, and an XSS corpus shown as text. axe on every page visited;
 * any console error, CSP violation, dialog or unexpected ≥ 400 fails the test.
 */
let w: WebApp;
let browser: Browser;
let b: RecordBuilder;
const open: Watched[] = [];

beforeAll(async () => {
  [w, browser] = await Promise.all([startWebApp(), launch()]);
  b = new RecordBuilder(w.org);
  // Something on every role's to-do list (and in its screenshot).
  await b.dossier('draft');
  await b.dossier('returned');
  await b.dossier('submitted');
  await b.nomination('appraisal');
  await b.nomination('directorReview');
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await w?.close();
});
afterEach(async () => {
  const pages = open.splice(0);
  for (const p of pages) {
    const problems = [...p.problems];
    await p.close();
    expect(problems).toEqual([]);
  }
});

async function page(opts: { javaScriptEnabled?: boolean } = {}): Promise<Watched> {
  const p = await watchedPage(browser, w.t.baseUrl, opts);
  open.push(p);
  return p;
}

/** GOV.UK's script focuses the error summary once the page has loaded. */
async function focused(p: Watched, selector: string): Promise<void> {
  await p.page.waitForFunction((sel) => document.activeElement?.matches(sel) ?? false, selector, {
    timeout: 5000,
  });
}

const roles = ['clerk', 'office', 'council', 'director', 'admin'] as const;

test('sign in: a wrong password, then the right one, as every role; the to-do list', async () => {
  const p = await page();
  await p.page.goto('/');
  await p.page.waitForURL(/\/sign-in\?next=%2F$/);
  await expectAccessible(p.page);
  await screenshot(p.page, 'sign-in');

  // Blank fields: the form's own errors, focused summary.
  p.expectStatus(422, '/sign-in');
  await p.page.getByRole('button', { name: 'Đăng nhập' }).click();
  await p.page.waitForLoadState('load');
  await expect(p.page.title()).resolves.toMatch(/^Lỗi: Đăng nhập/);
  await focused(p, '.govuk-error-summary');

  for (const role of roles) {
    const username = w.org.usernames[role];
    p.expectStatus(401, '/sign-in');
    await p.page.getByLabel('Tên đăng nhập').fill(username);
    await p.page.getByLabel('Mật khẩu').fill('not-the-password');
    await p.page.getByRole('button', { name: 'Đăng nhập' }).click();
    await p.page.waitForLoadState('load');
    const summary = p.page.locator('.govuk-error-summary');
    await expect(summary.textContent()).resolves.toContain('Tên đăng nhập hoặc mật khẩu không đúng');
    await expectAccessible(p.page);
    if (role === 'clerk') await screenshot(p.page, 'sign-in-error');

    await p.page.getByLabel('Mật khẩu').fill(w.org.passwords[role]);
    await p.page.getByRole('button', { name: 'Đăng nhập' }).click();
    await p.page.waitForURL((u) => u.pathname === '/');
    await expect(p.page.locator('h1').textContent()).resolves.toBe('Việc cần làm');
    if (role !== 'admin')
      await expect(p.page.locator('.moj-identity-bar').textContent()).resolves.toContain(`Test ${username}`);
    await expectAccessible(p.page);
    await screenshot(p.page, `home-${role}`);
    await p.page.getByRole('button', { name: 'Đăng xuất' }).click();
    await p.page.waitForURL(/\/sign-in\?signedOut=1$/);
  }
}, 240_000);

test('the to-do list shows what waits, oldest first, with its deadline; the type filter works by htmx and without', async () => {
  const first = await b.dossier('submitted');
  const second = await b.dossier('submitted');
  const p = await page();
  await signIn(p, w.org.usernames.office, w.org.passwords.office);
  const rows = p.page.locator('#work-list tbody tr');
  const links = await rows
    .locator('td:first-child a')
    .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  expect(links.indexOf(`/dossiers/${first}`)).toBeLessThan(links.indexOf(`/dossiers/${second}`));
  const row = rows.filter({ has: p.page.locator(`a[href="/dossiers/${first}"]`) });
  await expect(row.textContent()).resolves.toMatch(/còn \d+ ngày làm việc|hết hạn cuối ngày hôm nay/);
  await expect(row.textContent()).resolves.toContain('Tiếp nhận');

  // htmx: only #work-list is fetched and swapped; the URL is pushed; Back restores the whole page.
  const request = p.page.waitForRequest((r) => r.url().endsWith('/?type=nomination'));
  await p.page.locator('#work-list nav a', { hasText: 'Đề nghị khen thưởng' }).click();
  const headers = (await request).headers();
  expect(headers['hx-request']).toBe('true');
  await p.page.waitForURL(/\?type=nomination$/);
  await p.page.locator('#work-list').waitFor();
  await expect(p.page.locator('#work-list').count()).resolves.toBe(1);
  await expect(p.page.locator('h1').count()).resolves.toBe(1);
  await p.page.goBack();
  await p.page.waitForURL((u) => u.search === '');
  await p.page.locator('#work-list').waitFor();
  await expect(p.page.locator('#work-list').count()).resolves.toBe(1);
  await expect(p.page.locator('h1').textContent()).resolves.toBe('Việc cần làm');
});

test('a record page: summary, actions, state diagram with the current state, timeline with the chain badge', async () => {
  const id = await b.dossier('returned');
  const p = await page();
  await signIn(p, w.org.usernames.clerk, w.org.passwords.clerk);
  await p.page.goto(`/dossiers/${id}`);
  await expect(p.page.locator('h1').textContent()).resolves.toBe('Hồ sơ returned');
  await expect(p.page.locator('svg #state-returned').count()).resolves.toBe(1);
  await expect(p.page.locator('figcaption').textContent()).resolves.toContain('Trả lại để bổ sung');
  await expect(p.page.locator('.moj-badge').textContent()).resolves.toBe('Lịch sử toàn vẹn');
  await expect(p.page.locator('.moj-timeline__item').count()).resolves.toBe(3);
  await expect(p.page.locator('.moj-timeline').textContent()).resolves.toContain('Thiếu biên bản');
  await expect(p.page.locator('.app-actions a').allTextContents()).resolves.toEqual(['Nộp lại', 'Rút hồ sơ']);
  await expectAccessible(p.page);
  await screenshot(p.page, 'record-dossier');

  // Another unit's clerk: 404, as the API answers.
  const other = await page();
  await signIn(other, w.org.usernames.otherClerk, w.org.passwords.otherClerk);
  other.expectStatus(404, `/dossiers/${id}`);
  const res = await other.page.goto(`/dossiers/${id}`);
  expect(res?.status()).toBe(404);
  await expect(other.page.locator('h1').textContent()).resolves.toBe('Không tìm thấy trang');
  await expectAccessible(other.page);
});

for (const javaScriptEnabled of [true, false]) {
  test(`an event through the generic form, JavaScript ${javaScriptEnabled ? 'on' : 'off'}: errors kept, then done`, async () => {
    const id = await b.dossier('submitted');
    const p = await page({ javaScriptEnabled });
    await signIn(p, w.org.usernames.office, w.org.passwords.office);
    await p.page.goto(`/dossiers/${id}`);
    await p.page.getByRole('button', { name: 'Trả lại để bổ sung' }).click();
    await p.page.waitForURL(new RegExp(`/dossiers/${id}/events/REQUEST_SUPPLEMENT$`));
    // axe runs in the page: only with JavaScript on (the markup is the same without).
    const accessible = () => (javaScriptEnabled ? expectAccessible(p.page) : Promise.resolve());
    await accessible();

    // A bad date and no reason: both errors, the date typed is kept.
    await p.page.getByLabel('Ngày').fill('31');
    await p.page.getByLabel('Tháng').fill('2');
    await p.page.getByLabel('Năm').fill('2027');
    p.expectStatus(422, `/dossiers/${id}/events`);
    await p.page.getByRole('button', { name: 'Xác nhận' }).click();
    await p.page.waitForLoadState('load');
    await expect(p.page.title()).resolves.toMatch(/^Lỗi: /);
    const summary = p.page.locator('.govuk-error-summary');
    await expect(summary.textContent()).resolves.toContain('Nhập lý do');
    await expect(summary.textContent()).resolves.toContain('Hạn bổ sung phải là một ngày có thật');
    if (javaScriptEnabled) await focused(p, '.govuk-error-summary');
    await expect(p.page.getByLabel('Ngày').inputValue()).resolves.toBe('31');
    await accessible();
    if (javaScriptEnabled) await screenshot(p.page, 'event-form-errors');

    await p.page.getByLabel('Lý do').fill('Thiếu biên bản họp bình xét của đơn vị');
    await p.page.getByLabel('Ngày').fill('26');
    await p.page.getByRole('button', { name: 'Xác nhận' }).click();
    await p.page.waitForURL(new RegExp(`/dossiers/${id}$`));
    await expect(p.page.locator('.govuk-notification-banner--success').textContent()).resolves.toContain(
      'Đã thực hiện: Trả lại để bổ sung.',
    );
    await expect(p.page.locator('.moj-timeline').textContent()).resolves.toContain(
      'Thiếu biên bản họp bình xét',
    );
    await expect(p.page.locator('.moj-timeline').textContent()).resolves.toContain('26/02/2027');
    await accessible();
    if (javaScriptEnabled) await screenshot(p.page, 'record-after-event');
  });
}

test('refused: a POST without the token, with a wrong one, from another origin or site', async () => {
  const id = await b.dossier('submitted');
  const p = await page();
  await signIn(p, w.org.usernames.office, w.org.passwords.office);
  const token = await p.page.locator('meta[name="csrf-token"]').getAttribute('content');
  const post = (form: Record<string, string>, headers: Record<string, string> = {}) =>
    p.context.request.post(`/dossiers/${id}/events/RECEIVE`, { form, headers, maxRedirects: 0 });
  expect((await post({})).status()).toBe(403);
  expect((await post({ _csrf: 'x'.repeat(43) })).status()).toBe(403);
  expect((await post({ _csrf: token! }, { origin: 'http://evil.example' })).status()).toBe(403);
  expect((await post({ _csrf: token! }, { 'sec-fetch-site': 'cross-site' })).status()).toBe(403);
  // htmx requests take the token from the header only, never from the body.
  expect((await post({ _csrf: token! }, { 'hx-request': 'true' })).status()).toBe(403);
  const refused = await post({});
  await expect(refused.text()).resolves.toContain('Biểu mẫu đã hết hạn');
  // And nothing happened.
  const d = must(await w.org.as.office.get(`/api/dossiers/${id}`), 200, 'dossier');
  expect(d.state).toBe('submitted');
  // The right token, same origin: done.
  const ok = await post({ _csrf: token! }, { origin: w.t.baseUrl });
  expect(ok.status()).toBe(303);
});

test('an XSS corpus in names, reasons and file names is shown as text', async () => {
  const corpus = [
    '<script>alert("tên")</script>',
    '"><img src=x onerror=alert(1)>',
    "<svg onload=alert('x')>",
    'Nguyễn Văn </td><b>Đậm</b> & "Ánh"',
  ];
  const campaignId = await b.openCampaign();
  const d = must(
    await w.org.as.clerk.post('/api/dossiers', { campaignId, title: corpus[0] }),
    201,
    'dossier',
  );
  for (const name of corpus)
    must(
      await w.org.as.clerk.post(`/api/dossiers/${d.id}/nominations`, {
        awardCode: 'LDTT',
        nominee: { kind: 'individual', fullName: name },
        summary: corpus[2],
      }),
      201,
      'nomination',
    );
  const form = new FormData();
  form.append('kind', 'coverLetter');
  form.append(
    'file',
    new Blob([new Uint8Array(Buffer.from('%PDF-1.4\n%%EOF\n'))], { type: 'application/pdf' }),
    `${corpus[1]}.pdf`,
  );
  must(
    await w.org.as.clerk.post(`/api/dossiers/${d.id}/attachments`, undefined, { raw: form }),
    201,
    'upload',
  );
  await b.attachAll(d.id as number);
  must(await w.org.as.clerk.post(`/api/dossiers/${d.id}/events`, { type: 'SUBMIT' }), 200, 'submit');
  must(
    await w.org.as.office.post(`/api/dossiers/${d.id}/events`, {
      type: 'REQUEST_SUPPLEMENT',
      reason: corpus[1],
    }),
    200,
    'return',
  );

  const p = await page();
  await signIn(p, w.org.usernames.clerk, w.org.passwords.clerk);
  for (const path of ['/', `/dossiers/${d.id}`]) {
    await p.page.goto(path);
    const text = await p.page.locator('main').textContent();
    for (const s of path === '/' ? [corpus[0]!] : corpus) expect(text).toContain(s);
    await expect(p.page.locator('main script, main img[src="x"], main svg[onload]').count()).resolves.toBe(0);
    await expect(p.page.locator('main b').count()).resolves.toBe(0);
  }
  const nomination = must(await w.org.as.clerk.get(`/api/dossiers/${d.id}`), 200, 'dossier').nominations[0];
  await p.page.goto(`/nominations/${nomination.id}`);
  await expect(p.page.locator('main').textContent()).resolves.toContain(corpus[2]);
  await screenshot(p.page, 'xss-as-text');
});

test('the language switch: English remembered for the user, and for an anonymous visitor by cookie', async () => {
  const p = await page();
  await p.page.goto('/sign-in');
  await p.page.getByRole('button', { name: 'English' }).click();
  await p.page.waitForURL(/\/sign-in$/);
  await expect(p.page.locator('html').getAttribute('lang')).resolves.toBe('en');
  await expect(p.page.locator('h1').textContent()).resolves.toBe('Sign in');
  await p.page.getByLabel('Username').fill(w.org.usernames.director);
  await p.page.getByLabel('Password').fill(w.org.passwords.director);
  await p.page.getByRole('button', { name: 'Sign in' }).click();
  await p.page.waitForURL((u) => u.pathname === '/');
  // Signed in, the user's own locale (vi) applies until they switch.
  await expect(p.page.locator('html').getAttribute('lang')).resolves.toBe('vi');
  await p.page.getByRole('button', { name: 'English' }).click();
  await p.page.waitForURL((u) => u.pathname === '/');
  await expect(p.page.locator('h1').textContent()).resolves.toBe('To do');
  await expectAccessible(p.page);
  await screenshot(p.page, 'home-director-en');
  const u = must(await w.org.as.admin.get(`/api/users/${w.org.userIds.director}`), 200, 'user');
  expect(u.locale).toBe('en');
  await p.page.getByRole('button', { name: 'Tiếng Việt' }).click();
  await p.page.waitForURL((u2) => u2.pathname === '/');
  await expect(p.page.locator('h1').textContent()).resolves.toBe('Việc cần làm');
});

test('change password: errors, then done; the old password no longer signs in', async () => {
  const p = await page();
  const user = await w.t.createUser({ username: 'doi.matkhau', roles: ['office'] });
  await signIn(p, 'doi.matkhau', user.password);
  await p.page.getByRole('link', { name: 'Đổi mật khẩu' }).click();
  await expectAccessible(p.page);
  p.expectStatus(422, '/account/password');
  await p.page.getByLabel('Mật khẩu hiện tại').fill('wrong-password');
  await p.page.getByLabel('Mật khẩu mới', { exact: true }).fill('mat-khau-moi-2026');
  await p.page.getByLabel('Nhập lại mật khẩu mới').fill('mat-khau-moi-2026');
  await p.page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
  await expect(p.page.locator('.govuk-error-summary').textContent()).resolves.toContain(
    'Mật khẩu hiện tại không đúng',
  );
  await p.page.getByLabel('Mật khẩu hiện tại').fill(user.password);
  await p.page.getByLabel('Mật khẩu mới', { exact: true }).fill('mat-khau-moi-2026');
  await p.page.getByLabel('Nhập lại mật khẩu mới').fill('mat-khau-moi-2026');
  await p.page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
  await p.page.waitForURL((u) => u.pathname === '/');
  await expect(p.page.locator('.govuk-notification-banner--success').textContent()).resolves.toContain(
    'Đã đổi mật khẩu',
  );
  const old = await w.t.anon.post('/api/auth/login', { username: 'doi.matkhau', password: user.password });
  expect(old.status).toBe(401);
});
