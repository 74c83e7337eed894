import ExcelJS from 'exceljs';
import { defaultAwardCodes, defaultCatalogue } from './catalogue';

/**
 * Import of past awards (legacy registers, other software's exports) from CSV or Excel. Parsing is a
 * preview: every row is either valid or rejected with all its errors, by line number, so the clerk can
 * fix the file. Resolving a name to a person of the unit happens later, in the database layer
 * (`importPastAwards`), which reports names it cannot find.
 *
 * Columns (header row, Vietnamese or English, any order, case and accents ignored):
 * họ và tên / full_name (or tên tập thể / collective), đối tượng / nominee_kind (cá nhân | tập thể,
 * optional: individual by default), danh hiệu / award_code, năm / year, số quyết định / decision_number
 * (optional), ngày quyết định / decided_on (optional, YYYY-MM-DD or DD/MM/YYYY).
 */
export interface ValidRow {
  line: number;
  nomineeKind: 'individual' | 'collective';
  name: string;
  awardCode: string;
  year: number;
  decisionNumber: string | null;
  decidedOn: string | null;
}
export interface ImportPreview {
  rows: ValidRow[];
  rejected: Array<{ line: number; errors: string[] }>;
  /** Set when the file as a whole cannot be read (not a workbook, no sheet): no row was looked at. */
  fileError?: string;
}
export interface ParseOptions {
  /** Award codes accepted, with the recipient kind of each; defaults to the seed catalogue. */
  awards?: ReadonlyMap<string, 'individual' | 'collective' | 'both'>;
  /** Years accepted (inclusive); defaults 1945–2100. */
  minYear?: number;
  maxYear?: number;
}

const defaultAwards: ReadonlyMap<string, 'individual' | 'collective' | 'both'> = new Map(
  defaultCatalogue.map((a) => [a.code, a.recipient]),
);

