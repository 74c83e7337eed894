import express, { type Router } from 'express';
import { isAppError } from '../../errors';
import { listAwards } from '../../workflow/catalogue/list-awards';
import {
  listDirectorQueue,
  type NominationPage,
  PER_PAGE_CHOICES,
} from '../../workflow/director/nomination-lists';
import { sendBulkEvents } from '../../workflow/engine/send-bulk-events';
import type { WorkingCalendar } from '../../domain/calendar';
import { Button, NotificationBanner, Pagination, Select, Table, Textarea } from '../components';
import type { WebDeps } from '../deps';
import { formatDate } from '../format';
import { awardFilterItems, type FieldError, FormErrors, titleWithErrors } from '../forms';
import { labelIn } from '../i18n';
import { CsrfField } from '../layout';
import { contextOf, type LayoutData, page, type PageContext, requireUser, send } from '../page';
import { recordPath } from '../records';
import { checkCsrfToken, sameOrigin } from '../security';
import { Deadline } from './home.page';

/**
 * The director's approval queue (`/director/queue`): nominations waiting in `directorReview`, oldest
 * first, filtered by award, paginated (up to 300 a page), each with a checkbox; MOJ's multi-select adds
 * "select all" with JavaScript. One form sends the ticked ids with the chosen action (approve, reject or
 * send back with a reason) to `sendBulkEvents` — the use case behind `POST /api/nominations/bulk-events` —
 * then 303 back to the same page with what was done. Without JavaScript: the same checkboxes and buttons.
 */
const ACTIONS = ['APPROVE', 'REJECT', 'SEND_BACK'] as const;
type Action = (typeof ACTIONS)[number];

interface QueueQuery {
  awardCode: string | undefined;
  page: number;
  perPage: number;
}

function queueQuery(q: Record<string, unknown>): QueueQuery {
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const award = str(q.awardCode);
  const perPage = Number(str(q.perPage));
  const pageNo = Number(str(q.page));
  return {
    awardCode: award && /^[A-Z0-9_]{1,32}$/.test(award) ? award : undefined,
    perPage: (PER_PAGE_CHOICES as readonly number[]).includes(perPage) ? perPage : 50,
    page: Number.isInteger(pageNo) && pageNo >= 1 && pageNo <= 100_000 ? pageNo : 1,
  };
}

const queueHref = (q: QueueQuery, pageNo = q.page): string => {
  const p = new URLSearchParams();
  if (q.awardCode) p.set('awardCode', q.awardCode);
  if (q.perPage !== 50) p.set('perPage', String(q.perPage));
  if (pageNo > 1) p.set('page', String(pageNo));
  const s = p.toString();
  return `/director/queue${s ? `?${s}` : ''}`;
};

