import type { Router } from 'express';
import { recordTypes, type RecordType } from '../../../machines/contract';
import type { WorkingCalendar } from '../../domain/calendar';
import { listMyWork, type WorkList } from '../../workflow/list-my-work';
import { NotificationBanner, Table, Tag } from '../components';
import type { WebDeps } from '../deps';
import { describeDeadline, formatDate, formatDateTime } from '../format';
import { labelIn } from '../i18n';
import { type LayoutData, page, type PageContext, requireUser } from '../page';
import { eventPath, recordPath } from '../records';
import { DEMO_MAILBOX_PATH } from './demo-mailbox.page';

/**
 * "Việc cần làm": what waits for the signed-in user, oldest first, each with its deadline as a date and
 * as working days left or a red "Quá hạn N ngày". A filter by kind of record (links that work without
 * JavaScript; with it, htmx swaps only `#work-list` and pushes the URL).
 */
export function Deadline({
  dueAt,
  ctx,
  calendar,
}: {
  dueAt: string | null;
  ctx: PageContext;
  calendar: WorkingCalendar;
}) {
  if (!dueAt) return <span class="app-deadline">{ctx.m.deadline.none}</span>;
  const d = describeDeadline(dueAt, ctx.now, calendar, ctx.m);
  return (
    <span class="app-deadline">
      <time datetime={d.isoDate}>{d.date}</time>
      {d.overdue ? (
        <>
          {' '}
          <Tag classes="govuk-tag--red" text={d.text} />
        </>
      ) : (
        <span class="app-deadline__left">{d.text}</span>
      )}
    </span>
  );
}

function WorkTable({
  ctx,
  work,
  calendar,
  type,
}: {
  ctx: PageContext;
  work: WorkList;
  calendar: WorkingCalendar;
  type: RecordType | undefined;
}) {
  const m = ctx.m;
  const filterLink = (t: RecordType | undefined, text: string) => {
    const href = t ? `/?type=${t}` : '/';
    const current = t === type;
    return (
      <li class="govuk-!-display-inline-block govuk-!-margin-right-4">
        <a
          class="govuk-link govuk-link--no-visited-state"
          href={href}
          aria-current={current ? 'true' : undefined}
          hx-get={href}
          hx-target="#work-list"
          hx-swap="outerHTML"
          hx-push-url="true"
        >
          {current ? <strong>{text}</strong> : text}
        </a>
      </li>
    );
  };
  return (
    <div id="work-list">
      <nav aria-label={m.home.byType}>
        <ul class="govuk-list">
          {filterLink(undefined, m.home.all)}
          {recordTypes.map((t) => filterLink(t, m.recordTypes[t]))}
        </ul>
      </nav>
      {work.items.length === 0 ? (
        <p class="govuk-body">{m.home.empty}</p>
      ) : (
        <>
          <p class="govuk-body">{m.home.shown(work.items.length, work.total)}</p>
          <Table
            caption={m.home.caption}
            captionClasses="govuk-visually-hidden"
            head={[
              { text: m.home.record },
              { text: m.home.state },
              { text: m.home.waitingSince },
              { text: m.home.deadline },
              { text: m.home.actions },
            ]}
            rows={work.items.map((i) => [
              {
                classes: 'app-wrap',
                children: (
                  <>
                    <a class="govuk-link" href={recordPath(i.type, i.id)}>
                      {i.label}
                    </a>
                    <span class="govuk-hint govuk-!-display-block govuk-!-margin-bottom-0">
                      {m.recordTypes[i.type]} #{i.id}
                      {i.detail ? ` · ${i.detail}` : ''}
                      {i.unitName ? ` · ${i.unitName}` : ''}
                    </span>
                  </>
                ),
              },
              {
                children: <Tag classes="govuk-tag--blue" text={labelIn(i.stateLabel, ctx.locale, i.state)} />,
              },
              {
                children: i.waitingSince ? (
                  <time datetime={i.waitingSince}>{formatDate(i.waitingSince, ctx.timeZone)}</time>
                ) : (
                  ''
                ),
                attributes: i.waitingSince
                  ? { title: formatDateTime(i.waitingSince, ctx.timeZone) }
                  : undefined,
              },
              { children: <Deadline dueAt={i.dueAt} ctx={ctx} calendar={calendar} /> },
              {
                children: (
                  <ul class="govuk-list govuk-!-margin-bottom-0">
                    {i.events.map((e) => (
                      <li>
                        <a class="govuk-link" href={eventPath(i.type, i.id, e.type)}>
                          {labelIn(e.label, ctx.locale, e.type)}
                          <span class="govuk-visually-hidden">
                            {' '}
                            – {m.recordTypes[i.type]} #{i.id}
                          </span>
                        </a>
                      </li>
                    ))}
                  </ul>
                ),
              },
            ])}
          />
        </>
      )}
    </div>
  );
}

export function registerHome(
  router: Router,
  deps: WebDeps,
  layoutData: (ctx: PageContext) => Promise<LayoutData>,
): void {
  router.get(
    '/',
    page(deps, layoutData, async (ctx) => {
      const { actor } = requireUser(ctx);
      const q = ctx.req.query.type;
      const type =
        typeof q === 'string' && (recordTypes as readonly string[]).includes(q)
          ? (q as RecordType)
          : undefined;
      const [work, calendar] = await Promise.all([
        listMyWork(deps.engine, actor, { type }),
        deps.engine.calendar(),
      ]);
      const table = <WorkTable ctx={ctx} work={work} calendar={calendar} type={type} />;
      return {
        title: ctx.m.home.title,
        nav: 'home',
        fragment: { targetId: 'work-list', body: table },
        body: (
          <>
            {ctx.flash ? <NotificationBanner type="success" text={ctx.flash} /> : null}
            <h1 class="govuk-heading-l">{ctx.m.home.title}</h1>
            <p class="govuk-body-l">{ctx.m.home.intro}</p>
            {deps.demoMail ? (
              <p class="govuk-body">
                <a class="govuk-link" href={DEMO_MAILBOX_PATH}>
                  {ctx.m.demoMail.homeLink}
                </a>
              </p>
            ) : null}
            {table}
          </>
        ),
      };
    }),
  );
}
