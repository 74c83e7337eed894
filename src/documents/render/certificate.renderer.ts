import {
  Document,
  Packer,
  PageOrientation,
  Paragraph,
  PageBorderDisplay,
  PageBorderOffsetFrom,
  BorderStyle,
} from 'docx';
import type { CertificateBatch, CertificatePage } from '../builders/certificate.document';
import {
  A4,
  CERTIFICATE_MARGINS_MM,
  FONT_FAMILY,
  LANGUAGE,
  mmToPt,
  mmToTwip,
  NATIONAL_MOTTO,
  NATIONAL_NAME,
  ptToHalfPt,
  SIGNATURE_BOX_MM,
} from '../layout/layout.constants';
import { layoutTable, rule, textParagraph } from './docx-parts';
import { centredRule, createPdf, finish, toPdfRect, type Pdf } from './pdf-kit';
import type { SignaturePlacement } from './pdf.renderer';
import { textWidthPt } from './text-measure';

/**
 * Certificates (Giấy khen, certificates of a title): one A4 landscape page per awardee, in one file so
 * the office prints the batch at once. PDF and DOCX from the same pages and the same constants.
 */
const RED = '#b3121b';
const GOLD = '#c9a227';
const pt = mmToPt;

export interface RenderedCertificates {
  bytes: Buffer;
  pageCount: number;
  /** Per page, the box kept for the signature between the capacity and the name. */
  signatureBoxes: SignaturePlacement[];
}

export async function renderCertificatesPdf(
  batch: CertificateBatch,
  creationDate?: Date,
): Promise<RenderedCertificates> {
  const doc = createPdf(
    {
      title: batch.pages[0]?.title ?? 'GIẤY KHEN',
      author: batch.issuer.name,
      creationDate: creationDate ?? new Date(Date.UTC(2000, 0, 1)),
    },
    'landscape',
    CERTIFICATE_MARGINS_MM,
  );
  const boxes: SignaturePlacement[] = [];
  batch.pages.forEach((p, i) => {
    if (i > 0) doc.addPage();
    boxes.push({ page: i, rect: drawCertificate(doc, p) });
  });
  const bytes = await finish(doc);
  return { bytes, pageCount: batch.pages.length, signatureBoxes: boxes };
}

function frame(doc: Pdf): void {
  const w = doc.page.width;
  const h = doc.page.height;
  doc.save();
  doc
    .lineWidth(3)
    .rect(pt(9), pt(9), w - pt(18), h - pt(18))
    .stroke(RED);
  doc
    .lineWidth(1)
    .rect(pt(12), pt(12), w - pt(24), h - pt(24))
    .stroke(GOLD);
  // Corner squares, as printed certificates have.
  for (const [x, y] of [
    [pt(12), pt(12)],
    [w - pt(12), pt(12)],
    [pt(12), h - pt(12)],
    [w - pt(12), h - pt(12)],
  ] as const) {
    doc.rect(x - pt(2.5), y - pt(2.5), pt(5), pt(5)).fill(RED);
  }
  doc.restore();
}

function line(
  doc: Pdf,
  text: string,
  y: number,
  font: 'regular' | 'bold' | 'italic',
  size: number,
  colour = '#000000',
  x?: number,
  width?: number,
): number {
  const left = x ?? doc.page.margins.left;
  const w = width ?? doc.page.width - doc.page.margins.left - doc.page.margins.right;
  doc.fillColor(colour).font(font).fontSize(size).text(text, left, y, { width: w, align: 'center' });
  doc.fillColor('#000000');
  return doc.y;
}

