import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page, type Response } from 'playwright-core';

/**
 * The browser tests' harness: Debian's Chromium driven by playwright-core (never a browser download),
 * a page that records what must never happen — console errors, Content-Security-Policy violations,
 * unexpected responses ≥ 400, dialogs (an XSS that ran) — and helpers for axe and screenshots.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = join(__dirname, 'screenshots');

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM });
}

export interface Watched {
  page: Page;
  context: BrowserContext;
  /** Everything that went wrong so far. */
  problems: string[];
  /** Responses with these statuses (for this path prefix) are expected for the next navigation. */
  expectStatus(status: number, pathPrefix?: string): void;
  close(): Promise<void>;
}

export async function watchedPage(
  browser: Browser,
  baseUrl: string,
  opts: { javaScriptEnabled?: boolean } = {},
): Promise<Watched> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    javaScriptEnabled: opts.javaScriptEnabled ?? true,
    viewport: { width: 1280, height: 900 },
  });
  const page = await context.newPage();
  const problems: string[] = [];
  const expected: Array<{ status: number; prefix: string }> = [];
  // Reported by the page itself (an init script runs outside the page's CSP).
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  page.on('console', (m) => {
    // A response ≥ 400 is judged by the response check below (expected or not), not by its console line.
    if (
      m.type() === 'error' &&
      !/^Failed to load resource: the server responded with a status of \d+/.test(m.text())
    )
      problems.push(`console error: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('dialog', (d) => {
    problems.push(`dialog opened (script ran?): ${d.message()}`);
    void d.dismiss();
  });
  page.on('response', (r: Response) => {
    if (r.status() < 400) return;
    const path = new URL(r.url()).pathname;
    const i = expected.findIndex((e) => e.status === r.status() && path.startsWith(e.prefix));
    if (i >= 0) expected.splice(i, 1);
    else problems.push(`unexpected ${r.status()} for ${r.request().method()} ${path}`);
  });
  return {
    page,
    context,
    problems,
    expectStatus: (status, prefix = '/') => expected.push({ status, prefix }),
    close: () => context.close(),
  };
}

/** axe-core on the page as it is now: no serious or critical violation (WCAG 2.1 AA rules). */
export async function expectAccessible(page: Page): Promise<void> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const bad = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect({ url: page.url(), violations: bad }).toEqual({ url: page.url(), violations: [] });
}

/** A full-page screenshot in test/e2e/screenshots (git-ignored); `npm run screenshots` copies chosen ones to docs. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

export async function signIn(w: Watched, username: string, password: string): Promise<void> {
  await w.page.goto('/sign-in');
  await w.page.getByLabel('Tên đăng nhập').fill(username);
  await w.page.getByLabel('Mật khẩu').fill(password);
  await w.page.getByRole('button', { name: 'Đăng nhập' }).click();
  await w.page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
  await w.page.waitForLoadState('load');
}
