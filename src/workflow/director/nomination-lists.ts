import { z } from 'zod';
import {
  countNominations,
  countNominationsBy,
  countOverdueByStage,
  type CountRow,
  type NominationFilters,
  selectNominationList,
  selectUnderNotice,
} from '../../db/director-reports';
import { nominationsWorkbook, tableWorkbook } from '../../documents';
import { idParamSchema } from '../../domain/ids';
import { listAwards } from '../catalogue/list-awards';
import { requireRole, unitScopeOf } from '../access';
import { metaOf } from '../engine/machine-runtime';
import { currentDefinition } from '../machine-graph';
import type { Actor, EngineDeps } from '../types';

/**
 * The lists and figures over nominations that the director's queue, the reports, their Excel exports and
 * the public notice page show: one filter schema for the pages and the API, the caller's unit scope
 * applied here (a unit's clerk sees its own unit's nominations only), labels in both languages.
 */
export const nominationFiltersSchema = z
  .object({
    state: z
      .string()
      .regex(/^[a-zA-Z]{1,40}$/)
      .optional(),
    unitId: idParamSchema.optional(),
    awardCode: z
      .string()
      .regex(/^[A-Z0-9_]{1,32}$/)
      .optional(),
    campaignId: idParamSchema.optional(),
    year: z.coerce.number().int().min(1945).max(2100).optional(),
    overdue: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional(),
  })
  .strict();
export type NominationFilterInput = z.infer<typeof nominationFiltersSchema>;

export type Bilingual = { vi: string; en: string };

const same = (s: string): Bilingual => ({ vi: s, en: s });

export const nominationStateLabel = (state: string): Bilingual =>
  metaOf(currentDefinition('nomination'), state)?.label ?? { vi: state, en: state };

export interface NominationListItem {
  id: number;
  version: number;
  state: string;
  stateLabel: Bilingual;
  dossierId: number;
  unitId: number;
  unitName: string;
  awardCode: string;
  awardName: Bilingual;
  nomineeKind: 'individual' | 'collective';
  nomineeName: string;
  nomineePosition: string | null;
  campaignTitle: string;
  year: number;
  submittedAt: string | null;
  since: string;
  dueAt: string | null;
  overdue: boolean;
}

export interface NominationPage {
  items: NominationListItem[];
  total: number;
  page: number;
  perPage: number;
}

function scoped(actor: Actor, f: NominationFilterInput): NominationFilters {
  const scope = unitScopeOf(actor);
  return scope === null ? f : { ...f, unitIds: scope };
}

async function awardNames(deps: EngineDeps): Promise<Map<string, Bilingual>> {
  return new Map((await listAwards(deps)).map((a) => [a.code, a.name]));
}

export const PER_PAGE_CHOICES = [25, 50, 100, 300] as const;

/** A page of nominations (oldest first) matching the filters, within the caller's scope, with the total. */
export async function listNominationPage(
  deps: EngineDeps,
  actor: Actor,
  filters: NominationFilterInput,
  page: { page: number; perPage: number },
): Promise<NominationPage> {
  const f = scoped(actor, filters);
  const perPage = Math.min(300, Math.max(1, page.perPage));
  const p = Math.max(1, page.page);
  const now = deps.now();
  const [rows, total, names] = await Promise.all([
    selectNominationList(deps.db, f, { limit: perPage, offset: (p - 1) * perPage }, now),
    countNominations(deps.db, f, now),
    awardNames(deps),
  ]);
  return {
    total,
    page: p,
    perPage,
    items: rows.map((r) => ({
      id: r.id,
      version: r.version,
      state: r.state,
      stateLabel: nominationStateLabel(r.state),
      dossierId: r.dossier_id,
      unitId: r.unit_id,
      unitName: r.unit_name,
      awardCode: r.award_code,
      awardName: names.get(r.award_code) ?? same(r.award_code),
      nomineeKind: r.nominee_kind === 'collective' ? 'collective' : 'individual',
      nomineeName: r.nominee_name,
      nomineePosition: r.nominee_position,
      campaignTitle: r.campaign_title,
      year: r.year,
      submittedAt: r.submitted_at ? r.submitted_at.toISOString() : null,
      since: r.since.toISOString(),
      dueAt: r.due_at ? r.due_at.toISOString() : null,
      overdue: r.overdue,
    })),
  };
}

