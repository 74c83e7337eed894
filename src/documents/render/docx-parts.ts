import {
  AlignmentType,
  BorderStyle,
  Header,
  LineRuleType,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type IBorderOptions,
  type IParagraphOptions,
} from 'docx';
import { FONT_FAMILY, LANGUAGE, PARAGRAPH, ptToHalfPt, ptToTwip, SIZE } from '../layout/layout.constants';
import type { Align, Run, Table as TableModel } from '../model/document.model';
import { textWidthPt } from './text-measure';

/** docx building blocks both DOCX renderers share. Widths are in twips. */

export const NO_BORDER: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
export const NO_BORDERS = {
  top: NO_BORDER,
  bottom: NO_BORDER,
  left: NO_BORDER,
  right: NO_BORDER,
  insideHorizontal: NO_BORDER,
  insideVertical: NO_BORDER,
};
const LINE: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const CELL_BORDERS = { top: LINE, bottom: LINE, left: LINE, right: LINE };

export const alignment = (
  a: Align | 'left' | 'center' | 'right',
): (typeof AlignmentType)[keyof typeof AlignmentType] =>
  a === 'center'
    ? AlignmentType.CENTER
    : a === 'right'
      ? AlignmentType.RIGHT
      : a === 'justify'
        ? AlignmentType.JUSTIFIED
        : AlignmentType.LEFT;

export interface RunStyle {
  size: number;
  bold?: boolean | undefined;
  italic?: boolean | undefined;
  /** Hex without `#`. */
  color?: string | undefined;
}

export const run = (text: string, s: RunStyle): TextRun =>
  new TextRun({
    text,
    bold: s.bold ?? false,
    italics: s.italic ?? false,
    ...(s.color ? { color: s.color } : {}),
    size: ptToHalfPt(s.size),
    font: FONT_FAMILY,
    language: { value: LANGUAGE },
  });

/** Exact line height for a size (Word's "exactly"; `LineRuleType.EXACTLY` writes a value Word ignores). */
const exactLine = (size: number) => ({
  line: ptToTwip(size * PARAGRAPH.lineGap + 1),
  lineRule: LineRuleType.EXACT,
});

export function textParagraph(
  text: string,
  s: RunStyle & {
    align?: Align | 'left' | 'center' | 'right';
    after?: number;
    before?: number;
    indent?: number;
  },
): Paragraph {
  return new Paragraph({
    alignment: alignment(s.align ?? 'left'),
    spacing: { before: ptToTwip(s.before ?? 0), after: ptToTwip(s.after ?? 0), ...exactLine(s.size) },
    indent: s.indent ? { firstLine: s.indent } : undefined,
    children: [run(text, s)],
  });
}

export function runsParagraph(
  items: readonly Run[],
  s: {
    size: number;
    align: Align;
    indent?: number | undefined;
    after?: number;
    before?: number;
    keepNext?: boolean;
  },
): Paragraph {
  return new Paragraph({
    alignment: alignment(s.align),
    keepNext: s.keepNext ?? false,
    spacing: { before: ptToTwip(s.before ?? 0), after: ptToTwip(s.after ?? 0), ...exactLine(s.size) },
    indent: s.indent ? { firstLine: s.indent } : undefined,
    children: items.map((r) => run(r.text, { size: s.size, bold: r.bold, italic: r.italic })),
  });
}

/**
 * A short horizontal rule, centred in a column of `columnTwip`: a 1-pt paragraph with a top border and
 * indents (a bottom border under the text itself would shrink the text to the rule's width).
 */
export function rule(lengthPt: number, columnTwip: number): Paragraph {
  const side = Math.max(0, Math.round((columnTwip - ptToTwip(lengthPt)) / 2));
  const options: IParagraphOptions = {
    spacing: { before: 0, after: 0, line: 20, lineRule: LineRuleType.EXACT },
    indent: { left: side, right: side },
    border: { top: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    children: [run('', { size: 1 })],
  };
  return new Paragraph(options);
}

/** The length of a rule under a line of text (the text's own width), points. */
export const ruleUnder = (text: string, style: 'regular' | 'bold', size: number): number =>
  textWidthPt(text, style, size);

/** A borderless fixed-layout table of columns; each cell holds the given paragraphs. */
export function layoutTable(
  columnsTwip: readonly number[],
  rows: readonly (readonly Paragraph[])[][],
  cantSplit = false,
): Table {
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: columnsTwip.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: [...columnsTwip],
    borders: NO_BORDERS,
    rows: rows.map(
      (cells) =>
        new TableRow({
          cantSplit,
          children: cells.map(
            (children, i) =>
              new TableCell({
                width: { size: columnsTwip[i] ?? 0, type: WidthType.DXA },
                borders: { top: NO_BORDER, bottom: NO_BORDER, left: NO_BORDER, right: NO_BORDER },
                margins: { left: 0, right: 0, top: 0, bottom: 0 },
                children: [...children],
              }),
          ),
        }),
    ),
  });
}

/**
 * Paragraph styles of table text: a 300-row annex is 1,200 cells, and giving each run its own font,
 * size and language tripled the XML and the time docx takes to write it. Cells refer to these instead.
 */
export const tableParagraphStyles = [
  {
    id: 'AccoladeTableBody',
    name: 'Accolade table body',
    basedOn: 'Normal',
    run: { size: ptToHalfPt(SIZE.table), font: FONT_FAMILY, language: { value: LANGUAGE } },
    paragraph: { spacing: { before: 0, after: 0, ...exactLine(SIZE.table) } },
  },
  {
    id: 'AccoladeTableHeader',
    name: 'Accolade table header',
    basedOn: 'AccoladeTableBody',
    run: { bold: true, size: ptToHalfPt(SIZE.tableHeader) },
    paragraph: { alignment: AlignmentType.CENTER },
  },
];

/** A ruled data table whose header row repeats on every page (`tblHeader`); rows never split. */
export function dataTable(t: TableModel, widthTwip: number): Table {
  const total = t.columns.reduce((s, c) => s + c.width, 0);
  const widths = t.columns.map((c) => Math.round((c.width / total) * widthTwip));
  const cell = (text: string, i: number, header: boolean) =>
    new TableCell({
      width: { size: widths[i] ?? 0, type: WidthType.DXA },
      verticalAlign: header ? VerticalAlign.CENTER : VerticalAlign.TOP,
      children: [
        new Paragraph({
          style: header ? 'AccoladeTableHeader' : 'AccoladeTableBody',
          ...(header ? {} : { alignment: alignment(t.columns[i]?.align ?? 'left') }),
          children: [new TextRun(text)],
        }),
      ],
    });
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    borders: { ...CELL_BORDERS, insideHorizontal: LINE, insideVertical: LINE },
    margins: { left: 60, right: 60, top: 40, bottom: 40 },
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: t.columns.map((c, i) => cell(c.header, i, true)),
      }),
      ...t.rows.map(
        (r) => new TableRow({ cantSplit: true, children: r.map((text, i) => cell(text, i, false)) }),
      ),
    ],
  });
}

/** The header with the page number, centred; the first page of a part has none (`titlePg`). */
export function pageNumberHeaders() {
  return {
    default: new Header({
      children: [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          children: [
            new TextRun({
              children: [PageNumber.CURRENT],
              size: ptToHalfPt(SIZE.pageNumber),
              font: FONT_FAMILY,
              language: { value: LANGUAGE },
            }),
          ],
        }),
      ],
    }),
    first: new Header({ children: [new Paragraph({ children: [] })] }),
  };
}
