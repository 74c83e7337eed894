import {
  HEADER_COLUMNS_MM,
  MARGINS_MM,
  mmToPt,
  NATIONAL_MOTTO,
  NATIONAL_NAME,
  PARAGRAPH,
  SIGNATURE_BOX_MM,
  SIGNATURE_COLUMNS_MM,
  SIZE,
  TEXT_WIDTH_MM,
} from '../layout/layout.constants';
import type { Annex, Block, OfficialDocument, Signatory } from '../model/document.model';
import { numberLine, placeDateLine } from '../model/symbol';
import {
  centredRule,
  createPdf,
  drawPageNumbers,
  drawVerification,
  finish,
  lineHeight,
  toPdfRect,
  writeRuns,
  type Pdf,
  type PdfRect,
} from './pdf-kit';
import { drawTable } from './pdf-table';

export interface PdfRenderOptions {
  /** Printed with a QR code at the foot of the first page: where anyone can verify the document. */
  verificationUrl?: string;
  /** The PDF's creation date (default: the document's date at 08:00 +07:00, or 1 January of its year). */
  creationDate?: Date;
}

/** Where a visible signature goes: a page index (0-based) and a rectangle in PDF user space. */
export interface SignaturePlacement {
  page: number;
  rect: PdfRect;
}

export interface RenderedPdf {
  bytes: Buffer;
  pageCount: number;
  /** The box kept between the signer's capacity and name: the signature image (and the seal) go there. */
  signatureBox: SignaturePlacement;
  /**
   * The top right of the first page: where NĐ 30/2020 puts the organisation's signature (number and
   * signing time, no image) on an attachment sent as a separate file.
   */
  stampBox: SignaturePlacement;
  /** First page (0-based) of the annex, which has its own page numbers; null without one. */
  annexFirstPage: number | null;
}

const pt = mmToPt;
const LEFT = pt(MARGINS_MM.left);
const WIDTH = pt(TEXT_WIDTH_MM);

function defaultCreationDate(d: OfficialDocument): Date {
  return d.date === null ? new Date(Date.UTC(d.year, 0, 1)) : new Date(`${d.date}T08:00:00+07:00`);
}

/** Renders the document model as a PDF (A4, NĐ 30/2020 layout), with no office suite. */
export async function renderPdf(
  model: OfficialDocument,
  options: PdfRenderOptions = {},
): Promise<RenderedPdf> {
  const doc = createPdf(
    {
      title: `${model.title} ${numberLine(model.number, model.type, model.issuer.code)}`,
      subject: model.subject.join(' '),
      author: model.issuer.name,
      creationDate: options.creationDate ?? defaultCreationDate(model),
    },
    'portrait',
    MARGINS_MM,
  );
  drawHeader(doc, model);
  drawTitle(doc, model);
  drawBody(doc, model);
  const signatureBox = drawSignatureBlock(doc, model);
  let annexFirstPage: number | null = null;
  if (model.annex) {
    doc.addPage();
    annexFirstPage = doc.bufferedPageRange().count - 1;
    drawAnnex(doc, model.annex);
  }
  drawPageNumbers(doc, annexFirstPage === null ? [0] : [0, annexFirstPage]);
  if (options.verificationUrl) drawVerification(doc, 0, options.verificationUrl);
  const pageCount = doc.bufferedPageRange().count;
  doc.switchToPage(0);
  const stampW = pt(62);
  const stampBox: SignaturePlacement = {
    page: 0,
    rect: toPdfRect(doc, doc.page.width - pt(MARGINS_MM.right) - stampW, pt(4), stampW, pt(14)),
  };
  const bytes = await finish(doc);
  return { bytes, pageCount, signatureBox, stampBox, annexFirstPage };
}

/** Lines of a centred block within a column; returns the y after it. */
function centred(
  doc: Pdf,
  text: string,
  x: number,
  width: number,
  y: number,
  font: 'regular' | 'bold' | 'italic',
  size: number,
): number {
  doc.font(font).fontSize(size);
  doc.text(text, x, y, { width, align: 'center' });
  return doc.y;
}