/** The director's approval queue: nominations waiting in `directorReview`, oldest first. */
export async function listDirectorQueue(
  deps: EngineDeps,
  actor: Actor,
  filters: Omit<NominationFilterInput, 'state'>,
  page: { page: number; perPage: number },
): Promise<NominationPage> {
  requireRole(actor, 'director');
  return listNominationPage(deps, actor, { ...filters, state: 'directorReview' }, page);
}

/** The most rows one export holds (a year of a large department is far below). */
export const EXPORT_MAX_ROWS = 50_000;

const localDay = (iso: string | null, timeZone: string): string | null =>
  iso ? new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date(iso)) : null;

/** The nominations matching the filters as an Excel workbook (the filters on a second sheet). */
export async function exportNominations(
  deps: EngineDeps,
  actor: Actor,
  filters: NominationFilterInput,
): Promise<Buffer> {
  const list = await listNominationPage(deps, actor, filters, { page: 1, perPage: 300 });
  const items = [...list.items];
  for (let page = 2; items.length < Math.min(list.total, EXPORT_MAX_ROWS); page++) {
    const more = await listNominationPage(deps, actor, filters, { page, perPage: 300 });
    if (more.items.length === 0) break;
    items.push(...more.items);
  }
  return nominationsWorkbook(
    items.map((i) => ({
      nominee: i.nomineePosition ? `${i.nomineeName}, ${i.nomineePosition}` : i.nomineeName,
      kind: i.nomineeKind === 'collective' ? 'collective' : 'person',
      unit: i.unitName,
      award: i.awardName.vi,
      year: i.year,
      state: i.stateLabel.vi,
      submittedOn: localDay(i.submittedAt, deps.timeZone),
      note: i.overdue ? 'Quá hạn' : '',
    })),
    await filterLabels(deps, filters),
  );
}

/** The filters in words (label → value), for the export's "Điều kiện lọc" sheet. */
async function filterLabels(deps: EngineDeps, f: NominationFilterInput): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  if (f.state) out['Trạng thái'] = nominationStateLabel(f.state).vi;
  if (f.awardCode)
    out['Hình thức khen thưởng'] = (await awardNames(deps)).get(f.awardCode)?.vi ?? f.awardCode;
  if (f.unitId) out['Mã đơn vị'] = String(f.unitId);
  if (f.campaignId) out['Mã đợt thi đua'] = String(f.campaignId);
  if (f.year) out['Năm'] = String(f.year);
  if (f.overdue !== undefined) out['Quá hạn'] = f.overdue ? 'Có' : 'Không';
  return out;
}

export interface ReportCount {
  key: string;
  label: Bilingual;
  n: number;
}

export interface NominationReport {
  total: number;
  byState: ReportCount[];
  byUnit: ReportCount[];
  byAward: ReportCount[];
  byYear: ReportCount[];
  /** Records past their current state's deadline, by record type and state. */
  overdue: Array<{ recordType: string; state: string; label: Bilingual; n: number }>;
}

