import type { Router } from 'express';
import { listAwards } from '../../workflow/catalogue/list-awards';
import {
  getNominationReport,
  type NominationFilterInput,
  nominationFiltersSchema,
  type ReportCount,
} from '../../workflow/director/nomination-lists';
import { currentDefinition, graphOf } from '../../workflow/machine-graph';
import { BarChart, Button, Select } from '../components';
import type { WebDeps } from '../deps';
import { labelIn } from '../i18n';
import { awardFilterItems } from '../forms';
import { type LayoutData, page, type PageContext, requireUser } from '../page';

/**
 * Reports (`/reports`): nominations counted by state, unit, award and year, and records overdue at each
 * stage, each as a server-drawn SVG bar chart with its figures in a table ("Xem dạng bảng"). The filters
 * (year, award, state) are a GET form; both downloads carry the same filters to the API's Excel exports.
 * A unit's clerk sees its own unit's figures only (the use case scopes them).
 */
function filtersOf(query: Record<string, unknown>): NominationFilterInput {
  const picked: Record<string, string> = {};
  for (const k of ['year', 'awardCode', 'state'] as const) {
    const v = query[k];
    if (typeof v === 'string' && v !== '') picked[k] = v;
  }
  const r = nominationFiltersSchema.safeParse(picked);
  return r.success ? r.data : {};
}

const queryString = (f: NominationFilterInput): string => {
  const p = new URLSearchParams();
  if (f.year) p.set('year', String(f.year));
  if (f.awardCode) p.set('awardCode', f.awardCode);
  if (f.state) p.set('state', f.state);
  const s = p.toString();
  return s ? `?${s}` : '';
};

export function registerReports(
  router: Router,
  deps: WebDeps,
  layoutData: (ctx: PageContext) => Promise<LayoutData>,
): void {
  router.get(
    '/reports',
    page(deps, layoutData, async (ctx) => {
      const { actor } = requireUser(ctx);
      const m = ctx.m.reports;
      const filters = filtersOf(ctx.req.query);
      const [report, awards] = await Promise.all([
        getNominationReport(deps.engine, actor, filters),
        listAwards(deps.engine),
      ]);
      const fmt = (n: number) => n.toLocaleString(ctx.m.lang.intl);
      const chart = (id: string, title: string, counts: ReportCount[]) => (
        <section class="app-report-section">
          <h2 class="govuk-heading-m">{title}</h2>
          <BarChart
            id={id}
            data={counts.map((c) => ({ label: labelIn(c.label, ctx.locale, c.key), value: c.n }))}
            text={{
              title,
              description: m.describe(title, counts.length),
              viewTable: ctx.m.common.viewTable,
              categoryHeading: m.category,
              valueHeading: m.count,
              format: fmt,
            }}
          />
        </section>
      );
      const states = graphOf(currentDefinition('nomination')).states;
      const thisYear = Number(
        new Intl.DateTimeFormat('en-CA', { timeZone: ctx.timeZone, year: 'numeric' }).format(ctx.now),
      );
      const years = Array.from({ length: 6 }, (_, i) => thisYear + 1 - i);
      const qs = queryString(filters);
      return {
        title: m.title,
        nav: 'reports',
        body: (
          <>
            <h1 class="govuk-heading-l">{m.title}</h1>
            <p class="govuk-body">{m.intro}</p>
            <form method="get" action="/reports">
              <fieldset class="govuk-fieldset">
                <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{m.filterLegend}</legend>
                <div class="govuk-grid-row">
                  <div class="govuk-grid-column-one-quarter">
                    <Select
                      name="year"
                      id="year"
                      label={{ text: m.year }}
                      value={filters.year ? String(filters.year) : ''}
                      items={[
                        { value: '', text: m.anyOption },
                        ...years.map((y) => ({ value: String(y), text: String(y) })),
                      ]}
                    />
                  </div>
                  <div class="govuk-grid-column-one-half">
                    <Select
                      name="awardCode"
                      id="awardCode"
                      label={{ text: m.award }}
                      value={filters.awardCode ?? ''}
                      items={awardFilterItems(awards, ctx.locale, m.anyOption)}
                    />
                  </div>
                  <div class="govuk-grid-column-one-quarter">
                    <Select
                      name="state"
                      id="state"
                      label={{ text: m.state }}
                      value={filters.state ?? ''}
                      items={[
                        { value: '', text: m.anyOption },
                        ...states.map((s) => ({
                          value: s.id,
                          text: labelIn(s.label, ctx.locale, s.id),
                        })),
                      ]}
                    />
                  </div>
                </div>
              </fieldset>
              <Button text={m.apply} classes="govuk-button--secondary" />
            </form>
            <ul class="govuk-list">
              <li>
                <a class="govuk-link" href={`/api/reports/nominations.xlsx${qs}`} download>
                  {m.downloadReport}
                </a>
              </li>
              <li>
                <a class="govuk-link" href={`/api/nominations/export.xlsx${qs}`} download>
                  {m.downloadList}
                </a>
              </li>
            </ul>
            <p class="govuk-body-l" id="report-total">
              {m.total(report.total)}
            </p>
            {report.total === 0 ? (
              <p class="govuk-body">{m.empty}</p>
            ) : (
              <>
                {chart('chart-state', m.byState, report.byState)}
                {chart('chart-unit', m.byUnit, report.byUnit)}
                {chart('chart-award', m.byAward, report.byAward)}
                {chart('chart-year', m.byYear, report.byYear)}
              </>
            )}
            {report.overdue.length === 0 ? (
              <>
                <h2 class="govuk-heading-m">{m.overdue}</h2>
                <p class="govuk-body">{m.overdueEmpty}</p>
              </>
            ) : (
              chart(
                'chart-overdue',
                m.overdue,
                report.overdue.map((o) => ({
                  key: `${o.recordType}.${o.state}`,
                  label: {
                    vi: `${ctx.m.recordTypes[o.recordType as keyof typeof ctx.m.recordTypes] ?? o.recordType}: ${o.label.vi}`,
                    en: `${ctx.m.recordTypes[o.recordType as keyof typeof ctx.m.recordTypes] ?? o.recordType}: ${o.label.en}`,
                  },
                  n: o.n,
                })),
              )
            )}
          </>
        ),
      };
    }),
  );
}
