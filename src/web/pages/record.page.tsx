import type { RequestHandler, Router } from 'express';
import type { RecordType } from '../../../machines/contract';
import type { WorkingCalendar } from '../../domain/calendar';
import { AppError, isAppError } from '../../errors';
import { currentDefinition, graphOf } from '../../workflow/machine-graph';
import { getHistory } from '../../workflow/records/get-history';
import { getRecord } from '../../workflow/records/get-record';
import { verifyRecordHistory } from '../../workflow/records/verify-record-history';
import { sendEvent } from '../../workflow/engine/send-event';
import type { HistoryEntry, RecordView } from '../../workflow/types';
import {
  Badge,
  Button,
  Details,
  InsetText,
  NotificationBanner,
  SummaryList,
  type SummaryRow,
  Table,
  Tag,
  Timeline,
} from '../components';
import type { WebDeps } from '../deps';
import { stateDiagramSvg } from '../diagram/state-diagram';
import { describeFields, EventFields, labelOf, parseEventFields } from '../event-form';
import { formatDate, formatDateTime } from '../format';
import { type FieldError, type Fields, FormErrors, formFields, titleWithErrors } from '../forms';
import { type Catalogue, labelIn, type Locale } from '../i18n';
import { CsrfField } from '../layout';
import type { PostGuards } from '../page-types';
import { setFlash } from '../flash';
import { contextOf, type LayoutData, page, type PageContext, requireUser, send } from '../page';
import { eventPath, recordPath, recordTypeOf } from '../records';
import { Deadline } from './home.page';

/**
 * Every record's page (`/campaigns/:id`, `/dossiers/:id`, `/nominations/:id`, `/decisions/:id`,
 * `/submissions/:id`, the addresses the emails link to): its summary, the actions this user may take now
 * (the record's `allowedEvents`, each a button to its event form), its state diagram drawn from the
 * machine, and its history as a timeline with a badge saying whether the hash chain verifies. The event
 * form (`…/events/:event`) is generic: built from the event's payload schema, sent through `sendEvent`,
 * POST → 303 → the record with a success banner; bad input re-renders the form with everything kept.
 */
const iso = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

export function recordLabel(view: RecordView): string {
  if (view.type === 'nomination') {
    const n = view.nominee as { fullName?: string; name?: string } | undefined;
    return n?.fullName ?? n?.name ?? `#${view.id}`;
  }
  return str(view.title) || `#${view.id}`;
}

function summaryRows(view: RecordView, ctx: PageContext, calendar: WorkingCalendar): SummaryRow[] {
  const m = ctx.m;
  const tz = ctx.timeZone;
  const rows: SummaryRow[] = [];
  const row = (key: string, value: SummaryRow['value'] | string | null | undefined) => {
    if (value === null || value === undefined || value === '') return;
    rows.push({ key: { text: key }, value: typeof value === 'string' ? { text: value } : value });
  };
  const date = (v: unknown) => (iso(v) ? formatDateTime(iso(v)!, tz) : null);
  switch (view.type) {
    case 'campaign':
      row(m.record.title, str(view.title));
      row(m.record.kind, m.record.campaignKinds[str(view.kind)] ?? str(view.kind));
      row(m.record.year, str(view.year));
      row(
        m.record.nominationDeadline,
        iso(view.nominationDeadline) ? formatDate(iso(view.nominationDeadline)!, tz) : null,
      );
      break;
    case 'dossier':
      row(m.record.title, str(view.title));
      row(m.record.campaign, {
        children: (
          <a class="govuk-link" href={recordPath('campaign', Number(view.campaignId))}>
            {str(view.campaignTitle)}
          </a>
        ),
      });
      row(m.record.unit, str(view.unitName));
      row(m.record.submittedAt, date(view.submittedAt));
      row(m.record.receivedAt, date(view.receivedAt));
      break;
    case 'nomination': {
      const n = view.nominee as { fullName?: string; name?: string; position?: string } | undefined;
      row(m.record.nominee, n?.fullName ?? n?.name ?? '');
      row(m.record.position, n?.position ?? null);
      row(m.record.award, str(view.awardCode));
      row(m.record.unit, str(view.unitName));
      row(m.record.dossier, {
        children: (
          <a class="govuk-link" href={recordPath('dossier', Number(view.dossierId))}>
            {m.recordTypes.dossier} #{str(view.dossierId)}
          </a>
        ),
      });
      row(m.record.summaryText, str(view.summary));
      if (Number(view.objections) > 0) row(m.record.objections, str(view.objections));
      row(m.record.number, str(view.decisionNumber) || str(view.submissionNumber) || null);
      break;
    }
    case 'decision':
    case 'submission':
      row(m.record.title, str(view.title));
      row(m.record.number, str(view.number) || null);
      row(m.record.signedAt, date(view.signedAt));
      break;
  }
  row(m.record.createdAt, formatDateTime(view.createdAt, tz));
  row(m.record.updatedAt, formatDateTime(view.updatedAt, tz));
  const deadlines = (
    (view.deadlines as Array<{ kind: string; dueAt: string; status: string }> | undefined) ?? []
  ).filter((d) => d.status === 'armed' || d.status === 'fired');
  if (deadlines.length)
    row(m.record.deadlines, {
      children: (
        <ul class="govuk-list">
          {deadlines.map((d) => (
            <li>
              {m.record.deadlineKinds[d.kind] ?? d.kind}:{' '}
              <Deadline dueAt={d.dueAt} ctx={ctx} calendar={calendar} />
            </li>
          ))}
        </ul>
      ),
    });
  return rows;
}