/** Counts by state, unit, award and year of the nominations matching the filters; overdue by stage. */
export async function getNominationReport(
  deps: EngineDeps,
  actor: Actor,
  filters: NominationFilterInput,
): Promise<NominationReport> {
  const f = scoped(actor, filters);
  const now = deps.now();
  const scope = unitScopeOf(actor);
  const [byState, byUnit, byAward, byYear, overdue, names] = await Promise.all([
    countNominationsBy(deps.db, 'state', f, now),
    countNominationsBy(deps.db, 'unit', f, now),
    countNominationsBy(deps.db, 'award', f, now),
    countNominationsBy(deps.db, 'year', f, now),
    countOverdueByStage(deps.db, now, scope ?? undefined),
    awardNames(deps),
  ]);
  const of = (rows: CountRow[], label: (r: CountRow) => Bilingual): ReportCount[] =>
    rows.map((r) => ({ key: r.key, label: label(r), n: r.n }));
  return {
    total: byState.reduce((s, r) => s + r.n, 0),
    byState: of(byState, (r) => nominationStateLabel(r.key)),
    byUnit: of(byUnit, (r) => same(r.label)),
    byAward: of(byAward, (r) => names.get(r.key) ?? same(r.key)),
    byYear: of(byYear, (r) => same(r.label)).sort((a, b) => a.key.localeCompare(b.key)),
    overdue: overdue.map((o) => {
      const type = o.record_type as Parameters<typeof currentDefinition>[0];
      return {
        recordType: o.record_type,
        state: o.state,
        label: metaOf(currentDefinition(type), o.state)?.label ?? same(o.state),
        n: o.n,
      };
    }),
  };
}

/** The report as an Excel workbook: one sheet per grouping, the filters in the title. */
export async function exportNominationReport(
  deps: EngineDeps,
  actor: Actor,
  filters: NominationFilterInput,
): Promise<Buffer> {
  const r = await getNominationReport(deps, actor, filters);
  const rows = [
    ...r.byState.map((c) => ({ group: 'Trạng thái', label: c.label.vi, n: c.n })),
    ...r.byUnit.map((c) => ({ group: 'Đơn vị', label: c.label.vi, n: c.n })),
    ...r.byAward.map((c) => ({ group: 'Hình thức khen thưởng', label: c.label.vi, n: c.n })),
    ...r.byYear.map((c) => ({ group: 'Năm', label: c.label.vi, n: c.n })),
    ...r.overdue.map((c) => ({ group: 'Quá hạn theo bước', label: c.label.vi, n: c.n })),
  ];
  const conditions = Object.entries(await filterLabels(deps, filters))
    .map(([k, v]) => `${k}: ${v}`)
    .join('; ');
  return tableWorkbook(
    {
      name: 'Báo cáo',
      rows,
      columns: [
        { header: 'Nhóm', type: 'text', width: 24, value: (x) => x.group },
        { header: 'Giá trị', type: 'text', width: 40, value: (x) => x.label },
        { header: 'Số đề nghị', type: 'integer', width: 12, value: (x) => x.n },
      ],
    },
    { title: `Báo cáo đề nghị khen thưởng${conditions ? ` (${conditions})` : ''}` },
  );
}

export interface NoticeItem {
  id: number;
  unitName: string;
  awardName: Bilingual;
  nomineeKind: 'individual' | 'collective';
  nomineeName: string;
  nomineePosition: string | null;
  summary: string;
  campaignTitle: string;
  year: number;
  /** When the notice began and when its period ends. */
  from: string;
  until: string | null;
}

/**
 * The public notice (no sign-in): nominations under notice with the notice period. Only what the law
 * asks to be published: the nominee, position, unit, award, the achievements' summary; nothing of the
 * dossier's files or the people register.
 */
export async function listUnderNotice(
  deps: EngineDeps,
  page: { page: number; perPage: number },
): Promise<{ items: NoticeItem[]; total: number; page: number; perPage: number }> {
  const perPage = Math.min(100, Math.max(1, page.perPage));
  const p = Math.max(1, page.page);
  const [{ rows, total }, names] = await Promise.all([
    selectUnderNotice(deps.db, { limit: perPage, offset: (p - 1) * perPage }),
    awardNames(deps),
  ]);
  return {
    total,
    page: p,
    perPage,
    items: rows.map((r) => ({
      id: r.id,
      unitName: r.unit_name,
      awardName: names.get(r.award_code) ?? same(r.award_code),
      nomineeKind: r.nominee_kind === 'collective' ? 'collective' : 'individual',
      nomineeName: r.nominee_name,
      nomineePosition: r.nominee_position,
      summary: r.summary,
      campaignTitle: r.campaign_title,
      year: r.year,
      from: r.since.toISOString(),
      until: r.due_at ? r.due_at.toISOString() : null,
    })),
  };
}