function drawHeader(doc: Pdf, m: OfficialDocument): void {
  const top = doc.page.margins.top;
  const leftW = pt(HEADER_COLUMNS_MM.left);
  const rightX = LEFT + leftW;
  const rightW = pt(HEADER_COLUMNS_MM.right);
  const leftCentre = LEFT + leftW / 2;
  const rightCentre = rightX + rightW / 2;

  // Left: parent body, issuer (bold), a rule of a third of the issuer's line.
  let yl = top;
  if (m.issuer.parent) yl = centred(doc, m.issuer.parent, LEFT, leftW, yl, 'regular', SIZE.parentBody);
  doc.font('bold').fontSize(SIZE.issuer);
  const issuerLines = m.issuer.name;
  yl = centred(doc, issuerLines, LEFT, leftW, yl, 'bold', SIZE.issuer);
  const issuerW = Math.min(doc.widthOfString(issuerLines), leftW);
  centredRule(doc, leftCentre, yl + 1.5, Math.max(issuerW / 3, pt(18)));

  // Right: national name, motto (bold), a rule as long as the motto.
  let yr = top;
  yr = centred(doc, NATIONAL_NAME, rightX, rightW, yr, 'bold', SIZE.nationalName);
  yr = centred(doc, NATIONAL_MOTTO, rightX, rightW, yr, 'bold', SIZE.motto);
  doc.font('bold').fontSize(SIZE.motto);
  centredRule(doc, rightCentre, yr + 1.5, doc.widthOfString(NATIONAL_MOTTO));

  // Number and place–date on one line, under whichever column is taller.
  const y = Math.max(yl, yr) + pt(3.5);
  const symbol = numberLine(m.number, m.type, m.issuer.code);
  centred(doc, symbol, LEFT, leftW, y + (SIZE.placeDate - SIZE.symbol) / 2, 'regular', SIZE.symbol);
  const yAfterNumber = doc.y;
  centred(doc, placeDateLine(m.issuer.place, m.date, m.year), rightX, rightW, y, 'italic', SIZE.placeDate);
  doc.x = LEFT;
  doc.y = Math.max(doc.y, yAfterNumber);
}

function drawTitle(doc: Pdf, m: OfficialDocument): void {
  doc.y += pt(8);
  centred(doc, m.title, LEFT, WIDTH, doc.y, 'bold', SIZE.title);
  let longest = 0;
  doc.font('bold').fontSize(SIZE.subject);
  for (const line of m.subject) {
    longest = Math.max(longest, Math.min(doc.widthOfString(line), WIDTH));
    centred(doc, line, LEFT, WIDTH, doc.y, 'bold', SIZE.subject);
  }
  centredRule(doc, LEFT + WIDTH / 2, doc.y + 2, Math.max(longest / 3, pt(25)));
  doc.y += pt(4);
  if (m.addressee) {
    doc.y += pt(2);
    centred(doc, m.addressee, LEFT, WIDTH, doc.y, 'regular', SIZE.body);
  }
  if (m.authority) {
    doc.y += pt(3);
    centred(doc, m.authority, LEFT, WIDTH, doc.y, 'bold', SIZE.body);
  }
  doc.y += pt(3);
  for (const g of m.grounds) {
    writeRuns(doc, [{ text: g, italic: true }], {
      x: LEFT,
      width: WIDTH,
      size: SIZE.body,
      align: 'justify',
      indent: pt(PARAGRAPH.firstLineIndentMm),
      lineGap: SIZE.body * (PARAGRAPH.lineGap - 1),
    });
    doc.y += PARAGRAPH.spaceAfterPt / 2;
  }
}

function drawBody(doc: Pdf, m: OfficialDocument): void {
  m.body.forEach((b, i) => {
    // The last paragraph goes with the signature block: a signature never stands alone on a page.
    if (i === m.body.length - 1 && b.type === 'paragraph') {
      doc.font('regular').fontSize(SIZE.body);
      const h = doc.heightOfString(b.runs.map((r) => r.text).join(''), {
        width: WIDTH,
        indent: b.indent ? pt(PARAGRAPH.firstLineIndentMm) : 0,
        lineGap: SIZE.body * (PARAGRAPH.lineGap - 1),
      });
      const limit = doc.page.height - doc.page.margins.bottom;
      if (doc.y + h < limit && doc.y + h + PARAGRAPH.spaceAfterPt + signatureBlockHeight(doc, m) > limit) {
        doc.addPage();
      }
    }
    drawBlock(doc, b);
  });
}

function drawBlock(doc: Pdf, b: Block): void {
  const gap = SIZE.body * (PARAGRAPH.lineGap - 1);
  switch (b.type) {
    case 'heading': {
      // A heading never ends a page: keep it with two lines of what follows.
      if (doc.y + 3 * lineHeight(doc, 'bold', SIZE.body) > doc.page.height - doc.page.margins.bottom)
        doc.addPage();
      doc.y += PARAGRAPH.spaceAfterPt / 2;
      writeRuns(doc, [{ text: b.text, bold: true }], {
        x: LEFT,
        width: WIDTH,
        size: SIZE.body,
        align: b.align,
        indent: b.align === 'left' ? pt(PARAGRAPH.firstLineIndentMm) : 0,
        lineGap: gap,
      });
      doc.y += PARAGRAPH.spaceAfterPt / 2;
      return;
    }
    case 'paragraph':
      writeRuns(doc, b.runs, {
        x: LEFT,
        width: WIDTH,
        size: SIZE.body,
        align: b.align,
        indent: b.indent ? pt(PARAGRAPH.firstLineIndentMm) : 0,
        lineGap: gap,
      });
      doc.y += PARAGRAPH.spaceAfterPt;
      return;
    case 'table':
      doc.y += 2;
      drawTable(doc, b.table, {
        x: LEFT,
        width: WIDTH,
        size: SIZE.table,
        headerSize: SIZE.tableHeader,
        padX: 3,
        padY: 2.5,
      });
      doc.y += PARAGRAPH.spaceAfterPt;
      return;
  }
}