/** What a history step carried that people read: reasons, texts, numbers, dates (always as text). */
function PayloadList({
  entry,
  m,
  locale,
  tz,
}: {
  entry: HistoryEntry;
  m: Catalogue;
  locale: Locale;
  tz: string;
}) {
  const shown = [
    'reason',
    'text',
    'overrideReason',
    'eligible',
    'outcome',
    'decisionNumber',
    'decidedOn',
    'dueAt',
    'membersTotal',
    'present',
    'yes',
    'number',
    'kind',
  ];
  const rows: SummaryRow[] = [];
  for (const k of shown) {
    const v = entry.payload[k];
    if (v === undefined || v === null || v === '') continue;
    let text: string;
    if (typeof v === 'boolean') text = v ? m.common.yes : m.common.no;
    // A deadline ends at midnight after its last day: people read the last day.
    else if (k === 'dueAt' && typeof v === 'string')
      text = formatDate(new Date(new Date(v).getTime() - 1), tz);
    else if (k === 'decidedOn' && typeof v === 'string') text = formatDate(v, tz);
    else if (typeof v !== 'string' && typeof v !== 'number') text = JSON.stringify(v);
    else if (k === 'outcome') text = m.event.values[String(v)] ?? String(v);
    else if (k === 'kind') text = m.record.deadlineKinds[String(v)] ?? String(v);
    else text = String(v);
    rows.push({
      key: { text: k === 'kind' ? m.record.deadlines : labelOf(m, k) },
      value: { text, classes: 'app-wrap' },
    });
  }
  void locale;
  return rows.length ? (
    <SummaryList classes="govuk-summary-list--no-border govuk-!-margin-bottom-0" rows={rows} />
  ) : null;
}

