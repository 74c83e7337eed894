import type { Router } from 'express';
import { listUnderNotice } from '../../workflow/director/nomination-lists';
import { InsetText, Pagination, Table } from '../components';
import type { WebDeps } from '../deps';
import { formatDate } from '../format';
import { labelIn } from '../i18n';
import { type LayoutData, page, type PageContext } from '../page';

/**
 * The public notice (`/cong-khai`), open without signing in: the nominations under notice with their
 * notice period, as the law asks them published before the council considers them (name, position,
 * unit, award, achievements in brief). Objections are not filed from here: they go in writing to the
 * office, which records each with FILE_OBJECTION (README, "Public notice and objections").
 */
const PER_PAGE = 50;

export function registerPublicNotice(
  router: Router,
  deps: WebDeps,
  layoutData: (ctx: PageContext) => Promise<LayoutData>,
): void {
  router.get(
    '/cong-khai',
    page(deps, layoutData, async (ctx) => {
      const m = ctx.m.publicNotice;
      const n = Number(typeof ctx.req.query.page === 'string' ? ctx.req.query.page : 1);
      const pageNo = Number.isInteger(n) && n >= 1 && n <= 10_000 ? n : 1;
      const list = await listUnderNotice(deps.engine, { page: pageNo, perPage: PER_PAGE });
      const pages = Math.max(1, Math.ceil(list.total / PER_PAGE));
      const href = (p: number) => (p > 1 ? `/cong-khai?page=${p}` : '/cong-khai');
      return {
        title: m.title,
        nav: 'publicNotice',
        body: (
          <>
            <h1 class="govuk-heading-l">{m.title}</h1>
            <p class="govuk-body">{m.intro}</p>
            <InsetText text={m.howToComment} />
            {list.items.length === 0 ? (
              <p class="govuk-body">{m.empty}</p>
            ) : (
              <>
                <p class="govuk-body" id="notice-total">
                  {m.total(list.total)}
                </p>
                <Table
                  caption={m.caption}
                  captionClasses="govuk-visually-hidden"
                  head={[
                    { text: m.nominee },
                    { text: m.unit },
                    { text: m.award },
                    { text: m.achievements },
                    { text: m.period },
                  ]}
                  rows={list.items.map((i) => [
                    {
                      classes: 'app-wrap',
                      children: (
                        <>
                          <strong>{i.nomineeName}</strong>
                          <span class="govuk-hint govuk-!-display-block govuk-!-margin-bottom-0">
                            {i.nomineeKind === 'collective' ? m.collective : (i.nomineePosition ?? '')}
                          </span>
                        </>
                      ),
                    },
                    { classes: 'app-wrap', text: i.unitName },
                    { classes: 'app-wrap', text: labelIn(i.awardName, ctx.locale, '') },
                    { classes: 'app-wrap', text: i.summary },
                    {
                      text: i.until
                        ? m.periodText(formatDate(i.from, ctx.timeZone), formatDate(i.until, ctx.timeZone))
                        : m.periodFrom(formatDate(i.from, ctx.timeZone)),
                    },
                  ])}
                />
                {pages > 1 ? (
                  <Pagination
                    {...(pageNo > 1 ? { previous: { href: href(pageNo - 1) } } : {})}
                    {...(pageNo < pages ? { next: { href: href(pageNo + 1) } } : {})}
                  />
                ) : null}
              </>
            )}
          </>
        ),
      };
    }),
  );
}
