import type { Request, RequestHandler, Response } from 'express';
import { render } from 'preact-render-to-string';
import type { Role } from '../../machines/contract';
import type { UserRecord } from '../workflow/types';
import { AppError } from '../errors';
import type { Actor } from '../workflow/types';
import type { WebDeps } from './deps';
import type { LayoutData, PageContext, PageResult } from './page-types';
import { isLocale, type Locale, messages } from './i18n';
import { Layout } from './layout';
import { setFlash, takeFlash } from './flash';
import { csrfTokenOf, isHtmx } from './security';

export type { LayoutData, PageContext, PageResult, PostGuards } from './page-types';

export const LANG_COOKIE = 'lang';

export function cookieValue(req: Request, name: string): string | undefined {
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return decodeURIComponent(part.slice(i + 1).trim());
  }
  return undefined;
}

/** The user's language when signed in, else the `lang` cookie, else Vietnamese. */
export function localeOf(req: Request): Locale {
  const user = req.auth?.via === 'session' ? req.auth.user : undefined;
  if (user && isLocale(user.locale)) return user.locale;
  const c = cookieValue(req, LANG_COOKIE);
  return isLocale(c) ? c : 'vi';
}

export function contextOf(req: Request, res: Response, deps: WebDeps): PageContext {
  const locale = localeOf(req);
  const session = req.auth?.via === 'session' ? req.auth : undefined;
  const flash = takeFlash(req);
  return {
    req,
    res,
    deps,
    locale,
    m: messages(locale),
    user: session?.user ?? null,
    actor: session?.actor ?? null,
    now: deps.engine.now(),
    timeZone: deps.config.TZ_BUSINESS,
    csrf: () => csrfTokenOf(req),
    flash,
  };
}

/**
 * Whether to answer only a fragment: an htmx request aimed at `#targetId` (htmx 4 sends `HX-Target` as
 * `tag#id`), and not a history restore — Back re-fetches the URL with `HX-Request` too, and must get the
 * whole page.
 */
export function wantsFragment(req: Request, targetId: string): boolean {
  if (!isHtmx(req) || req.get('hx-history-restore-request') === 'true') return false;
  const target = req.get('hx-target') ?? '';
  return target === `#${targetId}` || target.endsWith(`#${targetId}`) || target === targetId;
}

/** Headers of every page that may show personal data: never stored, and varying by the htmx headers. */
export function privatePage(res: Response): void {
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Vary', 'HX-Request, HX-Target, HX-History-Restore-Request');
}

export async function send(ctx: PageContext, result: PageResult, layoutData: () => Promise<LayoutData>) {
  const { req, res } = ctx;
  if ('redirect' in result) {
    if (result.flash && req.session) setFlash(req, result.redirect, result.flash);
    if (isHtmx(req)) {
      res.setHeader('HX-Redirect', result.redirect);
      res.status(204).end();
      return;
    }
    res.redirect(303, result.redirect);
    return;
  }
  privatePage(res);
  res.status(result.status ?? 200).type('html');
  if (result.fragment && wantsFragment(req, result.fragment.targetId)) {
    res.send(render(result.fragment.body));
    return;
  }
  const data = await layoutData();
  const html = render(
    <Layout ctx={ctx} title={result.title} data={data} backLink={result.backLink} nav={result.nav}>
      {result.body}
    </Layout>,
  );
  res.send(`<!DOCTYPE html>${html}`);
}

/** An Express handler for a page. Errors go to the pages' error handler (rendered in the layout). */
export function page(
  deps: WebDeps,
  layoutData: (ctx: PageContext) => Promise<LayoutData>,
  handler: (ctx: PageContext) => Promise<PageResult> | PageResult,
): RequestHandler {
  return async (req, res, next) => {
    try {
      const ctx = contextOf(req, res, deps);
      const result = await handler(ctx);
      await send(ctx, result, () => layoutData(ctx));
    } catch (e) {
      next(e);
    }
  };
}

/** The signed-in caller, or UNAUTHENTICATED (the pages' error handler sends them to sign in and back). */
export function requireUser(ctx: PageContext): { user: UserRecord; actor: Actor } {
  if (!ctx.user || !ctx.actor) throw new AppError('UNAUTHENTICATED', 'Sign in to see this page');
  return { user: ctx.user, actor: ctx.actor };
}

export const hasRole = (ctx: PageContext, ...roles: Role[]): boolean =>
  ctx.actor?.roles.some((r) => roles.includes(r)) ?? false;

/** A local path to come back to after signing in: only our own paths (no `//host`, no scheme). */
export function safeReturnPath(v: unknown, opts: { signInPages?: boolean } = {}): string | null {
  if (typeof v !== 'string' || !v.startsWith('/') || v.startsWith('//') || v.startsWith('/\\')) return null;
  if (/[\r\n]/.test(v) || v.length > 500) return null;
  if (!opts.signInPages && (v.startsWith('/sign-in') || v.startsWith('/sign-out'))) return null;
  return v;
}