function capacityHeight(doc: Pdf, s: Signatory, width: number): number {
  doc.font('bold').fontSize(SIZE.capacity);
  return s.capacity.reduce((h, line) => h + doc.heightOfString(line, { width }), 0);
}

/** Height of a signatory's block: capacity lines, the signature box, the name. */
function signatoryHeight(doc: Pdf, s: Signatory, width: number): number {
  return (
    capacityHeight(doc, s, width) +
    pt(SIGNATURE_BOX_MM.height) +
    doc.font('bold').fontSize(SIZE.signerName).heightOfString(s.name, { width })
  );
}

/**
 * Draws a signatory at (x, y) in a column; its box starts `capacityH` below y, so that two
 * signatories' names share one line. Returns the signature box (top-left origin).
 */
function drawSignatory(doc: Pdf, s: Signatory, x: number, width: number, y: number, capacityH: number) {
  let yy = y;
  for (const line of s.capacity) yy = centred(doc, line, x, width, yy, 'bold', SIZE.capacity);
  const boxW = Math.min(pt(SIGNATURE_BOX_MM.width), width);
  const box = { x: x + (width - boxW) / 2, y: y + capacityH, w: boxW, h: pt(SIGNATURE_BOX_MM.height) };
  centred(doc, s.name, x, width, box.y + box.h, 'bold', SIZE.signerName);
  return box;
}

function recipientsHeight(doc: Pdf, lines: readonly string[], width: number): number {
  if (lines.length === 0) return 0;
  let h = doc.font('boldItalic').fontSize(SIZE.recipientsLabel).heightOfString('Nơi nhận:', { width });
  doc.font('regular').fontSize(SIZE.recipients);
  for (const l of lines) h += doc.heightOfString(l, { width });
  return h;
}

function signatureBlockHeight(doc: Pdf, m: OfficialDocument): number {
  const leftW = pt(SIGNATURE_COLUMNS_MM.left);
  const rightW = pt(SIGNATURE_COLUMNS_MM.right);
  const primary = m.signatories[m.signatories.length - 1] as Signatory;
  const second = m.signatories.length === 2 ? m.signatories[0] : undefined;
  return (
    pt(2) +
    Math.max(
      signatoryHeight(doc, primary, rightW),
      second ? signatoryHeight(doc, second, leftW) : recipientsHeight(doc, m.recipients, leftW),
    )
  );
}

function drawSignatureBlock(doc: Pdf, m: OfficialDocument): SignaturePlacement {
  const leftW = pt(SIGNATURE_COLUMNS_MM.left);
  const rightW = pt(SIGNATURE_COLUMNS_MM.right);
  const rightX = LEFT + leftW;
  const primary = m.signatories[m.signatories.length - 1] as Signatory;
  const second = m.signatories.length === 2 ? m.signatories[0] : undefined;
  const need = signatureBlockHeight(doc, m);
  const capacityH = Math.max(
    capacityHeight(doc, primary, rightW),
    second ? capacityHeight(doc, second, leftW) : 0,
  );
  doc.y += pt(2);
  if (doc.y + need > doc.page.height - doc.page.margins.bottom) doc.addPage();
  const y = doc.y;
  if (second) {
    drawSignatory(doc, second, LEFT, leftW, y, capacityH);
  } else if (m.recipients.length > 0) {
    doc.font('boldItalic').fontSize(SIZE.recipientsLabel).text('Nơi nhận:', LEFT, y, { width: leftW });
    doc.font('regular').fontSize(SIZE.recipients);
    for (const l of m.recipients) doc.text(l, LEFT, doc.y, { width: leftW });
  }
  const yLeft = doc.y;
  doc.y = y;
  const box = drawSignatory(doc, primary, rightX, rightW, y, capacityH);
  doc.x = LEFT;
  doc.y = Math.max(doc.y, yLeft);
  return { page: doc.bufferedPageRange().count - 1, rect: toPdfRect(doc, box.x, box.y, box.w, box.h) };
}

function drawAnnex(doc: Pdf, a: Annex): void {
  doc.y = doc.page.margins.top;
  centred(doc, a.title, LEFT, WIDTH, doc.y, 'bold', SIZE.annexTitle);
  if (a.subtitle) centred(doc, a.subtitle, LEFT, WIDTH, doc.y, 'bold', SIZE.annexTitle);
  centred(doc, a.reference, LEFT, WIDTH, doc.y, 'italic', SIZE.annexReference);
  doc.font('bold').fontSize(SIZE.annexTitle);
  centredRule(doc, LEFT + WIDTH / 2, doc.y + 2, pt(40));
  doc.y += pt(5);
  drawTable(doc, a.table, {
    x: LEFT,
    width: WIDTH,
    size: SIZE.table,
    headerSize: SIZE.tableHeader,
    padX: 3,
    padY: 2.5,
  });
  if (a.closing) {
    doc.y += pt(2);
    if (doc.y + lineHeight(doc, 'italic', SIZE.body) > doc.page.height - doc.page.margins.bottom)
      doc.addPage();
    writeRuns(doc, [{ text: a.closing, italic: true }], {
      x: LEFT,
      width: WIDTH,
      size: SIZE.body,
      align: 'left',
    });
  }
}
