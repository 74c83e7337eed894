import { mmToPt, SEAL_DIAMETER_MM } from '../layout/layout.constants';
import type { SignaturePlacement } from '../render/pdf.renderer';
import { buildAppearance, type Appearance } from './appearance';
import { certificateInfo } from './certificate-info';
import { buildSignedData, signatureTimeStampAttribute } from './cades';
import { digest } from './cms-inspect';
import { embedSignature, isoVietnam, prepareSignature, signedRanges, type PdfRect } from './pdf-incremental';
import { assertCertificateUsable, type Signer } from './signer';
import type { TimestampAuthority } from './tsa.client';

/**
 * PAdES baseline signatures (B-B; B-T with a timestamp authority), each appended to the PDF as an
 * incremental update with a visible appearance in the box the renderer reserved.
 */
export interface SignPdfOptions {
  signer: Signer;
  /** Where the widget goes; null for an invisible signature. */
  placement: SignaturePlacement | null;
  appearance?: Appearance;
  /** The claimed signing time (/M). Default: now. */
  signingTime?: Date;
  reason?: string;
  location?: string;
  contactInfo?: string;
  /** Makes the signature B-T: an RFC 3161 token over the signature value. */
  timestampAuthority?: TimestampAuthority;
  /** Bytes reserved for the CMS; 16 KiB by default (32 KiB with a timestamp). */
  signatureSize?: number;
}

export async function signPdf(pdf: Uint8Array, o: SignPdfOptions): Promise<Buffer> {
  const signingTime = o.signingTime ?? new Date();
  // Every signer is checked here too, whatever it checks itself.
  assertCertificateUsable(o.signer.info, signingTime, false);
  const appearance = o.appearance ?? { kind: 'invisible' };
  const prepared = await prepareSignature(pdf, {
    page: o.placement?.page ?? 0,
    rect: o.placement?.rect ?? [0, 0, 0, 0],
    signatureSize: o.signatureSize ?? (o.timestampAuthority ? 32_768 : 16_384),
    dictionary: {
      subFilter: 'ETSI.CAdES.detached',
      signingTime,
      name: o.signer.info.subject.commonName ?? undefined,
      reason: o.reason,
      location: o.location,
      contactInfo: o.contactInfo,
    },
    appearance: (doc, w, h) => buildAppearance(doc, appearance, w, h),
  });
  const cms = await buildSignedData({
    signer: o.signer,
    contentDigest: digest('sha256', signedRanges(prepared)),
    signingTime,
  });
  let der = cms.cms;
  if (o.timestampAuthority) {
    const token = await o.timestampAuthority.timestamp(cms.signatureValue);
    der = cms.rebuild([signatureTimeStampAttribute(token)]);
  }
  return embedSignature(prepared, der);
}

/** The seal's square: real size, its right edge a third of the way into the signature box. */
export function sealPlacement(signatureBox: SignaturePlacement): SignaturePlacement {
  const [x1, y1, x2, y2] = signatureBox.rect;
  const d = mmToPt(SEAL_DIAMETER_MM);
  const right = x1 + (x2 - x1) / 3;
  const cy = (y1 + y2) / 2;
  const rect: PdfRect = [right - d, cy - d / 2, right, cy + d / 2];
  return { page: signatureBox.page, rect };
}

export interface SignOfficialDocumentInput {
  pdf: Uint8Array;
  /** `RenderedPdf.signatureBox`. */
  signatureBox: SignaturePlacement;
  person: { signer: Signer; image?: Uint8Array };
  /** The organisation's seal, applied after the person's signature as a second update. */
  seal?: { signer: Signer; image?: Uint8Array; organisation?: string; place?: string };
  signingTime?: Date;
  /** Seal time; the person's time by default. */
  sealTime?: Date;
  reason?: string;
  location?: string;
  timestampAuthority?: TimestampAuthority;
}

/**
 * The signature order NĐ 30/2020 gives an electronic document: the competent person signs first
 * (signature image, name, time), then the organisation (its seal over the left third of it).
 */
export async function signOfficialDocument(i: SignOfficialDocumentInput): Promise<Buffer> {
  const at = i.signingTime ?? new Date();
  const person = i.person.signer.info.subject.commonName ?? i.person.signer.info.subject.text;
  const personal = await signPdf(i.pdf, {
    signer: i.person.signer,
    placement: i.signatureBox,
    appearance: {
      kind: 'signature',
      ...(i.person.image ? { image: i.person.image } : {}),
      lines: [`Ký bởi: ${person}`, isoVietnam(at)],
    },
    signingTime: at,
    reason: i.reason,
    location: i.location,
    timestampAuthority: i.timestampAuthority,
  });
  if (!i.seal) return personal;
  const organisation =
    i.seal.organisation ??
    i.seal.signer.info.subject.organization ??
    i.seal.signer.info.subject.commonName ??
    certificateInfo(i.seal.signer.certificate).subject.text;
  return signPdf(personal, {
    signer: i.seal.signer,
    placement: sealPlacement(i.signatureBox),
    appearance: {
      kind: 'seal',
      ...(i.seal.image ? { image: i.seal.image } : {}),
      organisation,
      ...(i.seal.place ? { place: i.seal.place } : {}),
    },
    signingTime: i.sealTime ?? at,
    reason: i.reason,
    location: i.location,
    timestampAuthority: i.timestampAuthority,
  });
}

/** The organisation's signature on an attachment sent as its own file: number and time, top right. */
export function stampAttachment(
  pdf: Uint8Array,
  o: {
    signer: Signer;
    stampBox: SignaturePlacement;
    symbol: string;
    signingTime?: Date;
    timestampAuthority?: TimestampAuthority;
  },
): Promise<Buffer> {
  const at = o.signingTime ?? new Date();
  return signPdf(pdf, {
    signer: o.signer,
    placement: o.stampBox,
    appearance: { kind: 'stamp', lines: [o.symbol, isoVietnam(at)] },
    signingTime: at,
    timestampAuthority: o.timestampAuthority,
  });
}
