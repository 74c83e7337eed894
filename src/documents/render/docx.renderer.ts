import { Document, Packer, PageOrientation, Paragraph, type ISectionOptions, type Table } from 'docx';
import {
  A4,
  FONT_FAMILY,
  HEADER_COLUMNS_MM,
  LANGUAGE,
  MARGINS_MM,
  mmToTwip,
  NATIONAL_MOTTO,
  NATIONAL_NAME,
  PARAGRAPH,
  ptToHalfPt,
  SIGNATURE_BOX_MM,
  SIGNATURE_COLUMNS_MM,
  SIZE,
  TEXT_WIDTH_MM,
} from '../layout/layout.constants';
import type { Annex, Block, OfficialDocument, Signatory } from '../model/document.model';
import { numberLine, placeDateLine } from '../model/symbol';
import {
  dataTable,
  layoutTable,
  pageNumberHeaders,
  rule,
  ruleUnder,
  runsParagraph,
  tableParagraphStyles,
  textParagraph,
} from './docx-parts';
import { textWidthPt } from './text-measure';

/**
 * Renders the document model as DOCX (for editing in Word), with the same layout rules as the PDF:
 * A4 in exact twips, NĐ 30/2020 margins, Times New Roman, `vi-VN`, the borderless two-column header,
 * the annex as its own section numbered from 1 (`pgNumType start=1`) with a repeated header row.
 */
const TEXT_W = mmToTwip(TEXT_WIDTH_MM);
const INDENT = mmToTwip(PARAGRAPH.firstLineIndentMm);

export const docxPage = {
  size: { width: A4.widthTwip, height: A4.heightTwip, orientation: PageOrientation.PORTRAIT },
  margin: {
    top: mmToTwip(MARGINS_MM.top),
    bottom: mmToTwip(MARGINS_MM.bottom),
    left: mmToTwip(MARGINS_MM.left),
    right: mmToTwip(MARGINS_MM.right),
    header: mmToTwip(8),
    footer: mmToTwip(8),
  },
};

export async function renderDocx(model: OfficialDocument): Promise<Buffer> {
  const sections: ISectionOptions[] = [
    {
      properties: { page: { ...docxPage, pageNumbers: { start: 1 } }, titlePage: true },
      headers: pageNumberHeaders(),
      children: [header(model), ...title(model), ...model.body.flatMap(block), signatureBlock(model)],
    },
  ];
  if (model.annex) {
    sections.push({
      properties: { page: { ...docxPage, pageNumbers: { start: 1 } }, titlePage: true },
      headers: pageNumberHeaders(),
      children: annex(model.annex),
    });
  }
  const doc = new Document({
    creator: 'Accolade',
    title: `${model.title} ${numberLine(model.number, model.type, model.issuer.code)}`,
    description: model.subject.join(' '),
    styles: {
      default: {
        document: { run: { font: FONT_FAMILY, size: ptToHalfPt(SIZE.body), language: { value: LANGUAGE } } },
      },
      paragraphStyles: tableParagraphStyles,
    },
    sections,
  });
  return Packer.toBuffer(doc);
}

function header(m: OfficialDocument): Table {
  const left = mmToTwip(HEADER_COLUMNS_MM.left);
  const right = TEXT_W - left;
  const leftCell: Paragraph[] = [];
  if (m.issuer.parent)
    leftCell.push(textParagraph(m.issuer.parent, { size: SIZE.parentBody, align: 'center' }));
  leftCell.push(textParagraph(m.issuer.name, { size: SIZE.issuer, bold: true, align: 'center' }));
  const issuerW = Math.min(ruleUnder(m.issuer.name, 'bold', SIZE.issuer), (left / 20) * 0.9);
  leftCell.push(rule(Math.max(issuerW / 3, 51), left));
  const rightCell = [
    textParagraph(NATIONAL_NAME, { size: SIZE.nationalName, bold: true, align: 'center' }),
    textParagraph(NATIONAL_MOTTO, { size: SIZE.motto, bold: true, align: 'center' }),
    rule(textWidthPt(NATIONAL_MOTTO, 'bold', SIZE.motto), right),
  ];
  return layoutTable(
    [left, right],
    [
      [leftCell, rightCell],
      [
        [
          textParagraph(numberLine(m.number, m.type, m.issuer.code), {
            size: SIZE.symbol,
            align: 'center',
            before: 8,
          }),
        ],
        [
          textParagraph(placeDateLine(m.issuer.place, m.date, m.year), {
            size: SIZE.placeDate,
            italic: true,
            align: 'center',
            before: 8,
          }),
        ],
      ],
    ],
  );
}

