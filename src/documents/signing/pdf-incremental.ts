import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFRef,
  type PDFObject,
} from 'pdf-lib';
import { SignatureTooLargeError, UnsupportedPdfError } from '../errors';

/**
 * Adds a signature field to a PDF as an incremental update: the original bytes stay untouched and the
 * new and changed objects (the signature dictionary, its widget and appearance, the page's /Annots,
 * the AcroForm) are appended with their own cross-reference section and a trailer whose /Prev points
 * at the previous one. Every signature, the first one included, is added this way, so a signed PDF is
 * always the frozen document plus updates, and earlier signatures stay valid (a full rewrite, as
 * `@signpdf/placeholder-pdf-lib` does with pdf-lib's `save()`, breaks them).
 */
export type PdfRect = [number, number, number, number];

export interface SignatureDictionary {
  subFilter: 'ETSI.CAdES.detached' | 'adbe.pkcs7.detached';
  /** The claimed signing time (/M). */
  signingTime: Date;
  name?: string;
  reason?: string;
  location?: string;
  contactInfo?: string;
}

export interface FieldSpec {
  /** 0-based page index. */
  page: number;
  /** Widget rectangle in PDF user space; [0,0,0,0] for an invisible signature. */
  rect: PdfRect;
  /** Bytes reserved for the CMS (the file holds twice as many hex digits). */
  signatureSize: number;
  dictionary: SignatureDictionary;
  /** Builds the appearance XObject in the document (after load, before the update is written). */
  appearance?: (doc: PDFDocument, width: number, height: number) => Promise<PDFRef | null>;
  /** The field's name; `Signature<n>` by default. */
  fieldName?: string;
}

export interface PreparedSignature {
  /** The PDF with the update appended and zeros where the CMS goes. */
  bytes: Buffer;
  byteRange: [number, number, number, number];
  /** Offset of the `<` of /Contents. */
  contentsStart: number;
  /** Hex digits reserved. */
  contentsHexLength: number;
}

const BYTE_RANGE_PLACEHOLDER = '[0000000000 0000000000 0000000000 0000000000]';

/** PDF date: `D:20261205091200+07'00'` in Vietnam's time (UTC+7, no daylight saving). */
export function pdfDate(d: Date, offsetMinutes = 420): string {
  const t = new Date(d.getTime() + offsetMinutes * 60_000);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const sign = offsetMinutes >= 0 ? '+' : '-';
  const o = Math.abs(offsetMinutes);
  return (
    `D:${t.getUTCFullYear()}${p(t.getUTCMonth() + 1)}${p(t.getUTCDate())}` +
    `${p(t.getUTCHours())}${p(t.getUTCMinutes())}${p(t.getUTCSeconds())}${sign}${p(Math.floor(o / 60))}'${p(o % 60)}'`
  );
}

/** ISO 8601 in Vietnam's time: `2026-12-05T09:12:00+07:00` (what NĐ 30/2020 shows on a signature). */
export function isoVietnam(d: Date): string {
  const t = new Date(d.getTime() + 7 * 3_600_000);
  return `${t.toISOString().slice(0, 19)}+07:00`;
}

const textString = (s: string): string => PDFHexString.fromText(s.normalize('NFC')).toString();

function serialize(obj: PDFObject): Buffer {
  const buf = new Uint8Array(obj.sizeInBytes());
  obj.copyBytesInto(buf, 0);
  return Buffer.from(buf);
}

/** The offset the last `startxref` points to. */
export function lastStartXref(pdf: Uint8Array): number {
  const tail = Buffer.from(pdf.subarray(Math.max(0, pdf.length - 2048))).toString('latin1');
  const m = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  if (!m) throw new UnsupportedPdfError('no startxref at the end of the file');
  return Number(m[1]);
}

function countSignatureFields(doc: PDFDocument): number {
  let n = 0;
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    if (obj instanceof PDFDict && obj.get(PDFName.of('FT')) === PDFName.of('Sig')) n += 1;
  }
  return n;
}