function drawCertificate(doc: Pdf, p: CertificatePage) {
  frame(doc);
  const centre = doc.page.width / 2;
  let y = pt(CERTIFICATE_MARGINS_MM.top) + pt(4);
  y = line(doc, NATIONAL_NAME, y, 'bold', 14);
  y = line(doc, NATIONAL_MOTTO, y, 'bold', 15);
  doc.font('bold').fontSize(15);
  centredRule(doc, centre, y + 1.5, doc.widthOfString(NATIONAL_MOTTO));
  y += pt(9);
  y = line(doc, p.grantor, y, 'bold', 16);
  y = line(doc, 'TẶNG', y + pt(1), 'bold', 16);
  y = line(doc, p.title, y + pt(3), 'bold', 46, RED);
  if (p.titleConferred) y = line(doc, p.titleConferred, y, 'bold', 22, RED);
  y = line(doc, p.name, y + pt(3), 'bold', 26);
  if (p.position) y = line(doc, p.position, y + pt(1), 'italic', 15);
  y = line(doc, p.citation, y + pt(3), 'regular', 16);

  // Bottom: the decision and register on the left, the date and signer on the right.
  const bottom = doc.page.height - pt(CERTIFICATE_MARGINS_MM.bottom) - pt(4);
  const colW = pt(110);
  const rightX = doc.page.width - pt(CERTIFICATE_MARGINS_MM.right) - colW;
  const nameH = 18;
  const capH = p.signatory.capacity.length * 17;
  const boxH = pt(SIGNATURE_BOX_MM.height);
  const top = Math.max(y + pt(4), bottom - (17 + capH + boxH + nameH));
  let yr = line(doc, p.placeDate, top, 'italic', 14, '#000000', rightX, colW);
  for (const c of p.signatory.capacity) yr = line(doc, c, yr, 'bold', 14, '#000000', rightX, colW);
  const boxW = pt(SIGNATURE_BOX_MM.width);
  const box = toPdfRect(doc, rightX + (colW - boxW) / 2, yr, boxW, boxH);
  line(doc, p.signatory.name, yr + boxH, 'bold', 15, '#000000', rightX, colW);
  const leftX = pt(CERTIFICATE_MARGINS_MM.left) + pt(6);
  doc
    .font('regular')
    .fontSize(12)
    .text(p.decisionLine, leftX, bottom - 34, { width: pt(100) });
  if (p.register) doc.text(p.register, leftX, doc.y, { width: pt(100) });
  return box;
}

/** The same batch as DOCX: one landscape page per certificate, a double red page border. */
export async function renderCertificatesDocx(batch: CertificateBatch): Promise<Buffer> {
  const width = A4.heightTwip; // landscape
  const textW = width - mmToTwip(CERTIFICATE_MARGINS_MM.left) - mmToTwip(CERTIFICATE_MARGINS_MM.right);
  const border = { style: BorderStyle.DOUBLE, size: 18, color: RED.slice(1), space: 24 };
  const sections = batch.pages.map((p) => {
    const colW = mmToTwip(110);
    const children = [
      textParagraph(NATIONAL_NAME, { size: 14, bold: true, align: 'center' }),
      textParagraph(NATIONAL_MOTTO, { size: 15, bold: true, align: 'center' }),
      rule(textWidthPt(NATIONAL_MOTTO, 'bold', 15), textW),
      textParagraph(p.grantor, { size: 16, bold: true, align: 'center', before: 22 }),
      textParagraph('TẶNG', { size: 16, bold: true, align: 'center', before: 3 }),
      titleParagraph(p.title, 46),
      ...(p.titleConferred ? [titleParagraph(p.titleConferred, 22)] : []),
      textParagraph(p.name, { size: 26, bold: true, align: 'center', before: 8 }),
      ...(p.position ? [textParagraph(p.position, { size: 15, italic: true, align: 'center' })] : []),
      textParagraph(p.citation, { size: 16, align: 'center', before: 8 }),
      layoutTable(
        [textW - colW, colW],
        [
          [
            [
              textParagraph('', { size: 12, before: 60 }),
              textParagraph(p.decisionLine, { size: 12 }),
              ...(p.register ? [textParagraph(p.register, { size: 12 })] : []),
            ],
            [
              textParagraph(p.placeDate, { size: 14, italic: true, align: 'center', before: 8 }),
              ...p.signatory.capacity.map((c) => textParagraph(c, { size: 14, bold: true, align: 'center' })),
              ...Array.from({ length: 4 }, () => textParagraph('', { size: 14 })),
              textParagraph(p.signatory.name, { size: 15, bold: true, align: 'center' }),
            ],
          ],
        ],
        true,
      ),
    ];
    return {
      properties: {
        page: {
          size: { width: A4.widthTwip, height: A4.heightTwip, orientation: PageOrientation.LANDSCAPE },
          margin: {
            top: mmToTwip(CERTIFICATE_MARGINS_MM.top),
            bottom: mmToTwip(CERTIFICATE_MARGINS_MM.bottom),
            left: mmToTwip(CERTIFICATE_MARGINS_MM.left),
            right: mmToTwip(CERTIFICATE_MARGINS_MM.right),
          },
          borders: {
            pageBorders: { display: PageBorderDisplay.ALL_PAGES, offsetFrom: PageBorderOffsetFrom.PAGE },
            pageBorderTop: border,
            pageBorderBottom: border,
            pageBorderLeft: border,
            pageBorderRight: border,
          },
        },
      },
      children,
    };
  });
  return Packer.toBuffer(
    new Document({
      creator: 'Accolade',
      title: batch.pages[0]?.title ?? 'GIẤY KHEN',
      styles: {
        default: {
          document: { run: { font: FONT_FAMILY, size: ptToHalfPt(14), language: { value: LANGUAGE } } },
        },
      },
      sections,
    }),
  );
}

function titleParagraph(text: string, size: number): Paragraph {
  return textParagraph(text, { size, bold: true, align: 'center', before: 6, color: RED.slice(1) });
}