function title(m: OfficialDocument): Paragraph[] {
  const out = [textParagraph(m.title, { size: SIZE.title, bold: true, align: 'center', before: 22 })];
  for (const s of m.subject) out.push(textParagraph(s, { size: SIZE.subject, bold: true, align: 'center' }));
  const longest = Math.max(
    ...m.subject.map((s) => Math.min(textWidthPt(s, 'bold', SIZE.subject), TEXT_W / 20)),
  );
  out.push(rule(Math.max(longest / 3, 71), TEXT_W));
  if (m.addressee) out.push(textParagraph(m.addressee, { size: SIZE.body, align: 'center', before: 12 }));
  if (m.authority)
    out.push(textParagraph(m.authority, { size: SIZE.body, bold: true, align: 'center', before: 12 }));
  out.push(new Paragraph({ spacing: { before: 0, after: 0 }, children: [] }));
  for (const g of m.grounds) {
    out.push(
      runsParagraph([{ text: g, italic: true }], {
        size: SIZE.body,
        align: 'justify',
        indent: INDENT,
        after: 3,
      }),
    );
  }
  return out;
}

function block(b: Block): (Paragraph | Table)[] {
  switch (b.type) {
    case 'heading':
      return [
        runsParagraph([{ text: b.text, bold: true }], {
          size: SIZE.body,
          align: b.align,
          indent: b.align === 'left' ? INDENT : undefined,
          before: PARAGRAPH.spaceAfterPt / 2,
          after: PARAGRAPH.spaceAfterPt / 2,
          keepNext: true,
        }),
      ];
    case 'paragraph':
      return [
        runsParagraph(b.runs, {
          size: SIZE.body,
          align: b.align,
          indent: b.indent ? INDENT : undefined,
          after: PARAGRAPH.spaceAfterPt,
        }),
      ];
    case 'table':
      return [dataTable(b.table, TEXT_W), new Paragraph({ children: [] })];
  }
}

/** A signatory's cell; capacity lines are padded to `capacityLines` so two names share a line. */
function signatory(s: Signatory, capacityLines: number): Paragraph[] {
  const lines = s.capacity.map((c) => textParagraph(c, { size: SIZE.capacity, bold: true, align: 'center' }));
  while (lines.length < capacityLines) lines.push(textParagraph('', { size: SIZE.capacity }));
  // The space the signature image and the seal take: as tall as the PDF's signature box.
  const blank = Math.round(((SIGNATURE_BOX_MM.height / 25.4) * 72) / (SIZE.body * PARAGRAPH.lineGap + 1));
  for (let i = 0; i < blank; i++) lines.push(textParagraph('', { size: SIZE.body }));
  lines.push(textParagraph(s.name, { size: SIZE.signerName, bold: true, align: 'center' }));
  return lines;
}

function signatureBlock(m: OfficialDocument): Table {
  const left = mmToTwip(SIGNATURE_COLUMNS_MM.left);
  const right = TEXT_W - left;
  const primary = m.signatories[m.signatories.length - 1] as Signatory;
  const second = m.signatories.length === 2 ? m.signatories[0] : undefined;
  const capacityLines = Math.max(...m.signatories.map((s) => s.capacity.length));
  const leftCell: Paragraph[] = second
    ? signatory(second, capacityLines)
    : m.recipients.length === 0
      ? [textParagraph('', { size: SIZE.body })]
      : [
          textParagraph('Nơi nhận:', { size: SIZE.recipientsLabel, bold: true, italic: true }),
          ...m.recipients.map((r) => textParagraph(r, { size: SIZE.recipients })),
        ];
  return layoutTable([left, right], [[leftCell, signatory(primary, capacityLines)]], true);
}

function annex(a: Annex): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [
    textParagraph(a.title, { size: SIZE.annexTitle, bold: true, align: 'center' }),
  ];
  if (a.subtitle) out.push(textParagraph(a.subtitle, { size: SIZE.annexTitle, bold: true, align: 'center' }));
  out.push(textParagraph(a.reference, { size: SIZE.annexReference, italic: true, align: 'center' }));
  out.push(rule(113, TEXT_W));
  out.push(new Paragraph({ children: [] }));
  out.push(dataTable(a.table, TEXT_W));
  if (a.closing) out.push(textParagraph(a.closing, { size: SIZE.body, italic: true, before: 6 }));
  return out;
}