async function recordPage(ctx: PageContext, type: RecordType, id: number) {
  const { actor } = requireUser(ctx);
  const deps = ctx.deps;
  const view = await getRecord(deps.engine, actor, type, id);
  const [history, chain, calendar, svg] = await Promise.all([
    getHistory(deps.engine, actor, type, id),
    verifyRecordHistory(deps.engine, type, id),
    deps.engine.calendar(),
    stateDiagramSvg(type, view.state, ctx.locale),
  ]);
  const m = ctx.m;
  const def = currentDefinition(type);
  const graph = graphOf(def);
  const stateName = (s: string | null) =>
    s ? labelIn(graph.states.find((x) => x.id === s)?.label, ctx.locale, s) : '';
  const label = recordLabel(view);
  const stateLabel = labelIn(view.stateLabel, ctx.locale, view.state);
  const nominations = (view.nominations as RecordView[] | undefined) ?? [];
  const attachments =
    (view.attachments as Array<{ id: number; kind: string; filename: string }> | undefined) ?? [];
  const timeline = [...history].reverse().map((h) => ({
    label: {
      text:
        h.event === 'CREATE' ? m.record.created : labelIn(def.events[h.event]?.label, ctx.locale, h.event),
    },
    byline: { text: h.actor.id === null ? m.record.system : h.actor.name },
    datetime: { timestamp: h.at, text: formatDateTime(h.at, ctx.timeZone) },
    children: (
      <>
        <p class="govuk-body govuk-!-margin-bottom-1">
          {m.record.stepTo(stateName(h.from) || '–', stateName(h.to))}
        </p>
        <PayloadList entry={h} m={m} locale={ctx.locale} tz={ctx.timeZone} />
      </>
    ),
  }));
  return {
    title: `${m.recordTypes[type]} #${id}: ${label}`,
    body: (
      <>
        {ctx.flash ? <NotificationBanner type="success" text={ctx.flash} /> : null}
        <span class="govuk-caption-l">
          {m.recordTypes[type]} #{id}
        </span>
        <h1 class="govuk-heading-l app-wrap">{label}</h1>
        <p class="govuk-body">
          {m.record.state}: <Tag classes="govuk-tag--blue" text={stateLabel} />
          {view.overdue ? (
            <>
              {' '}
              <Tag classes="govuk-tag--red" text={m.deadline.overdueTag} />
            </>
          ) : null}
        </p>
        <div class="govuk-grid-row">
          <div class="govuk-grid-column-two-thirds">
            <h2 class="govuk-heading-m">{m.record.actions}</h2>
            {view.allowedEvents.length ? (
              <div class="app-actions">
                {view.allowedEvents.map((e, i) => (
                  <Button
                    href={eventPath(type, id, e)}
                    classes={i === 0 ? undefined : 'govuk-button--secondary'}
                    text={labelIn(def.events[e]?.label, ctx.locale, e)}
                  />
                ))}
              </div>
            ) : (
              <p class="govuk-body">{m.record.noActions}</p>
            )}
            <SummaryList
              card={{ title: { text: m.record.summary } }}
              rows={summaryRows(view, ctx, calendar)}
            />
            {type === 'dossier' ? (
              <>
                <h2 class="govuk-heading-m">{m.record.nominations}</h2>
                {nominations.length ? (
                  <Table
                    head={[{ text: m.record.nominee }, { text: m.record.award }, { text: m.record.state }]}
                    rows={nominations.map((n) => [
                      {
                        classes: 'app-wrap',
                        children: (
                          <a class="govuk-link" href={recordPath('nomination', n.id)}>
                            {recordLabel(n)}
                          </a>
                        ),
                      },
                      { text: str(n.awardCode) },
                      {
                        children: (
                          <Tag classes="govuk-tag--grey" text={labelIn(n.stateLabel, ctx.locale, n.state)} />
                        ),
                      },
                    ])}
                  />
                ) : (
                  <p class="govuk-body">{m.common.none}</p>
                )}
                <h2 class="govuk-heading-m">{m.record.attachments}</h2>
                {attachments.length ? (
                  <ul class="govuk-list govuk-list--bullet">
                    {attachments.map((a) => (
                      <li class="app-wrap">{a.filename}</li>
                    ))}
                  </ul>
                ) : (
                  <p class="govuk-body">{m.common.none}</p>
                )}
              </>
            ) : null}
          </div>
        </div>
        <h2 class="govuk-heading-m">{m.record.diagram}</h2>
        <figure class="app-diagram">
          <div class="app-diagram__frame" tabindex={0} role="region" aria-labelledby="diagram-caption">
            {/* Trusted SVG: drawn by Graphviz from our own machine definitions (state-diagram.ts), no user input. */}
            <div dangerouslySetInnerHTML={{ __html: svg }} />
          </div>
          <figcaption class="govuk-body-s govuk-!-margin-top-2" id="diagram-caption">
            {m.record.diagramCaption(stateLabel)}
          </figcaption>
        </figure>
        <Details summaryText={m.record.transitions}>
          <Table
            head={[
              { text: m.record.transitionsFrom },
              { text: m.record.transitionsEvent },
              { text: m.record.transitionsTo },
              { text: m.record.transitionsWho },
            ]}
            rows={graph.transitions.map((t) => [
              { text: `${stateName(t.from)}${t.from === view.state ? ` (${m.record.current})` : ''}` },
              { text: labelIn(t.label, ctx.locale, t.event) },
              { text: stateName(t.to) },
              {
                text: t.senders.every((s) => s === 'system')
                  ? m.record.automatic
                  : t.senders
                      .filter((s): s is Exclude<typeof s, 'system'> => s !== 'system')
                      .map((s) => m.roles[s])
                      .join(', '),
              },
            ])}
          />
        </Details>
        <h2 class="govuk-heading-m">{m.record.history}</h2>
        {chain.ok ? (
          <p class="govuk-body">
            <Badge classes="moj-badge--green" text={m.record.chainOk} />{' '}
            <span class="govuk-body-s">{m.record.chainOkHint}</span>
          </p>
        ) : (
          <p class="govuk-body">
            <Badge classes="moj-badge--red" text={m.record.chainBroken} />{' '}
            <span class="govuk-body-s">{m.record.chainBrokenHint(chain.brokenAt ?? 0)}</span>
          </p>
        )}
        {timeline.length ? (
          <Timeline items={timeline} headingLevel={3} />
        ) : (
          <p class="govuk-body">{m.record.historyEmpty}</p>
        )}
      </>
    ),
  };
}

