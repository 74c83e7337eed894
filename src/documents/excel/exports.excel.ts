import type { OfficialDocument } from '../model/document.model';
import {
  buildWorkbook,
  sheet,
  type ExcelColumn,
  type ExcelSheet,
  type PreparedSheet,
} from './workbook.excel';

/** The workbooks the office exports: a document's annex, a nomination list, the yearly statistics. */

/** A decision's or proposal's annex, its columns as the document has them (STT as a number). */
export function annexWorkbook(doc: OfficialDocument): Promise<Buffer> {
  const annex = doc.annex;
  if (!annex) throw new RangeError('the document has no annex');
  const columns: ExcelColumn<string[]>[] = annex.table.columns.map((c, i) => ({
    header: c.header,
    type: i === 0 && c.header === 'STT' ? 'integer' : 'text',
    width: i === 0 ? 7 : Math.round(c.width * 14),
    value: (row) => (i === 0 && c.header === 'STT' ? Number(row[i]) : (row[i] ?? '')),
  }));
  return buildWorkbook([sheet({ name: annex.subtitle ?? annex.title, columns, rows: annex.table.rows })], {
    title: `${annex.title} ${annex.reference}`,
  });
}

export interface NominationRow {
  nominee: string;
  kind: 'person' | 'collective';
  unit: string;
  award: string;
  year: number;
  /** The state as the office reads it: `Đã khen thưởng`. */
  state: string;
  /** YYYY-MM-DD. */
  submittedOn: string | null;
  decidedOn?: string | null;
  decisionNumber?: string | null;
  votesYes?: number | null;
  /** Share of all council members (0–1). */
  voteShare?: number | null;
  rewardAmount?: number | null;
  note?: string;
}

/** A nomination list; `filters` (label → value) go on a second sheet so the file says what it holds. */
export function nominationsWorkbook(
  rows: readonly NominationRow[],
  filters: Record<string, string> = {},
): Promise<Buffer> {
  const list: ExcelSheet<NominationRow> = {
    name: 'Danh sách đề nghị',
    rows,
    columns: [
      { header: 'STT', type: 'integer', value: (_r, i) => i + 1 },
      { header: 'Tên tập thể, cá nhân', type: 'text', width: 30, value: (r) => r.nominee },
      {
        header: 'Đối tượng',
        type: 'text',
        width: 10,
        value: (r) => (r.kind === 'collective' ? 'Tập thể' : 'Cá nhân'),
      },
      { header: 'Đơn vị', type: 'text', width: 30, value: (r) => r.unit },
      { header: 'Hình thức khen thưởng', type: 'text', width: 30, value: (r) => r.award },
      { header: 'Năm', type: 'integer', value: (r) => r.year },
      { header: 'Trạng thái', type: 'text', width: 18, value: (r) => r.state },
      { header: 'Ngày đề nghị', type: 'date', value: (r) => r.submittedOn },
      { header: 'Số quyết định', type: 'text', width: 16, value: (r) => r.decisionNumber ?? null },
      { header: 'Ngày quyết định', type: 'date', value: (r) => r.decidedOn ?? null },
      { header: 'Số phiếu đồng ý', type: 'integer', width: 10, value: (r) => r.votesYes ?? null },
      { header: 'Tỷ lệ phiếu', type: 'percent', value: (r) => r.voteShare ?? null },
      { header: 'Tiền thưởng (đồng)', type: 'money', value: (r) => r.rewardAmount ?? null },
      { header: 'Ghi chú', type: 'text', width: 20, value: (r) => r.note ?? '' },
    ],
  };
  const entries = Object.entries(filters);
  const sheets: PreparedSheet[] = [sheet(list)];
  if (entries.length > 0) {
    sheets.push(
      sheet<[string, string]>({
        name: 'Điều kiện lọc',
        rows: entries,
        columns: [
          { header: 'Điều kiện', type: 'text', value: (r) => r[0] },
          { header: 'Giá trị', type: 'text', width: 40, value: (r) => r[1] },
        ],
      }),
    );
  }
  return buildWorkbook(sheets, { title: 'Danh sách đề nghị khen thưởng' });
}

export interface AwardCount {
  unit: string;
  award: string;
  count: number;
}

/**
 * Yearly statistics of awards by type and unit: a table with a row per unit, a column per award and
 * totals, and the same figures as a flat list (for pivot tables and filters).
 */
export function statisticsWorkbook(year: number, counts: readonly AwardCount[]): Promise<Buffer> {
  const units = [...new Set(counts.map((c) => c.unit))].sort((a, b) => a.localeCompare(b, 'vi'));
  const awards = [...new Set(counts.map((c) => c.award))].sort((a, b) => a.localeCompare(b, 'vi'));
  const cell = new Map(counts.map((c) => [`${c.unit}\u0000${c.award}`, c.count]));
  const total = (unit: string | null, award: string | null) =>
    counts
      .filter((c) => (unit === null || c.unit === unit) && (award === null || c.award === award))
      .reduce((s, c) => s + c.count, 0);
  type Line = { unit: string | null };
  const lines: Line[] = [...units.map((u) => ({ unit: u })), { unit: null }];
  const byUnit: ExcelSheet<Line> = {
    name: `Thống kê năm ${year}`,
    rows: lines,
    columns: [
      { header: 'Đơn vị', type: 'text', width: 34, value: (l) => l.unit ?? 'Tổng cộng' },
      ...awards.map((a): ExcelColumn<Line> => ({
        header: a,
        type: 'integer',
        width: Math.min(24, Math.max(10, a.length * 0.8)),
        value: (l) => (l.unit === null ? total(null, a) : (cell.get(`${l.unit}\u0000${a}`) ?? 0)),
      })),
      { header: 'Tổng số', type: 'integer', width: 10, value: (l) => total(l.unit, null) },
    ],
  };
  const flat: ExcelSheet<AwardCount> = {
    name: 'Số liệu',
    rows: counts,
    columns: [
      { header: 'Năm', type: 'integer', value: () => year },
      { header: 'Đơn vị', type: 'text', width: 34, value: (c) => c.unit },
      { header: 'Hình thức khen thưởng', type: 'text', width: 30, value: (c) => c.award },
      { header: 'Số lượng', type: 'integer', width: 10, value: (c) => c.count },
    ],
  };
  return buildWorkbook([sheet(byUnit), sheet(flat)], {
    title: `Thống kê khen thưởng năm ${year}`,
  });
}