/** Lower-case, accents and đ stripped, spaces collapsed: "Họ và tên" → "ho va ten". */
export function normaliseHeader(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[_\-.]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

type Field = 'name' | 'kind' | 'award' | 'year' | 'decision' | 'decidedOn';
const headerAliases: Record<Field, string[]> = {
  name: [
    'ho va ten',
    'ho ten',
    'ten',
    'full name',
    'name',
    'ten tap the',
    'nominee',
    'nominee name',
    'doi tuong ten',
  ],
  kind: ['doi tuong', 'loai', 'nominee kind', 'kind', 'ca nhan tap the'],
  award: ['danh hieu', 'ma danh hieu', 'hinh thuc', 'award', 'award code', 'code'],
  year: ['nam', 'year'],
  decision: ['so quyet dinh', 'so qd', 'quyet dinh', 'decision number', 'decision'],
  decidedOn: ['ngay quyet dinh', 'ngay qd', 'ngay', 'decided on', 'decision date'],
};

function mapHeader(cells: readonly string[]): { map: Partial<Record<Field, number>>; unknown: string[] } {
  const map: Partial<Record<Field, number>> = {};
  const unknown: string[] = [];
  cells.forEach((raw, i) => {
    const h = normaliseHeader(raw);
    if (!h) return;
    const field = (Object.keys(headerAliases) as Field[]).find((f) => headerAliases[f].includes(h));
    if (field && map[field] === undefined) map[field] = i;
    else unknown.push(raw);
  });
  return { map, unknown };
}

/** A calendar date from YYYY-MM-DD or DD/MM/YYYY (also D/M/YYYY, and '-' or '.' separators). */
export function parseDate(s: string): string | null {
  let y: number, m: number, d: number;
  let g = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (g) [y, m, d] = [Number(g[1]), Number(g[2]), Number(g[3])];
  else {
    g = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
    if (!g) return null;
    [d, m, y] = [Number(g[1]), Number(g[2]), Number(g[3])];
  }
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
  return dt.toISOString().slice(0, 10);
}

function parseKind(s: string): 'individual' | 'collective' | null {
  const k = normaliseHeader(s);
  if (k === '' || k === 'ca nhan' || k === 'individual' || k === 'person' || k === 'cn') return 'individual';
  if (k === 'tap the' || k === 'collective' || k === 'tt') return 'collective';
  return null;
}

/** Validates table rows (header first). `lineOf(i)` gives the file line of data row i for the report. */
export function validateRows(
  table: readonly string[][],
  opts: ParseOptions = {},
  firstLine = 1,
): ImportPreview {
  const awards = opts.awards ?? defaultAwards;
  const minYear = opts.minYear ?? 1945;
  const maxYear = opts.maxYear ?? 2100;
  const rows: ValidRow[] = [];
  const rejected: Array<{ line: number; errors: string[] }> = [];
  const headerIdx = table.findIndex((r) => r.some((c) => c.trim() !== ''));
  if (headerIdx < 0) return { rows, rejected: [{ line: firstLine, errors: ['empty file / tệp rỗng'] }] };
  const { map } = mapHeader(table[headerIdx] ?? []);
  const missing = (['name', 'award', 'year'] as const).filter((f) => map[f] === undefined);
  if (missing.length)
    return {
      rows,
      rejected: [
        {
          line: firstLine + headerIdx,
          errors: [
            `missing column(s) / thiếu cột: ${missing.join(', ')} (header: ${(table[headerIdx] ?? []).join(', ')})`,
          ],
        },
      ],
    };
  const cell = (r: readonly string[], f: Field): string => {
    const i = map[f];
    return i === undefined ? '' : (r[i] ?? '').trim();
  };
  for (let i = headerIdx + 1; i < table.length; i++) {
    const r = table[i] ?? [];
    const line = firstLine + i;
    if (r.every((c) => c.trim() === '')) continue;
    const errors: string[] = [];
    const name = cell(r, 'name').replace(/\s+/g, ' ');
    if (!name) errors.push('name is empty / thiếu họ tên');
    else if (name.length > 200) errors.push('name longer than 200 characters / họ tên quá dài');
    const nomineeKind = parseKind(cell(r, 'kind'));
    if (!nomineeKind)
      errors.push(`unknown nominee kind "${cell(r, 'kind')}" / đối tượng không hợp lệ (cá nhân | tập thể)`);
    const awardCode = cell(r, 'award').toUpperCase().replace(/Đ/g, 'D').replace(/\s+/g, '');
    const recipient = awards.get(awardCode);
    if (!awardCode) errors.push('award code is empty / thiếu mã danh hiệu');
    else if (!recipient)
      errors.push(
        `unknown award code "${cell(r, 'award')}" / mã danh hiệu không có trong danh mục (${[...awards.keys()].join(', ')})`,
      );
    else if (nomineeKind && recipient !== 'both' && recipient !== nomineeKind)
      errors.push(
        `${awardCode} is for ${recipient === 'individual' ? 'individuals' : 'collectives'} / ${awardCode} chỉ dành cho ${recipient === 'individual' ? 'cá nhân' : 'tập thể'}`,
      );
    const yearText = cell(r, 'year');
    const year = /^\d{4}$/.test(yearText) ? Number(yearText) : NaN;
    if (!Number.isInteger(year) || year < minYear || year > maxYear)
      errors.push(`bad year "${yearText}" / năm không hợp lệ (${minYear}–${maxYear})`);
    const decisionNumber = cell(r, 'decision') || null;
    if (decisionNumber && decisionNumber.length > 100)
      errors.push('decision number too long / số quyết định quá dài');
    const dateText = cell(r, 'decidedOn');
    let decidedOn: string | null = null;
    if (dateText) {
      decidedOn = parseDate(dateText);
      if (!decidedOn)
        errors.push(`bad date "${dateText}" / ngày quyết định không hợp lệ (YYYY-MM-DD hoặc DD/MM/YYYY)`);
      else if (Number.isInteger(year) && Number(decidedOn.slice(0, 4)) < year)
        errors.push(
          `decision dated ${decidedOn} before the award year ${year} / ngày quyết định trước năm khen thưởng`,
        );
    }
    if (errors.length || !nomineeKind) rejected.push({ line, errors });
    else rows.push({ line, nomineeKind, name, awardCode, year, decisionNumber, decidedOn });
  }
  return { rows, rejected };
}

/** RFC 4180 CSV (quotes, doubled quotes, newlines inside quotes); delimiter , ; or tab from the header. */
export function parseCsv(text: string): string[][] {
  const src = text.replace(/^\uFEFF/, '');
  const firstLine = src.split(/\r?\n/, 1)[0] ?? '';
  const counts = [',', ';', '\t'].map((d) => [d, firstLine.split(d).length] as const);
  const delim = counts.reduce((a, b) => (b[1] > a[1] ? b : a))[0];
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (quoted) {
      if (c === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === delim) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

export function parsePastAwardsCsv(text: string, opts?: ParseOptions): ImportPreview {
  return validateRows(parseCsv(text), opts);
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v) return String(v.text);
    if ('result' in v) return v.result === undefined ? '' : cellText(v.result);
    if ('error' in v) return '';
    return '';
  }
  return String(v);
}

/** The first worksheet of an .xlsx workbook; line numbers are the sheet's row numbers. */
export async function parsePastAwardsXlsx(
  buffer: Uint8Array | ArrayBuffer,
  opts?: ParseOptions,
): Promise<ImportPreview> {
  const wb = new ExcelJS.Workbook();
  const data =
    buffer instanceof ArrayBuffer
      ? buffer
      : buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength);
  try {
    await wb.xlsx.load(data as ArrayBuffer);
  } catch {
    // The library's own message (zip internals) helps no clerk: the file is not a workbook we can read.
    return {
      rows: [],
      rejected: [],
      fileError: 'không đọc được tệp Excel (.xlsx) / not a readable .xlsx workbook',
    };
  }
  const ws = wb.worksheets[0];
  if (!ws)
    return { rows: [], rejected: [], fileError: 'tệp không có trang tính / the workbook has no sheet' };
  const table: string[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    const values = row.values as ExcelJS.CellValue[];
    // row.values is 1-based (index 0 unused).
    table[n - 1] = values.slice(1).map(cellText);
  });
  for (let i = 0; i < table.length; i++) table[i] ??= [];
  return validateRows(table, opts, 1);
}

/** The default codes, for a template file's help text. */
export const importableAwardCodes: readonly string[] = defaultAwardCodes;
