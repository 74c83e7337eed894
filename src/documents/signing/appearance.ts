import type { PDFDocument, PDFRef } from 'pdf-lib';
import { SIGNATURE_COLOURS } from '../layout/layout.constants';
import { createPdf, finish, type Pdf } from '../render/pdf-kit';

/**
 * The visible appearances NĐ 30/2020 gives electronic signatures:
 * - the person's signature: the handwritten signature image (blue, transparent PNG) if there is one,
 *   and the signer's name and the signing time (ISO 8601, +07:00) in small type;
 * - the organisation's seal: the seal image (red, transparent PNG, real size), or without one a red
 *   vector seal with the organisation's name around it; it overlaps the left third of the signature;
 * - the stamp of an attachment sent as a separate file: no image, the number and the signing time,
 *   Times 10 pt, at the top right of its first page.
 *
 * Each is drawn by pdfkit on a page the widget's size and embedded as the widget's form XObject
 * (pdf-lib's `embedPdf`). pdf-lib's own font subsetting (`@pdf-lib/fontkit`) drops most of Tinos's
 * glyphs, so the text goes through pdfkit, whose subsets are the ones the documents already use.
 */
export type Appearance =
  | { kind: 'signature'; image?: Uint8Array; lines: string[] }
  | { kind: 'seal'; image?: Uint8Array; organisation: string; place?: string }
  | { kind: 'stamp'; lines: string[] }
  | { kind: 'invisible' };

const BLUE = SIGNATURE_COLOURS.signature;
const RED = SIGNATURE_COLOURS.seal;

/** Lines centred in [x, x + w], each shrunk to fit, from `yTop` down. */
function centredLines(
  doc: Pdf,
  lines: readonly string[],
  x: number,
  w: number,
  yTop: number,
  size: number,
  colour: string,
) {
  doc.fillColor(colour).font('regular');
  lines.forEach((line, i) => {
    doc.fontSize(size);
    const s = Math.min(size, (size * (w - 2)) / Math.max(1, doc.widthOfString(line)));
    doc.fontSize(s).text(line, x, yTop + i * size * 1.2, { width: w, align: 'center', lineBreak: false });
  });
}

function image(doc: Pdf, png: Uint8Array, x: number, y: number, w: number, h: number) {
  doc.image(Buffer.from(png), x, y, { fit: [w, h], align: 'center', valign: 'center' });
}

/** Text along an arc, each letter upright to the circle; the top arc reads clockwise, the bottom one too. */
function arcText(
  doc: Pdf,
  s: string,
  cx: number,
  cy: number,
  r: number,
  size: number,
  spanDeg: number,
  top: boolean,
) {
  doc.font('bold').fontSize(size).fillColor(RED);
  const chars = [...s];
  const widths = chars.map((c) => doc.widthOfString(c));
  const natural = widths.reduce((a, b) => a + b, 0) / r;
  const span = Math.max(natural, (spanDeg * Math.PI) / 180);
  const gap = chars.length > 1 ? (span - natural) / (chars.length - 1) : 0;
  // Angles in pdfkit's page (y down): -90° is the top of the circle.
  let a = top ? -Math.PI / 2 - span / 2 : Math.PI / 2 + span / 2;
  const ascent = size * 0.7;
  chars.forEach((c, i) => {
    const w = widths[i] ?? 0;
    const mid = top ? a + w / r / 2 : a - w / r / 2;
    const deg = (mid * 180) / Math.PI + (top ? 90 : -90);
    const rr = top ? r : r - ascent;
    const x = cx + rr * Math.cos(mid);
    const y = cy + rr * Math.sin(mid);
    doc.save();
    doc.rotate(deg, { origin: [x, y] });
    // Baseline on the circle: pdfkit places text by its top, so lift it by the ascent.
    doc.text(c, x - w / 2, y - (top ? ascent : 0) - size * 0.2, { lineBreak: false });
    doc.restore();
    a = top ? a + w / r + gap : a - w / r - gap;
  });
}