function EventForm({
  ctx,
  view,
  event,
  values,
  errors,
  notice,
}: {
  ctx: PageContext;
  view: RecordView;
  event: string;
  values: Fields;
  errors: FieldError[];
  notice?: string;
}) {
  const m = ctx.m;
  const def = currentDefinition(view.type);
  const spec = def.events[event]!;
  const specs = describeFields(spec.payload) ?? [];
  const label = labelIn(spec.label, ctx.locale, event);
  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <FormErrors errors={errors} m={m} />
        {notice ? <NotificationBanner text={notice} /> : null}
        <span class="govuk-caption-l">
          {m.recordTypes[view.type]} #{view.id}
        </span>
        <h1 class="govuk-heading-l app-wrap">{m.event.title(label, recordLabel(view))}</h1>
        <InsetText>
          {m.record.state}: {labelIn(view.stateLabel, ctx.locale, view.state)}
        </InsetText>
        <p class="govuk-body">{m.event.intro}</p>
        <form method="post" action={eventPath(view.type, view.id, event)} novalidate>
          <CsrfField token={ctx.csrf()} />
          <input
            type="hidden"
            name="expectedVersion"
            value={String(values.expectedVersion ?? view.version)}
          />
          <EventFields specs={specs} values={values} errors={errors} m={m} />
          <div class="govuk-button-group">
            <Button text={m.event.submit} preventDoubleClick />
            <a class="govuk-link" href={recordPath(view.type, view.id)}>
              {m.event.cancel}
            </a>
          </div>
        </form>
      </div>
    </div>
  );
}

function parseTarget(ctx: PageContext): { type: RecordType; id: number } | null {
  const params = ctx.req.params as Record<string, string>;
  const type = recordTypeOf(params.collection ?? '');
  const id = /^[1-9]\d{0,9}$/.test(params.id ?? '') ? Number(params.id) : NaN;
  if (!type || !Number.isSafeInteger(id)) return null;
  return { type, id };
}

