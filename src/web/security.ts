import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import helmet from 'helmet';
import { AppError } from '../errors';

/**
 * The pages' defences against cross-site requests, in the order they run:
 * 1. `sameOrigin` (headers only, so before any body is read, multipart included): a state-changing
 *    request whose `Sec-Fetch-Site` is neither `same-origin` nor `none`, or whose `Origin` is another
 *    origin, is refused;
 * 2. the synchroniser token of the session, taken from exactly one place per kind of request — the
 *    `X-CSRF-Token` header for htmx (`HX-Request: true`), the `_csrf` query parameter for a multipart form
 *    (its body is not read before the check), else the `_csrf` field of the url-encoded body — and never
 *    from another place as a fallback.
 * The token lives in the session (`req.session.csrfToken`, the API's too); an anonymous visitor gets one
 * when a page with a form is rendered (the sign-in form is protected too: no login CSRF).
 */
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export const isHtmx = (req: Request): boolean => req.get('hx-request') === 'true';

export const sameOrigin: RequestHandler = (req, _res, next) => {
  if (SAFE.has(req.method)) return next();
  const site = req.get('sec-fetch-site');
  if (site !== undefined && site !== 'same-origin' && site !== 'none')
    return next(new AppError('FORBIDDEN', 'cross-site request refused', { extra: { csrf: true } }));
  const origin = req.get('origin');
  if (origin !== undefined && origin !== 'null' && origin !== `${req.protocol}://${req.get('host') ?? ''}`)
    return next(new AppError('FORBIDDEN', 'cross-origin request refused', { extra: { csrf: true } }));
  if (origin === 'null')
    return next(new AppError('FORBIDDEN', 'opaque-origin request refused', { extra: { csrf: true } }));
  next();
};

/** The session's CSRF token, made now if the session has none (the session is then saved). */
export function csrfTokenOf(req: Request): string {
  const s = req.session as (typeof req.session & { csrfToken?: string }) | undefined;
  if (!s) throw new Error('the pages need the session middleware');
  s.csrfToken ??= randomBytes(32).toString('base64url');
  return s.csrfToken;
}

/** Where this request's token is (one place per kind of request, no fallback). */
function givenToken(req: Request): unknown {
  if (isHtmx(req)) return req.get('x-csrf-token');
  if (req.is('multipart/form-data')) return (req.query as Record<string, unknown>)._csrf;
  return (req.body as Record<string, unknown> | undefined)?._csrf;
}

export const checkCsrfToken: RequestHandler = (req, _res, next) => {
  if (SAFE.has(req.method)) return next();
  const expected = req.session?.csrfToken;
  const given = givenToken(req);
  const ok =
    typeof expected === 'string' &&
    typeof given === 'string' &&
    given.length === expected.length &&
    timingSafeEqual(Buffer.from(given), Buffer.from(expected));
  next(ok ? undefined : new AppError('FORBIDDEN', 'missing or wrong CSRF token', { extra: { csrf: true } }));
};

/**
 * The pages' Content-Security-Policy: everything from our origin, nothing inline (no inline script or
 * style, no `style` attributes, no event-handler attributes: htmx's settle step is off, see the layout).
 */
const csp = helmet.contentSecurityPolicy({
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    scriptSrcAttr: ["'none'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    fontSrc: ["'self'"],
    connectSrc: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    baseUri: ["'none'"],
    objectSrc: ["'none'"],
  },
});

/**
 * The pages' headers: the CSP above, and `Referrer-Policy: same-origin` instead of helmet's `no-referrer`
 * (under `no-referrer` Chromium sends `Origin: null` with a form POST, which `sameOrigin` must refuse).
 */
export const pageCsp: RequestHandler = (req, res, next) => {
  res.setHeader('Referrer-Policy', 'same-origin');
  csp(req, res, next);
};