function QueueBody({
  ctx,
  q,
  list,
  awards,
  calendar,
  errors,
  reason,
  selected,
}: {
  ctx: PageContext;
  q: QueueQuery;
  list: NominationPage;
  awards: Array<{ code: string; name: { vi: string; en: string } }>;
  calendar: WorkingCalendar;
  errors: FieldError[];
  reason: string;
  selected: ReadonlySet<number>;
}) {
  const m = ctx.m.director;
  const pages = Math.max(1, Math.ceil(list.total / list.perPage));
  const from = (list.page - 1) * list.perPage + 1;
  const exportHref = `/api/nominations/export.xlsx?state=directorReview${q.awardCode ? `&awardCode=${q.awardCode}` : ''}`;
  return (
    <>
      <FormErrors errors={errors} m={ctx.m} />
      {ctx.flash ? <NotificationBanner type="success" text={ctx.flash} /> : null}
      <h1 class="govuk-heading-l">{m.title}</h1>
      <p class="govuk-body">{m.intro}</p>
      <form method="get" action="/director/queue" class="app-filter-row">
        <div class="govuk-grid-row">
          <div class="govuk-grid-column-one-half">
            <Select
              name="awardCode"
              id="awardCode"
              label={{ text: m.award }}
              value={q.awardCode ?? ''}
              items={awardFilterItems(awards, ctx.locale, m.anyOption)}
            />
          </div>
          <div class="govuk-grid-column-one-quarter">
            <Select
              name="perPage"
              id="perPage"
              label={{ text: m.perPage }}
              value={String(q.perPage)}
              items={PER_PAGE_CHOICES.map((n) => ({ value: String(n), text: String(n) }))}
            />
          </div>
        </div>
        <Button text={m.apply} classes="govuk-button--secondary" />
      </form>
      <p class="govuk-body">
        <a class="govuk-link" href={exportHref} download>
          {m.exportLink}
        </a>
      </p>
      {list.items.length === 0 ? (
        <p class="govuk-body">{m.empty}</p>
      ) : (
        <form method="post" action="/director/queue" novalidate>
          <CsrfField token={ctx.csrf()} />
          {q.awardCode ? <input type="hidden" name="awardCode" value={q.awardCode} /> : null}
          <input type="hidden" name="perPage" value={String(q.perPage)} />
          <input type="hidden" name="page" value={String(q.page)} />
          <p class="govuk-body" id="queue-count">
            {m.shown(from, from + list.items.length - 1, list.total)}
          </p>
          <div
            data-module="moj-multi-select"
            data-multi-select-checkbox="#select-all"
            class={
              errors.some((e) => e.field === 'ids') ? 'govuk-form-group govuk-form-group--error' : undefined
            }
            id="ids"
          >
            {errors.some((e) => e.field === 'ids') ? (
              <p class="govuk-error-message">
                <span class="govuk-visually-hidden">{ctx.m.common.errorPrefix}:</span> {m.noneSelected}
              </p>
            ) : null}
            <Table
              caption={m.caption}
              captionClasses="govuk-visually-hidden"
              head={[
                {
                  attributes: { id: 'select-all' },
                  children: <span class="govuk-visually-hidden">{m.select}</span>,
                },
                { text: m.nominee },
                { text: m.award },
                { text: m.unit },
                { text: m.waitingSince },
                { text: m.deadline },
              ]}
              rows={list.items.map((n) => [
                {
                  children: (
                    <div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
                      <div class="govuk-checkboxes__item">
                        <input
                          class="govuk-checkboxes__input"
                          id={`n-${n.id}`}
                          name="ids"
                          type="checkbox"
                          value={String(n.id)}
                          checked={selected.has(n.id)}
                        />
                        <label class="govuk-label govuk-checkboxes__label" for={`n-${n.id}`}>
                          <span class="govuk-visually-hidden">{m.selectOne(n.nomineeName)}</span>
                        </label>
                      </div>
                    </div>
                  ),
                },
                {
                  classes: 'app-wrap',
                  children: (
                    <>
                      <a class="govuk-link" href={recordPath('nomination', n.id)}>
                        {n.nomineeName}
                      </a>
                      {n.nomineePosition ? (
                        <span class="govuk-hint govuk-!-display-block govuk-!-margin-bottom-0">
                          {n.nomineePosition}
                        </span>
                      ) : null}
                    </>
                  ),
                },
                { classes: 'app-wrap', text: labelIn(n.awardName, ctx.locale, n.awardCode) },
                { classes: 'app-wrap', text: n.unitName },
                { children: <time datetime={n.since}>{formatDate(n.since, ctx.timeZone)}</time> },
                { children: <Deadline dueAt={n.dueAt} ctx={ctx} calendar={calendar} /> },
              ])}
            />
          </div>
          {pages > 1 ? (
            <Pagination
              {...(list.page > 1 ? { previous: { href: queueHref(q, list.page - 1) } } : {})}
              {...(list.page < pages ? { next: { href: queueHref(q, list.page + 1) } } : {})}
              items={Array.from({ length: pages }, (_, i) => i + 1)
                .filter((p) => p === 1 || p === pages || Math.abs(p - list.page) <= 2)
                .map((p) => ({ number: String(p), href: queueHref(q, p), current: p === list.page }))}
            />
          ) : null}
          <h2 class="govuk-heading-m">{m.actionsHeading}</h2>
          <Textarea
            name="reason"
            id="reason"
            rows={3}
            label={{ text: m.reason }}
            hint={{ text: m.reasonHint }}
            value={reason}
            errorMessage={errors.some((e) => e.field === 'reason') ? { text: m.reasonRequired } : undefined}
          />
          <div class="govuk-button-group">
            <Button text={m.approve} name="action" value="APPROVE" preventDoubleClick />
            <Button text={m.reject} name="action" value="REJECT" classes="govuk-button--warning" />
            <Button text={m.sendBack} name="action" value="SEND_BACK" classes="govuk-button--secondary" />
          </div>
        </form>
      )}
    </>
  );
}