export function registerRecords(
  router: Router,
  deps: WebDeps,
  layoutData: (ctx: PageContext) => Promise<LayoutData>,
  guards: PostGuards,
): void {
  const notFound = () => new AppError('NOT_FOUND', 'Not found');

  // Only the five record collections: any other path of this shape goes on (to the 404 page at the end).
  const records: RequestHandler = (req, _res, next) =>
    next(recordTypeOf(String((req.params as Record<string, string>).collection)) ? undefined : 'route');
  router.get(
    '/:collection/:id',
    records,
    page(deps, layoutData, async (ctx) => {
      const target = parseTarget(ctx);
      if (!target) throw notFound();
      return recordPage(ctx, target.type, target.id);
    }),
  );

  /** The record, and the event if this user may send it now (else 404 for an unknown event, 409 page). */
  const eventTarget = async (ctx: PageContext) => {
    const target = parseTarget(ctx);
    const event = String((ctx.req.params as Record<string, string>).event ?? '');
    if (!target) throw notFound();
    const { actor } = requireUser(ctx);
    const view = await getRecord(deps.engine, actor, target.type, target.id);
    const spec = currentDefinition(target.type).events[event];
    if (!spec || spec.senders.every((s) => s === 'system') || !describeFields(spec.payload)) throw notFound();
    return { ...target, event, view, actor, allowed: view.allowedEvents.includes(event) };
  };

  const notAllowed = (ctx: PageContext, view: RecordView, event: string) => ({
    status: 409,
    title: ctx.m.event.notAllowed,
    backLink: { href: recordPath(view.type, view.id), text: ctx.m.event.cancel },
    body: (
      <>
        <h1 class="govuk-heading-l">
          {labelIn(currentDefinition(view.type).events[event]?.label, ctx.locale, event)}
        </h1>
        <p class="govuk-body">{ctx.m.event.notAllowed}</p>
      </>
    ),
  });

  router.get(
    '/:collection/:id/events/:event',
    records,
    page(deps, layoutData, async (ctx) => {
      const t = await eventTarget(ctx);
      if (!t.allowed) return notAllowed(ctx, t.view, t.event);
      const label = labelIn(currentDefinition(t.type).events[t.event]?.label, ctx.locale, t.event);
      return {
        title: ctx.m.event.title(label, recordLabel(t.view)),
        backLink: { href: recordPath(t.type, t.id), text: ctx.m.event.cancel },
        body: <EventForm ctx={ctx} view={t.view} event={t.event} values={{}} errors={[]} />,
      };
    }),
  );

  router.post('/:collection/:id/events/:event', records, ...guards.form, async (req, res, next) => {
    const ctx = contextOf(req, res, deps);
    try {
      const t = await eventTarget(ctx);
      const m = ctx.m;
      const values = formFields(req);
      const spec = currentDefinition(t.type).events[t.event]!;
      const specs = describeFields(spec.payload) ?? [];
      const label = labelIn(spec.label, ctx.locale, t.event);
      const again = (status: number, errors: FieldError[], notice?: string) =>
        send(
          ctx,
          {
            status,
            title: titleWithErrors(m.event.title(label, recordLabel(t.view)), errors, m),
            backLink: { href: recordPath(t.type, t.id), text: m.event.cancel },
            body: (
              <EventForm
                ctx={ctx}
                view={t.view}
                event={t.event}
                values={values}
                errors={errors}
                {...(notice ? { notice } : {})}
              />
            ),
          },
          () => layoutData(ctx),
        );
      if (!t.allowed) {
        await send(ctx, notAllowed(ctx, t.view, t.event), () => layoutData(ctx));
        return;
      }
      const { payload, errors } = parseEventFields(specs, values, await deps.engine.calendar(), m);
      if (errors.length) {
        await again(422, errors);
        return;
      }
      const expected = /^\d+$/.test(values.expectedVersion ?? '')
        ? Number(values.expectedVersion)
        : undefined;
      try {
        await sendEvent(deps.engine, t.actor, {
          recordType: t.type,
          id: t.id,
          event: { type: t.event, ...payload },
          ...(expected !== undefined ? { expectedVersion: expected } : {}),
        });
      } catch (e) {
        if (!isAppError(e)) throw e;
        if (e.code === 'VALIDATION_FAILED') {
          const fieldErrors: FieldError[] = (e.errors ?? []).map((fe) => {
            const f = specs.find((s) => s.name === fe.field);
            const name = labelOf(m, fe.field);
            const empty = !values[fe.field];
            return {
              field: fe.field,
              href:
                f && (f.kind === 'date' || f.kind === 'datetime')
                  ? `${fe.field}-day`
                  : f
                    ? fe.field
                    : (specs[0]?.name ?? 'main-content'),
              text: empty ? m.event.required(name) : m.event.invalid(name),
            };
          });
          await again(
            422,
            fieldErrors.length
              ? fieldErrors
              : [{ field: '', href: 'main-content', text: m.event.invalid(label) }],
          );
          return;
        }
        if (e.code === 'VERSION_CONFLICT') {
          await again(409, [{ field: '', href: 'main-content', text: m.event.conflict }]);
          return;
        }
        if (e.code === 'TRANSITION_NOT_ALLOWED') {
          await again(409, [{ field: '', href: 'main-content', text: m.event.notAllowed }]);
          return;
        }
        throw e;
      }
      setFlash(req, recordPath(t.type, t.id), m.record.eventDone(label));
      res.redirect(303, recordPath(t.type, t.id));
    } catch (e) {
      next(e);
    }
  });
}
