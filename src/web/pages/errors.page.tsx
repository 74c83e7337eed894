import type { ErrorRequestHandler } from 'express';
import { isAppError } from '../../errors';
import { contextOf, type LayoutData, type PageContext, send } from '../page';
import { isHtmx } from '../security';
import type { WebDeps } from '../deps';

/**
 * Errors of the pages, rendered in the layout: 404 (also for another unit's records, which the engine
 * answers as not found), 403 (a role's limit, or a refused cross-site request), 413, and 500 without any
 * internals (the request id only, to quote). An anonymous visitor of a signed-in page is sent to sign in
 * and brought back after.
 */
export function errorPage(ctx: PageContext, status: number) {
  const m = ctx.m;
  const [title, text] =
    status === 404
      ? [m.errors.notFoundTitle, m.errors.notFoundBody]
      : status === 403
        ? [m.errors.forbiddenTitle, m.errors.forbiddenBody]
        : status === 419
          ? [m.errors.csrfTitle, m.errors.csrfBody]
          : status === 413
            ? [m.errors.tooLargeTitle, '']
            : [m.errors.internalTitle, m.errors.internalBody];
  const id = (ctx.req as { id?: unknown }).id;
  const requestId = typeof id === 'string' || typeof id === 'number' ? String(id) : '';
  return {
    title,
    status: status === 419 ? 403 : status,
    body: (
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <h1 class="govuk-heading-l">{title}</h1>
          {text ? <p class="govuk-body">{text}</p> : null}
          {status >= 500 && requestId ? <p class="govuk-body">{m.common.requestId(requestId)}</p> : null}
          {ctx.user ? (
            <p class="govuk-body">
              <a class="govuk-link" href="/">
                {m.errors.goHome}
              </a>
            </p>
          ) : null}
        </div>
      </div>
    ),
  };
}

export function pageErrorHandler(
  deps: WebDeps,
  layoutData: (ctx: PageContext) => Promise<LayoutData>,
): ErrorRequestHandler {
  return (e: unknown, req, res, next) => {
    if (res.headersSent) return next(e);
    const ctx = contextOf(req, res, deps);
    const known = isAppError(e) ? e : null;
    if (known?.code === 'UNAUTHENTICATED') {
      const back = req.method === 'GET' ? req.originalUrl : '/';
      const to = `/sign-in?next=${encodeURIComponent(back)}`;
      if (isHtmx(req)) {
        res.setHeader('HX-Redirect', to);
        res.status(204).end();
      } else res.redirect(303, to);
      return;
    }
    let status = known ? known.status : 500;
    if (known?.code === 'FORBIDDEN' && known.extra?.csrf === true) status = 419;
    else if (known?.code === 'RATE_LIMITED') status = 429;
    else if (!known || status >= 500) {
      res.err = e instanceof Error ? e : new Error(String(e));
      status = 500;
    } else if (![403, 404, 413].includes(status)) status = 404;
    const result = errorPage(ctx, status === 429 ? 403 : status);
    send(ctx, result, () => layoutData(ctx)).catch((err: unknown) => next(err));
  };
}