export function registerDirector(
  router: Router,
  deps: WebDeps,
  layoutData: (ctx: PageContext) => Promise<LayoutData>,
): void {
  const render = async (
    ctx: PageContext,
    q: QueueQuery,
    opts: { errors?: FieldError[]; reason?: string; selected?: ReadonlySet<number> } = {},
  ) => {
    const { actor } = requireUser(ctx);
    const [list, awards, calendar] = await Promise.all([
      listDirectorQueue(deps.engine, actor, q.awardCode ? { awardCode: q.awardCode } : {}, q),
      listAwards(deps.engine),
      deps.engine.calendar(),
    ]);
    const errors = opts.errors ?? [];
    return {
      title: titleWithErrors(ctx.m.director.title, errors, ctx.m),
      nav: 'director',
      ...(errors.length ? { status: 422 } : {}),
      body: (
        <QueueBody
          ctx={ctx}
          q={q}
          list={list}
          awards={awards}
          calendar={calendar}
          errors={errors}
          reason={opts.reason ?? ''}
          selected={opts.selected ?? new Set()}
        />
      ),
    };
  };

  router.get(
    '/director/queue',
    page(deps, layoutData, (ctx) => render(ctx, queueQuery(ctx.req.query))),
  );

  // A page of up to 300 checkboxes: a larger parameter limit than the pages' usual form parser.
  const bulkForm = [
    sameOrigin,
    express.urlencoded({ extended: false, limit: '128kb', parameterLimit: 400 }),
    checkCsrfToken,
  ];
  router.post('/director/queue', ...bulkForm, async (req, res, next) => {
    const ctx = contextOf(req, res, deps);
    try {
      const { actor } = requireUser(ctx);
      const body = (req.body ?? {}) as Record<string, unknown>;
      const q = queueQuery(body);
      const rawIds = Array.isArray(body.ids)
        ? (body.ids as unknown[])
        : body.ids === undefined
          ? []
          : [body.ids];
      const ids = rawIds
        .map((v) => (typeof v === 'string' && /^\d{1,10}$/.test(v) ? Number(v) : NaN))
        .filter((n) => Number.isInteger(n) && n > 0);
      const action = (ACTIONS as readonly string[]).includes(String(body.action))
        ? (body.action as Action)
        : 'APPROVE';
      const reason = typeof body.reason === 'string' ? body.reason.normalize('NFC').trim() : '';
      const m = ctx.m.director;
      const errors: FieldError[] = [];
      if (ids.length === 0) errors.push({ field: 'ids', href: 'ids', text: m.noneSelected });
      if (action !== 'APPROVE' && !reason)
        errors.push({ field: 'reason', href: 'reason', text: m.reasonRequired });
      if (errors.length) {
        await send(ctx, await render(ctx, q, { errors, reason, selected: new Set(ids) }), () =>
          layoutData(ctx),
        );
        return;
      }
      let results;
      try {
        ({ results } = await sendBulkEvents(deps.engine, actor, 'nomination', {
          type: action,
          ids,
          ...(action === 'APPROVE' ? {} : { reason }),
        }));
      } catch (e) {
        if (!isAppError(e) || e.code !== 'VALIDATION_FAILED') throw e;
        const reasonError = (e.errors ?? []).some((f) => f.field === 'reason');
        const err: FieldError = reasonError
          ? { field: 'reason', href: 'reason', text: m.reasonRequired }
          : { field: 'ids', href: 'ids', text: m.noneSelected };
        await send(ctx, await render(ctx, q, { errors: [err], reason, selected: new Set(ids) }), () =>
          layoutData(ctx),
        );
        return;
      }
      const ok = results.filter((r) => r.ok).length;
      const label = { APPROVE: m.approve, REJECT: m.reject, SEND_BACK: m.sendBack }[action];
      const back = queueHref({ ...q, page: 1 });
      await send(ctx, { redirect: back, flash: m.done(ok, results.length - ok, label) }, () =>
        layoutData(ctx),
      );
    } catch (e) {
      next(e);
    }
  });
}
