import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { A4, mmToPt, PAGE_NUMBER_FROM, SIZE } from '../layout/layout.constants';
import type { Run } from '../model/document.model';
import { fontStyles, parsedFont, type FontStyle } from './fonts';

/** pdfkit helpers both PDF renderers share: fonts, rich runs, rules, page numbers, the QR code. */
export type Pdf = PDFKit.PDFDocument;

/** A rectangle in PDF user space (points, origin bottom-left): [x1, y1, x2, y2]. */
export type PdfRect = [number, number, number, number];

export interface PdfMetadata {
  title: string;
  subject?: string;
  author: string;
  keywords?: string;
  /** Fixed creation date, so the same model renders the same bytes. */
  creationDate: Date;
}

export function createPdf(
  meta: PdfMetadata,
  layout: 'portrait' | 'landscape',
  margins: { top: number; bottom: number; left: number; right: number },
  /** Points; A4 by default. */
  size: [number, number] = [A4.widthPt, A4.heightPt],
): Pdf {
  const doc = new PDFDocument({
    size,
    layout,
    margins: {
      top: mmToPt(margins.top),
      bottom: mmToPt(margins.bottom),
      left: mmToPt(margins.left),
      right: mmToPt(margins.right),
    },
    bufferPages: true,
    autoFirstPage: true,
    lang: 'vi-VN',
    pdfVersion: '1.7',
    displayTitle: true,
    // Every key set (pdfkit's file ID hashes them all, and an undefined one throws).
    info: {
      Title: meta.title,
      Subject: meta.subject ?? meta.title,
      Author: meta.author,
      Keywords: meta.keywords ?? '',
      Creator: 'Accolade',
      Producer: 'Accolade (pdfkit)',
      CreationDate: meta.creationDate,
      ModDate: meta.creationDate,
    },
  });
  // pdfkit accepts a parsed fontkit font (its types say only bytes).
  for (const style of fontStyles) doc.registerFont(style, parsedFont(style) as unknown as Buffer);
  doc.font('regular');
  return doc;
}

export const styleOf = (r: { bold?: boolean | undefined; italic?: boolean | undefined }): FontStyle =>
  r.bold ? (r.italic ? 'boldItalic' : 'bold') : r.italic ? 'italic' : 'regular';

/** Collects the PDF's bytes. */
export function finish(doc: Pdf): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

export interface TextBox {
  x: number;
  width: number;
  size: number;
  align?: 'left' | 'center' | 'right' | 'justify';
  indent?: number;
  lineGap?: number;
}

/**
 * Writes runs of mixed style as one paragraph at the current `doc.y`, flowing onto new pages.
 * pdfkit drops the leading space of a `continued` segment, so runs carry their spaces at the end.
 */
export function writeRuns(doc: Pdf, items: readonly Run[], box: TextBox): void {
  const list = items.filter((r) => r.text.length > 0);
  list.forEach((r, i) => {
    doc.font(styleOf(r)).fontSize(box.size);
    const options: PDFKit.Mixins.TextOptions = {
      width: box.width,
      align: box.align ?? 'left',
      lineGap: box.lineGap ?? 0,
      continued: i < list.length - 1,
    };
    if (i === 0) {
      if (box.indent) options.indent = box.indent;
      doc.text(r.text, box.x, doc.y, options);
    } else {
      doc.text(r.text, options);
    }
  });
}

/** Height of one line of text at a size (the font's line height). */
export const lineHeight = (doc: Pdf, style: FontStyle, size: number): number =>
  doc.font(style).fontSize(size).currentLineHeight(true);

/** A horizontal rule centred in a column. */
export function centredRule(doc: Pdf, xCentre: number, y: number, length: number, width = 0.6): void {
  doc
    .save()
    .lineWidth(width)
    .moveTo(xCentre - length / 2, y)
    .lineTo(xCentre + length / 2, y)
    .stroke('#000000')
    .restore();
}

/**
 * Page numbers, centred in the top margin, from the second page of each part: `parts` lists the first
 * page index of each part (the document, then its annex, which counts from 1 again).
 */
export function drawPageNumbers(doc: Pdf, parts: readonly number[]): void {
  const range = doc.bufferedPageRange();
  const starts = [...parts].sort((a, b) => a - b);
  for (let i = range.start; i < range.start + range.count; i++) {
    const start = starts.filter((s) => s <= i).pop() ?? 0;
    const n = i - start + 1;
    if (n < PAGE_NUMBER_FROM) continue;
    doc.switchToPage(i);
    const m = doc.page.margins;
    const top = m.top;
    m.top = 0;
    doc
      .font('regular')
      .fontSize(SIZE.pageNumber)
      .text(String(n), m.left, top / 2 - SIZE.pageNumber / 2, {
        width: doc.page.width - m.left - m.right,
        align: 'center',
        lineBreak: false,
      });
    m.top = top;
  }
}

/** A QR code (vector squares) with its URL beside it, in the bottom margin of the given page. */
export function drawVerification(doc: Pdf, page: number, url: string): void {
  doc.switchToPage(page);
  const qr = QRCode.create(url, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const side = mmToPt(16);
  const cell = side / n;
  const m = doc.page.margins;
  const x0 = m.left;
  const y0 = doc.page.height - m.bottom + mmToPt(2);
  const bottom = m.bottom;
  m.bottom = 0;
  doc.save();
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      if (qr.modules.get(r, c)) doc.rect(x0 + c * cell, y0 + r * cell, cell + 0.05, cell + 0.05);
    }
  }
  doc.fill('#000000').restore();
  doc
    .font('italic')
    .fontSize(SIZE.verification)
    .text(`Tra cứu, xác thực văn bản điện tử: ${url}`, x0 + side + mmToPt(2), y0 + side / 2 - 4, {
      width: doc.page.width - m.left - m.right - side - mmToPt(2),
      lineBreak: false,
    });
  m.bottom = bottom;
}

/** Converts a top-left-origin box into PDF user space. */
export const toPdfRect = (doc: Pdf, x: number, yTop: number, w: number, h: number): PdfRect => [
  x,
  doc.page.height - yTop - h,
  x + w,
  doc.page.height - yTop,
];
