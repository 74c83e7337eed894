import ExcelJS from 'exceljs';
import { nfc } from '../model/text';

/**
 * A table → workbook helper for exports: Vietnamese headers, real date and number cells (not text),
 * a frozen bold header row with an autofilter, and safe sheet names. Dates are built at UTC midnight,
 * so the server's time zone never shifts a day (exceljs converts a Date from its UTC value).
 */
export type ExcelValue = string | number | Date | null;
export type ExcelColumnType = 'text' | 'integer' | 'number' | 'money' | 'percent' | 'date';

export interface ExcelColumn<R> {
  header: string;
  type: ExcelColumnType;
  /** Characters; a default per type otherwise. */
  width?: number;
  value: (row: R, index: number) => ExcelValue;
}

export interface ExcelSheet<R> {
  name: string;
  columns: readonly ExcelColumn<R>[];
  rows: readonly R[];
}

const FORMATS: Record<ExcelColumnType, string | undefined> = {
  text: '@',
  integer: '0',
  number: '#,##0.##',
  money: '#,##0',
  percent: '0.0%',
  date: 'dd/mm/yyyy',
};
const WIDTHS: Record<ExcelColumnType, number> = {
  text: 28,
  integer: 8,
  number: 12,
  money: 14,
  percent: 9,
  date: 12,
};

/** A date-only value (`2026-12-05`) as a Date at UTC midnight. */
export function excelDate(isoDate: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) throw new RangeError(`not a date (YYYY-MM-DD): ${isoDate}`);
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}

/**
 * A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`, not starting or ending with an
 * apostrophe, not empty, unique in the workbook (Excel compares case-insensitively). Vietnamese stays.
 */
export function safeSheetName(name: string, taken: ReadonlySet<string> = new Set()): string {
  let base = nfc(name)
    .replace(/[[\]:*?/\\]/g, ' ')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^'+|'+$/g, '');
  if (base.length === 0) base = 'Trang';
  if (base.toLowerCase() === 'history') base = 'History 1';
  const lower = new Set([...taken].map((t) => t.toLowerCase()));
  const cut = (s: string, n: number) => [...s].slice(0, n).join('').trim();
  let candidate = cut(base, 31);
  for (let i = 2; lower.has(candidate.toLowerCase()); i++) {
    const suffix = ` (${i})`;
    candidate = `${cut(base, 31 - suffix.length)}${suffix}`;
  }
  return candidate;
}

export function addSheet<R>(wb: ExcelJS.Workbook, sheet: ExcelSheet<R>): ExcelJS.Worksheet {
  const taken = new Set(wb.worksheets.map((w) => w.name));
  const ws = wb.addWorksheet(safeSheetName(sheet.name, taken), {
    views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }],
  });
  ws.columns = sheet.columns.map((c) => ({
    header: nfc(c.header),
    width: c.width ?? WIDTHS[c.type],
    style: FORMATS[c.type] ? { numFmt: FORMATS[c.type] } : {},
  }));
  sheet.rows.forEach((r, i) => {
    ws.addRow(
      sheet.columns.map((c) => {
        const v = c.value(r, i);
        if (typeof v === 'string') return c.type === 'date' ? excelDate(v) : nfc(v);
        return v;
      }),
    );
  });
  const header = ws.getRow(1);
  header.font = { bold: true, name: 'Times New Roman' };
  header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  header.eachCell((cell) => {
    cell.numFmt = 'General';
    cell.border = { bottom: { style: 'thin' } };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
  });
  if (sheet.columns.length > 0) {
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sheet.columns.length } };
  }
  return ws;
}

export interface WorkbookMeta {
  title?: string;
  creator?: string;
  /** Fixed for reproducible files. */
  created?: Date;
}

/** A sheet with its row type erased, so sheets of different rows go into one workbook. */
export interface PreparedSheet {
  readonly name: string;
  write(wb: ExcelJS.Workbook): ExcelJS.Worksheet;
}

export const sheet = <R>(s: ExcelSheet<R>): PreparedSheet => ({
  name: s.name,
  write: (wb) => addSheet(wb, s),
});

export async function buildWorkbook(
  sheets: readonly PreparedSheet[],
  meta: WorkbookMeta = {},
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = meta.creator ?? 'Accolade';
  if (meta.title) wb.title = nfc(meta.title);
  const when = meta.created ?? new Date(Date.UTC(2000, 0, 1));
  wb.created = when;
  wb.modified = when;
  for (const s of sheets) s.write(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** One table as a workbook. */
export const tableWorkbook = <R>(s: ExcelSheet<R>, meta?: WorkbookMeta): Promise<Buffer> =>
  buildWorkbook([sheet(s)], meta);