function star(doc: Pdf, cx: number, cy: number, r: number) {
  const pts: [number, number][] = [];
  for (let i = 0; i < 10; i++) {
    const rr = i % 2 === 0 ? r : r * 0.382;
    const ang = -Math.PI / 2 + (i * Math.PI) / 5;
    pts.push([cx + rr * Math.cos(ang), cy + rr * Math.sin(ang)]);
  }
  doc.polygon(...pts).fill(RED);
}

function vectorSeal(doc: Pdf, organisation: string, place: string | undefined, w: number, h: number) {
  const cx = w / 2;
  const cy = h / 2;
  const r1 = Math.min(w, h) / 2 - 1.2;
  const r2 = r1 - 2.4;
  const r3 = r1 * 0.6;
  doc.save().strokeColor(RED);
  doc.lineWidth(1.8).circle(cx, cy, r1).stroke();
  doc.lineWidth(0.6).circle(cx, cy, r2).stroke();
  doc.lineWidth(0.9).circle(cx, cy, r3).stroke();
  doc.restore();
  const label = organisation.normalize('NFC').toLocaleUpperCase('vi-VN');
  const bottom = place?.normalize('NFC').toLocaleUpperCase('vi-VN');
  const band = r2 - r3;
  const rText = r3 + band * 0.28;
  const maxSize = band * 0.5;
  const fit = (s: string, spanDeg: number) => {
    doc.font('bold').fontSize(maxSize);
    return Math.min(
      maxSize,
      (maxSize * ((spanDeg * Math.PI) / 180) * rText) / Math.max(1, doc.widthOfString(s)),
    );
  };
  const topSpan = bottom ? 220 : 310;
  arcText(doc, label, cx, cy, rText, fit(label, topSpan), topSpan * 0.8, true);
  if (bottom) arcText(doc, bottom, cx, cy, rText + band * 0.55, fit(bottom, 80), 60, false);
  star(doc, cx, cy, r3 * 0.55);
}

async function drawAppearance(
  a: Exclude<Appearance, { kind: 'invisible' }>,
  w: number,
  h: number,
): Promise<Buffer> {
  const doc = createPdf(
    { title: 'appearance', author: 'Accolade', creationDate: new Date(0) },
    'portrait',
    { top: 0, bottom: 0, left: 0, right: 0 },
    [w, h],
  );
  if (a.kind === 'signature') {
    // The text keeps to the right two thirds: the seal covers the left third.
    const textSize = a.image ? 7 : 8.5;
    const textH = a.lines.length * textSize * 1.2;
    if (a.image) {
      image(doc, a.image, 0, 0, w, h - textH - 1);
      centredLines(doc, a.lines, w / 3, (w * 2) / 3, h - textH, textSize, BLUE);
    } else {
      centredLines(doc, a.lines, w / 3, (w * 2) / 3, (h - textH) / 2, textSize, BLUE);
    }
  } else if (a.kind === 'seal') {
    if (a.image) image(doc, a.image, 0, 0, w, h);
    else vectorSeal(doc, a.organisation, a.place, w, h);
  } else {
    doc.fillColor('#000000').font('regular').fontSize(10);
    a.lines.forEach((line, i) =>
      doc.text(line, 0, 1 + i * 12, { width: w - 1, align: 'right', lineBreak: false }),
    );
  }
  return finish(doc);
}

/** Builds the appearance XObject of a `w`×`h` widget in `doc`; null for an invisible signature. */
export async function buildAppearance(
  doc: PDFDocument,
  a: Appearance,
  w: number,
  h: number,
): Promise<PDFRef | null> {
  if (a.kind === 'invisible') return null;
  const [page] = await doc.embedPdf(await drawAppearance(a, w, h), [0]);
  if (!page) return null;
  return page.ref;
}