export async function prepareSignature(pdf: Uint8Array, spec: FieldSpec): Promise<PreparedSignature> {
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(pdf, { updateMetadata: false });
  } catch (e) {
    throw new UnsupportedPdfError('the PDF could not be read', { cause: e });
  }
  const ctx = doc.context;
  if (ctx.trailerInfo.Encrypt) throw new UnsupportedPdfError('encrypted PDFs are not signed here');
  const rootRef = ctx.trailerInfo.Root;
  if (!(rootRef instanceof PDFRef)) throw new UnsupportedPdfError('the trailer has no /Root reference');
  const page = doc.getPages()[spec.page];
  if (!page) throw new UnsupportedPdfError(`the PDF has no page ${spec.page + 1}`);

  const originalLargest = ctx.largestObjectNumber;
  const changed = new Map<string, PDFRef>();
  const markChanged = (ref: PDFRef) => changed.set(ref.tag, ref);

  const sigRef = ctx.nextRef();
  const name = spec.fieldName ?? `Signature${countSignatureFields(doc) + 1}`;
  const [x1, y1, x2, y2] = spec.rect;
  const widget = ctx.obj({
    Type: 'Annot',
    Subtype: 'Widget',
    FT: 'Sig',
    Rect: [x1, y1, x2, y2],
    V: sigRef,
    T: PDFHexString.fromText(name),
    // Print (4) | Locked (128)
    F: 132,
    P: page.ref,
  });
  const w = Math.abs(x2 - x1);
  const h = Math.abs(y2 - y1);
  if (spec.appearance && w > 0 && h > 0) {
    const ap = await spec.appearance(doc, w, h);
    if (ap) widget.set(PDFName.of('AP'), ctx.obj({ N: ap }));
  }
  const widgetRef = ctx.register(widget);

  const annotsKey = PDFName.of('Annots');
  const annots = page.node.get(annotsKey);
  if (annots instanceof PDFRef) {
    ctx.lookup(annots, PDFArray).push(widgetRef);
    markChanged(annots);
  } else if (annots instanceof PDFArray) {
    annots.push(widgetRef);
    markChanged(page.ref);
  } else {
    page.node.set(annotsKey, ctx.obj([widgetRef]));
    markChanged(page.ref);
  }

  const addField = (form: PDFDict, formRef: PDFRef) => {
    const fields = form.get(PDFName.of('Fields'));
    if (fields instanceof PDFRef) {
      ctx.lookup(fields, PDFArray).push(widgetRef);
      markChanged(fields);
    } else if (fields instanceof PDFArray) {
      fields.push(widgetRef);
    } else {
      form.set(PDFName.of('Fields'), ctx.obj([widgetRef]));
    }
    // SignaturesExist (1) | AppendOnly (2)
    form.set(PDFName.of('SigFlags'), PDFNumber.of(3));
    markChanged(formRef);
  };
  const acroKey = PDFName.of('AcroForm');
  const acro = doc.catalog.get(acroKey);
  if (acro instanceof PDFRef) addField(ctx.lookup(acro, PDFDict), acro);
  else if (acro instanceof PDFDict) addField(acro, rootRef);
  else {
    const formRef = ctx.register(ctx.obj({ Fields: [widgetRef], SigFlags: 3 }));
    doc.catalog.set(acroKey, formRef);
    markChanged(rootRef);
  }
  // Fonts and images of the appearance are written into the context here.
  await doc.flush();

  const objects: { ref: PDFRef; bytes: Buffer; sig?: boolean }[] = [];
  for (const [ref, obj] of ctx.enumerateIndirectObjects()) {
    if (ref.objectNumber > originalLargest || changed.has(ref.tag))
      objects.push({ ref, bytes: serialize(obj) });
  }
  const d = spec.dictionary;
  const hexLength = spec.signatureSize * 2;
  const sigDict =
    `<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /${d.subFilter} /ByteRange ${BYTE_RANGE_PLACEHOLDER} ` +
    `/Contents <${'0'.repeat(hexLength)}> /M (${pdfDate(d.signingTime)})` +
    (d.name ? ` /Name ${textString(d.name)}` : '') +
    (d.reason ? ` /Reason ${textString(d.reason)}` : '') +
    (d.location ? ` /Location ${textString(d.location)}` : '') +
    (d.contactInfo ? ` /ContactInfo ${textString(d.contactInfo)}` : '') +
    ' >>';
  objects.push({ ref: sigRef, bytes: Buffer.from(sigDict, 'latin1'), sig: true });
  objects.sort((a, b) => a.ref.objectNumber - b.ref.objectNumber);

  const { bytes, offsets } = appendUpdate(pdf, objects, {
    size: ctx.largestObjectNumber + 1,
    root: rootRef,
    info: ctx.trailerInfo.Info,
    id: ctx.trailerInfo.ID,
  });
  const sigObject = objects.find((o) => o.sig) as (typeof objects)[number];
  const sigAt =
    (offsets.get(sigObject.ref.objectNumber) ?? 0) +
    `${sigObject.ref.objectNumber} ${sigObject.ref.generationNumber} obj\n`.length;
  const byteRangeStart = sigAt + sigObject.bytes.indexOf('/ByteRange ') + '/ByteRange '.length;
  const contentsStart = sigAt + sigObject.bytes.indexOf('/Contents <') + '/Contents '.length;
  const contentsEnd = contentsStart + hexLength + 2;
  const byteRange: [number, number, number, number] = [
    0,
    contentsStart,
    contentsEnd,
    bytes.length - contentsEnd,
  ];
  const rangeText = `[${byteRange.join(' ')}]`;
  if (rangeText.length > BYTE_RANGE_PLACEHOLDER.length)
    throw new UnsupportedPdfError('the PDF is too large to sign');
  // Pad inside the brackets with spaces, keeping every offset where it was.
  bytes.write(
    rangeText.slice(0, -1).padEnd(BYTE_RANGE_PLACEHOLDER.length - 1, ' ') + ']',
    byteRangeStart,
    'latin1',
  );
  return { bytes, byteRange, contentsStart, contentsHexLength: hexLength };
}

