import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFRawStream,
  PDFRef,
  PDFStream,
  type PDFObject,
} from 'pdf-lib';
import { SignedCopyRefusedError } from '../errors';
import { verifyPdf, type PdfVerification, type VerifyOptions } from './pdf.verifier';

/**
 * Accepts a PDF signed outside the system (the signer's USB token and tool) only if it is the frozen
 * document plus incremental updates that add signatures and nothing else, and every signature
 * verifies. Refuses, with a named error: a changed byte of the frozen file (`SIGNED_COPY_MODIFIED`),
 * anything appended after the last signature (`SIGNED_COPY_CONTENT_AFTER_SIGNATURE`), an update that
 * changes what the pages show (`SIGNED_COPY_CONTENT_CHANGED`), no signature (`PDF_NOT_SIGNED`), and a
 * signature that does not verify (`SIGNED_COPY_INVALID_SIGNATURE`).
 */
function serialize(o: PDFObject): Buffer {
  const b = new Uint8Array(o.sizeInBytes());
  o.copyBytesInto(b, 0);
  return Buffer.from(b);
}

const same = (a: PDFObject | undefined, b: PDFObject | undefined): boolean =>
  a === undefined || b === undefined ? a === b : serialize(a).equals(serialize(b));

/** The frozen prefix, allowing a signing tool to have dropped the end-of-line after `%%EOF`. */
function startsWithFrozen(uploaded: Buffer, frozen: Buffer): boolean {
  if (uploaded.length > frozen.length && uploaded.subarray(0, frozen.length).equals(frozen)) return true;
  let end = frozen.length;
  while (end > 0 && (frozen[end - 1] === 0x0a || frozen[end - 1] === 0x0d)) end--;
  return (
    end < frozen.length && uploaded.length > end && uploaded.subarray(0, end).equals(frozen.subarray(0, end))
  );
}

function isSignatureWidget(doc: PDFDocument, o: PDFObject | undefined): boolean {
  const d = o instanceof PDFRef ? doc.context.lookup(o) : o;
  if (!(d instanceof PDFDict)) return false;
  const ft = d.get(PDFName.of('FT'));
  if (ft === PDFName.of('Sig')) return true;
  const parent = d.get(PDFName.of('Parent'));
  const p = parent instanceof PDFRef ? doc.context.lookup(parent) : parent;
  return p instanceof PDFDict && p.get(PDFName.of('FT')) === PDFName.of('Sig');
}

/** Entries of `after` must be those of `before` (same order) plus signature widgets/fields. */
function onlySignaturesAdded(
  doc: PDFDocument,
  before: PDFObject | undefined,
  after: PDFObject | undefined,
  beforeDoc: PDFDocument,
): boolean {
  const arr = (d: PDFDocument, o: PDFObject | undefined): PDFObject[] | null => {
    const v = o instanceof PDFRef ? d.context.lookup(o) : o;
    if (v === undefined) return [];
    return v instanceof PDFArray ? v.asArray() : null;
  };
  const a = arr(beforeDoc, before);
  const b = arr(doc, after);
  if (a === null || b === null || b.length < a.length) return false;
  for (let i = 0; i < a.length; i++) if (!same(a[i], b[i])) return false;
  return b.slice(a.length).every((x) => isSignatureWidget(doc, x));
}

function dictChangeAllowed(
  before: PDFDict,
  after: PDFDict,
  allowed: ReadonlySet<string>,
  check: (key: string, a: PDFObject | undefined, b: PDFObject | undefined) => boolean,
): boolean {
  const keys = new Set([...before.keys(), ...after.keys()].map((k) => k.decodeText()));
  for (const k of keys) {
    const a = before.get(PDFName.of(k));
    const b = after.get(PDFName.of(k));
    if (same(a, b)) continue;
    if (!allowed.has(k) || !check(k, a, b)) return false;
  }
  return true;
}

