import type { Browser } from 'playwright-core';
import { must, RecordBuilder } from '../helpers/api-org';
import { startWebApp, type WebApp } from '../helpers/web-app';
import { expectAccessible, launch, screenshot, signIn, type Watched, watchedPage } from './browser';

/**
 * The director's approval queue in Chromium: select all with MOJ's multi-select, approve in one request,
 * the queue empties and each nomination is awaiting its decision; a reason is required to send back;
 * the reports page with its charts and the public notice page (no sign-in). axe on each page; any
 * console error, CSP violation or unexpected ≥ 400 fails the test.
 */
jest.setTimeout(240_000);
let w: WebApp;
let browser: Browser;
let b: RecordBuilder;
let queued: number[] = [];
let spare: number;
const open: Watched[] = [];

beforeAll(async () => {
  [w, browser] = await Promise.all([startWebApp(), launch()]);
  b = new RecordBuilder(w.org);
  const { nominations } = await b.dossierWith('accepted', Array(7).fill('LDTT') as string[]);
  for (const id of nominations)
    await b.event(w.org.as.office, 'nomination', id, {
      type: 'APPRAISE',
      eligible: true,
      overrideReason: 'Đã kiểm tra hồ sơ giấy',
    });
  spare = nominations.pop()!;
  queued = nominations;
  await b.nomination('publicNotice');
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await w?.close();
});
afterEach(async () => {
  for (const p of open.splice(0)) {
    const problems = [...p.problems];
    await p.close();
    expect(problems).toEqual([]);
  }
});

const text = async (p: Watched, selector: string): Promise<string> =>
  (await p.page.locator(selector).first().textContent()) ?? '';

async function page(opts: { javaScriptEnabled?: boolean } = {}): Promise<Watched> {
  const p = await watchedPage(browser, w.t.baseUrl, opts);
  open.push(p);
  return p;
}

test('the director selects all on the page and approves them in one request', async () => {
  const d = await page();
  await signIn(d, w.org.usernames.director, w.org.passwords.director);
  await d.page.getByRole('link', { name: 'Phê duyệt', exact: true }).click();
  await d.page.waitForURL('**/director/queue');
  expect(await text(d, '#queue-count')).toContain('trên tổng số 7');
  await expectAccessible(d.page);
  await screenshot(d.page, 'director-queue');

  // Sending back without a reason: the error summary, nothing changes.
  await d.page.locator(`#n-${spare}`).check();
  d.expectStatus(422, '/director/queue');
  await d.page.getByRole('button', { name: 'Trả lại thẩm định' }).click();
  await d.page.waitForLoadState('load');
  expect(await text(d, '.govuk-error-summary')).toContain('Nhập lý do');
  await expectAccessible(d.page);
  await screenshot(d.page, 'director-queue-error');
  await d.page.locator(`#n-${spare}`).uncheck();

  // Select all (MOJ's multi-select), then untick the spare one: six approved in one POST.
  const posts: string[] = [];
  d.page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().includes('/director/queue')) posts.push(r.postData() ?? '');
  });
  // GOV.UK draws the box on the label's ::before (the label itself has no size): click the input.
  await d.page.locator('#checkboxes-all').check({ force: true });
  await expect(d.page.locator('#checkboxes-all').isChecked()).resolves.toBe(true);
  await d.page.locator(`#n-${spare}`).uncheck();
  await d.page.getByRole('button', { name: 'Phê duyệt', exact: true }).click();
  await d.page.waitForURL('**/director/queue');
  await d.page.waitForLoadState('load');
  expect(posts).toHaveLength(1);
  expect(new URLSearchParams(posts[0]).getAll('ids').map(Number).sort()).toEqual([...queued].sort());
  expect(await text(d, '.govuk-notification-banner--success')).toContain('Phê duyệt: 6 đề nghị.');
  expect(await text(d, '#queue-count')).toContain('trên tổng số 1');
  await expectAccessible(d.page);
  await screenshot(d.page, 'director-queue-done');
  for (const id of queued)
    expect(must(await w.org.as.director.get(`/api/nominations/${id}`), 200, 'read').state).toBe(
      'awaitingDecision',
    );
});

test('without JavaScript: tick one, send back with a reason', async () => {
  const d = await page({ javaScriptEnabled: false });
  await signIn(d, w.org.usernames.director, w.org.passwords.director);
  await d.page.goto('/director/queue');
  await d.page.locator(`#n-${spare}`).check();
  await d.page.getByLabel('Lý do').fill('Cần bổ sung <b>minh chứng</b>');
  await d.page.getByRole('button', { name: 'Trả lại thẩm định' }).click();
  await d.page.waitForURL('**/director/queue');
  expect(await text(d, '.govuk-notification-banner--success')).toContain('Trả lại thẩm định: 1 đề nghị.');
  const n = must(await w.org.as.director.get(`/api/nominations/${spare}`), 200, 'read');
  expect(n.state).toBe('appraisal');
});

test('reports: charts with their tables; the public notice page without signing in', async () => {
  const o = await page();
  await signIn(o, w.org.usernames.office, w.org.passwords.office);
  await o.page.goto('/reports');
  expect((await text(o, '#chart-state svg title')).trim()).toBe('Đề nghị theo trạng thái');
  await o.page.locator('#chart-state-table summary').click();
  expect(await text(o, '#chart-state-table table')).toContain('Chờ ra quyết định');
  await expectAccessible(o.page);
  await screenshot(o.page, 'reports-overview');

  const anon = await page();
  await anon.page.goto('/cong-khai');
  expect((await anon.page.getByRole('heading', { level: 1 }).textContent())?.trim()).toBe(
    'Công khai danh sách đề nghị khen thưởng',
  );
  expect(await text(anon, '#notice-total')).toContain('1 đề nghị');
  await expectAccessible(anon.page);
  await screenshot(anon.page, 'reports-public-notice');
});