export interface UpdatedObject {
  ref: PDFRef;
  /** The object's serialisation (without `n g obj` / `endobj`). */
  bytes: Buffer;
}

/**
 * Appends objects to a PDF as one incremental update: the objects, a classic cross-reference section
 * for them and a trailer with /Prev. Returns the new file and each object's offset.
 */
export function appendUpdate(
  pdf: Uint8Array,
  objects: readonly UpdatedObject[],
  trailer: { size: number; root: PDFRef; info?: PDFObject | undefined; id?: PDFObject | undefined },
): { bytes: Buffer; offsets: Map<number, number> } {
  const sorted = [...objects].sort((a, b) => a.ref.objectNumber - b.ref.objectNumber);
  const prev = lastStartXref(pdf);
  const chunks: Buffer[] = [Buffer.from(pdf)];
  let offset = pdf.length;
  const push = (b: Buffer) => {
    chunks.push(b);
    offset += b.length;
  };
  if (pdf[pdf.length - 1] !== 0x0a) push(Buffer.from('\n'));
  const offsets = new Map<number, number>();
  for (const o of sorted) {
    offsets.set(o.ref.objectNumber, offset);
    const head = `${o.ref.objectNumber} ${o.ref.generationNumber} obj\n`;
    push(Buffer.concat([Buffer.from(head, 'latin1'), o.bytes, Buffer.from('\nendobj\n', 'latin1')]));
  }
  const xrefOffset = offset;
  let xref = 'xref\n0 1\n0000000000 65535 f \n';
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (
      j + 1 < sorted.length &&
      sorted[j + 1]?.ref.objectNumber === (sorted[j]?.ref.objectNumber ?? 0) + 1
    )
      j++;
    xref += `${sorted[i]?.ref.objectNumber ?? 0} ${j - i + 1}\n`;
    for (let k = i; k <= j; k++) {
      const o = sorted[k] as UpdatedObject;
      const at = String(offsets.get(o.ref.objectNumber)).padStart(10, '0');
      xref += `${at} ${String(o.ref.generationNumber).padStart(5, '0')} n \n`;
    }
    i = j + 1;
  }
  const { info, id } = trailer;
  const text =
    `trailer\n<< /Size ${trailer.size} /Root ${trailer.root.toString()}` +
    (info instanceof PDFRef ? ` /Info ${info.toString()}` : '') +
    (id ? ` /ID ${serialize(id).toString('latin1')}` : '') +
    ` /Prev ${prev} >>\nstartxref\n${xrefOffset}\n%%EOF\n`;
  push(Buffer.from(xref + text, 'latin1'));
  return { bytes: Buffer.concat(chunks), offsets };
}

/**
 * Loads a PDF, lets `edit` change it (returning the refs of existing objects it changed; new objects
 * are found by number) and appends the result as an incremental update.
 */
export async function editIncrementally(
  pdf: Uint8Array,
  edit: (doc: PDFDocument) => Promise<readonly PDFRef[]>,
): Promise<Buffer> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const ctx = doc.context;
  const largest = ctx.largestObjectNumber;
  const changed = new Set((await edit(doc)).map((r) => r.tag));
  await doc.flush();
  const objects: UpdatedObject[] = [];
  for (const [ref, obj] of ctx.enumerateIndirectObjects()) {
    if (ref.objectNumber > largest || changed.has(ref.tag)) objects.push({ ref, bytes: serialize(obj) });
  }
  const root = ctx.trailerInfo.Root;
  if (!(root instanceof PDFRef)) throw new UnsupportedPdfError('the trailer has no /Root reference');
  return appendUpdate(pdf, objects, {
    size: ctx.largestObjectNumber + 1,
    root,
    info: ctx.trailerInfo.Info,
    id: ctx.trailerInfo.ID,
  }).bytes;
}

/** The bytes a signature covers: everything but the /Contents value. */
export function signedRanges(p: PreparedSignature): Buffer[] {
  const [a, b, c, d] = p.byteRange;
  return [p.bytes.subarray(a, a + b), p.bytes.subarray(c, c + d)];
}

/** Writes the CMS into the reserved /Contents. */
export function embedSignature(p: PreparedSignature, cms: Uint8Array): Buffer {
  const hex = Buffer.from(cms).toString('hex');
  if (hex.length > p.contentsHexLength) throw new SignatureTooLargeError(cms.length, p.contentsHexLength / 2);
  const out = Buffer.from(p.bytes);
  out.write(hex, p.contentsStart + 1, 'latin1');
  return out;
}