/** Names the first object whose change the signatures do not explain, or null. */
export async function contentChange(frozen: Uint8Array, uploaded: Uint8Array): Promise<string | null> {
  const a = await PDFDocument.load(frozen, { updateMetadata: false });
  const b = await PDFDocument.load(uploaded, { updateMetadata: false });
  if (a.getPageCount() !== b.getPageCount()) return 'the number of pages changed';
  const root = a.context.trailerInfo.Root;
  const info = a.context.trailerInfo.Info;
  const annotArrays = new Set<string>();
  const fieldArrays = new Set<string>();
  for (const p of a.getPages()) {
    const annots = p.node.get(PDFName.of('Annots'));
    if (annots instanceof PDFRef) annotArrays.add(annots.tag);
  }
  for (const [, obj] of a.context.enumerateIndirectObjects()) {
    if (obj instanceof PDFDict && obj.get(PDFName.of('Fields')) instanceof PDFRef) {
      fieldArrays.add((obj.get(PDFName.of('Fields')) as PDFRef).tag);
    }
  }
  for (const [ref, before] of a.context.enumerateIndirectObjects()) {
    const after = b.context.lookup(ref);
    if (after === undefined) return `object ${ref.toString()} was removed`;
    if (same(before, after)) continue;
    const where = `object ${ref.toString()}`;
    if (info instanceof PDFRef && ref.tag === info.tag) continue; // document information: metadata only
    if (before instanceof PDFStream || before instanceof PDFRawStream) {
      const type = before.dict.get(PDFName.of('Type'));
      if (type === PDFName.of('Metadata') && after instanceof PDFStream) continue; // XMP
      return `${where} (a stream) changed`;
    }
    if (before instanceof PDFArray) {
      if ((annotArrays.has(ref.tag) || fieldArrays.has(ref.tag)) && onlySignaturesAdded(b, before, after, a))
        continue;
      return `${where} (an array) changed`;
    }
    if (!(before instanceof PDFDict) || !(after instanceof PDFDict)) return `${where} changed`;
    const type = before.get(PDFName.of('Type'));
    if (root instanceof PDFRef && ref.tag === root.tag) {
      const ok = dictChangeAllowed(
        before,
        after,
        new Set(['AcroForm', 'Perms', 'DSS', 'Metadata', 'Extensions']),
        (k, x, y) =>
          k !== 'AcroForm' || !(x instanceof PDFDict) || !(y instanceof PDFDict) || acroFormOk(a, b, x, y),
      );
      if (!ok) return `${where} (the catalog) changed beyond the signature form`;
      continue;
    }
    if (type === PDFName.of('Page')) {
      const ok = dictChangeAllowed(before, after, new Set(['Annots']), (_k, x, y) =>
        onlySignaturesAdded(b, x, y, a),
      );
      if (!ok) return `${where} (a page) changed beyond its signature widgets`;
      continue;
    }
    if (before.get(PDFName.of('Fields')) !== undefined || before.get(PDFName.of('SigFlags')) !== undefined) {
      if (acroFormOk(a, b, before, after)) continue;
      return `${where} (the form) changed beyond signature fields`;
    }
    return `${where} changed`;
  }
  return null;
}

function acroFormOk(a: PDFDocument, b: PDFDocument, before: PDFDict, after: PDFDict): boolean {
  return dictChangeAllowed(before, after, new Set(['Fields', 'SigFlags', 'DR', 'DA']), (k, x, y) =>
    k === 'Fields' ? onlySignaturesAdded(b, x, y, a) : true,
  );
}

export interface SignedCopyResult extends PdfVerification {
  /** Signatures added after the frozen document (every one valid). */
  added: PdfVerification['signatures'];
}

export async function checkSignedCopy(
  frozen: Uint8Array,
  uploaded: Uint8Array,
  options: VerifyOptions = {},
): Promise<SignedCopyResult> {
  const f = Buffer.from(frozen);
  const u = Buffer.from(uploaded);
  if (!startsWithFrozen(u, f)) {
    throw new SignedCopyRefusedError(
      'SIGNED_COPY_MODIFIED',
      'the file is not the issued document: its bytes differ',
    );
  }
  const verification = await verifyPdf(u, options);
  const added = verification.signatures.filter((s) => s.signedLength > f.length);
  if (added.length === 0)
    throw new SignedCopyRefusedError('PDF_NOT_SIGNED', 'the file carries no signature added to the document');
  const bad = added.find((s) => !s.valid);
  if (bad) {
    throw new SignedCopyRefusedError(
      'SIGNED_COPY_INVALID_SIGNATURE',
      `signature ${bad.index + 1} does not verify: ${bad.problems.join('; ')}`,
    );
  }
  if (Math.max(...added.map((s) => s.signedLength)) !== u.length) {
    throw new SignedCopyRefusedError(
      'SIGNED_COPY_CONTENT_AFTER_SIGNATURE',
      'content was appended after the last signature',
    );
  }
  let change: string | null;
  try {
    change = await contentChange(f, u);
  } catch {
    change = 'the file could not be compared with the issued document';
  }
  if (change) throw new SignedCopyRefusedError('SIGNED_COPY_CONTENT_CHANGED', change);
  return { ...verification, added };
}
