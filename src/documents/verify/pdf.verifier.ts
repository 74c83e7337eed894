import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFString,
  type PDFObject,
} from 'pdf-lib';
import { sha256 } from '../signing/asn1';
import { certificateInfo, x509, type DistinguishedName } from '../signing/certificate-info';
import { digest, inspectCms, inspectTimestampToken } from '../signing/cms-inspect';

/**
 * Reads every signature of a PDF and checks it: the byte ranges, the digest, the CMS signature, who
 * signed, when, whether it covers the whole file, PAdES attributes, a signature timestamp, and (given
 * trust anchors) the certificate chain.
 */
export interface SignatureReport {
  /** 0-based, in file order. */
  index: number;
  fieldName: string | null;
  subFilter: string | null;
  byteRange: [number, number, number, number];
  /** The file length this signature covers (the end of its revision). */
  signedLength: number;
  coversWholeFile: boolean;
  signer: {
    commonName: string | null;
    subject: DistinguishedName;
    issuer: DistinguishedName;
    serialNumber: string;
    fingerprint: string;
    notBefore: Date;
    notAfter: Date;
  } | null;
  /** /M of the signature dictionary, else a signing-time attribute. */
  signingTime: Date | null;
  timestamp: { time: Date | null; valid: boolean } | null;
  digestValid: boolean;
  signatureValid: boolean;
  /** ESS signing-certificate-v2 present and matching, and no signing-time attribute. */
  padesBaseline: boolean;
  /** 'trusted' when a chain to one of the anchors verifies; 'not-checked' without anchors. */
  chain: 'trusted' | 'untrusted' | 'not-checked';
  certificateValidAtSigningTime: boolean;
  /** Digest and signature verify (and the chain is trusted, when anchors were given). */
  valid: boolean;
  problems: string[];
}

export interface PdfVerification {
  sha256: string;
  length: number;
  signatures: SignatureReport[];
  /** At least one signature, and every one valid. */
  valid: boolean;
}

export interface VerifyOptions {
  /** Root certificates (DER) a chain must end at. */
  trustAnchors?: readonly Uint8Array[];
}

interface RawSignature {
  byteRange: [number, number, number, number];
  cms: Buffer | null;
  problems: string[];
}

const BYTE_RANGE = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g;

/** The DER element at the start of `b` (the CMS, without the zeros that pad /Contents). */
function derPrefix(b: Buffer): Buffer | null {
  if (b.length < 2 || b[0] !== 0x30) return null;
  const first = b[1] ?? 0;
  if (first < 0x80) return b.subarray(0, 2 + first);
  const n = first & 0x7f;
  if (n === 0 || n > 4 || b.length < 2 + n) return null;
  let len = 0;
  for (let i = 0; i < n; i++) len = len * 256 + (b[2 + i] ?? 0);
  return 2 + n + len <= b.length ? b.subarray(0, 2 + n + len) : null;
}

function findSignatures(pdf: Buffer): RawSignature[] {
  const text = pdf.toString('latin1');
  const out: RawSignature[] = [];
  for (const m of text.matchAll(BYTE_RANGE)) {
    const br = [m[1], m[2], m[3], m[4]].map(Number) as [number, number, number, number];
    const problems: string[] = [];
    const [a, b, c, d] = br;
    if (a !== 0 || b <= 0 || c <= b || c + d > pdf.length) {
      out.push({ byteRange: br, cms: null, problems: ['byte range outside the file'] });
      continue;
    }
    if (pdf[b] !== 0x3c || pdf[c - 1] !== 0x3e)
      problems.push('the byte-range gap is not the /Contents string');
    const hex = pdf.subarray(b + 1, c - 1).toString('latin1');
    const cms = /^[0-9a-fA-F]*$/.test(hex) ? derPrefix(Buffer.from(hex, 'hex')) : null;
    if (!cms) problems.push('/Contents holds no CMS');
    out.push({ byteRange: br, cms, problems });
  }
  return out;
}

interface SigFields {
  fieldName: string | null;
  subFilter: string | null;
  m: Date | null;
}

function pdfText(o: PDFObject | undefined): string | null {
  if (o instanceof PDFString || o instanceof PDFHexString) return o.decodeText();
  return null;
}

/** Parses a PDF date `D:20261205091200+07'00'`. */
export function parsePdfDate(s: string): Date | null {
  const m = /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([+\-Z])?(\d{2})?'?(\d{2})?'?/.exec(s);
  if (!m) return null;
  const [y, mo, d, h, mi, se] = [m[1], m[2] ?? '01', m[3] ?? '01', m[4] ?? '00', m[5] ?? '00', m[6] ?? '00'];
  let iso = `${y}-${mo}-${d}T${h}:${mi}:${se}`;
  if (m[7] === '+' || m[7] === '-') iso += `${m[7]}${m[8] ?? '00'}:${m[9] ?? '00'}`;
  else iso += 'Z';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

async function signatureFields(pdf: Buffer): Promise<Map<string, SigFields>> {
  const byRange = new Map<string, SigFields>();
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(pdf, { updateMetadata: false, ignoreEncryption: true });
  } catch {
    return byRange;
  }
  const names = new Map<PDFObject, string>();
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFDict)) continue;
    const v = obj.get(PDFName.of('V'));
    const t = pdfText(obj.get(PDFName.of('T')));
    if (v && t !== null) names.set(v instanceof PDFDict ? v : (doc.context.lookup(v) ?? v), t);
  }
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFDict)) continue;
    const br = obj.get(PDFName.of('ByteRange'));
    if (!(br instanceof PDFArray)) continue;
    const key = br
      .asArray()
      .map((n) => (n instanceof PDFNumber ? n.asNumber() : NaN))
      .join(' ');
    const sf = obj.get(PDFName.of('SubFilter'));
    const mText = pdfText(obj.get(PDFName.of('M')));
    byRange.set(key, {
      fieldName: names.get(obj) ?? null,
      subFilter: sf instanceof PDFName ? sf.decodeText() : null,
      m: mText ? parsePdfDate(mText) : null,
    });
  }
  return byRange;
}

function chainStatus(
  leaf: Buffer,
  pool: readonly Buffer[],
  anchors: readonly Uint8Array[],
  at: Date,
): 'trusted' | 'untrusted' {
  const anchorCerts = anchors.map((a) => x509(a));
  const poolCerts = [...pool.map((p) => x509(p)), ...anchorCerts];
  let current = x509(leaf);
  for (let depth = 0; depth < 8; depth++) {
    const t = at.getTime();
    if (new Date(current.validFrom).getTime() > t || new Date(current.validTo).getTime() < t)
      return 'untrusted';
    if (anchorCerts.some((a) => a.raw.equals(current.raw))) return 'trusted';
    const issuer = poolCerts.find(
      (c) => !c.raw.equals(current.raw) && current.checkIssued(c) && current.verify(c.publicKey),
    );
    if (!issuer) return 'untrusted';
    current = issuer;
  }
  return 'untrusted';
}

export async function verifyPdf(bytes: Uint8Array, options: VerifyOptions = {}): Promise<PdfVerification> {
  const pdf = Buffer.from(bytes);
  const raws = findSignatures(pdf);
  const fields = raws.length > 0 ? await signatureFields(pdf) : new Map<string, SigFields>();
  const signatures = raws.map((r, index): SignatureReport => {
    const [a, b, c, d] = r.byteRange;
    const problems = [...r.problems];
    const f = fields.get(r.byteRange.join(' '));
    const signedLength = c + d;
    const base = {
      index,
      fieldName: f?.fieldName ?? null,
      subFilter: f?.subFilter ?? null,
      byteRange: r.byteRange,
      signedLength,
      coversWholeFile: signedLength === pdf.length,
    };
    if (!r.cms || problems.length > 0) {
      return {
        ...base,
        signer: null,
        signingTime: f?.m ?? null,
        timestamp: null,
        digestValid: false,
        signatureValid: false,
        padesBaseline: false,
        chain: 'not-checked',
        certificateValidAtSigningTime: false,
        valid: false,
        problems,
      };
    }
    const ranges = [pdf.subarray(a, a + b), pdf.subarray(c, c + d)];
    let cms: ReturnType<typeof inspectCms>;
    try {
      cms = inspectCms(r.cms, (alg) => digest(alg, ranges));
    } catch (e) {
      problems.push(`unreadable CMS: ${e instanceof Error ? e.message : String(e)}`);
      return {
        ...base,
        signer: null,
        signingTime: f?.m ?? null,
        timestamp: null,
        digestValid: false,
        signatureValid: false,
        padesBaseline: false,
        chain: 'not-checked',
        certificateValidAtSigningTime: false,
        valid: false,
        problems,
      };
    }
    problems.push(...cms.problems);
    const digestValid = !cms.problems.includes('digest mismatch') && cms.messageDigest !== null;
    const info = cms.signerCertificate ? certificateInfo(cms.signerCertificate) : null;
    const timestamp = cms.timestampToken
      ? inspectTimestampToken(cms.timestampToken, cms.signatureValue)
      : null;
    if (timestamp && !timestamp.valid) problems.push(...timestamp.problems.map((p) => `timestamp: ${p}`));
    const signingTime = f?.m ?? cms.signingTime ?? null;
    const at = timestamp?.time ?? signingTime ?? new Date();
    const certificateValidAtSigningTime =
      !!info && info.notBefore.getTime() <= at.getTime() && at.getTime() <= info.notAfter.getTime();
    if (info && !certificateValidAtSigningTime)
      problems.push('the certificate was not valid at the signing time');
    const anchors = options.trustAnchors ?? [];
    const chain =
      anchors.length === 0 || !cms.signerCertificate
        ? 'not-checked'
        : chainStatus(cms.signerCertificate, cms.certificates, anchors, at);
    if (chain === 'untrusted') problems.push('the certificate does not chain to a trusted root');
    const padesBaseline =
      cms.signingCertificateAttribute === 'v2' && cms.signingCertificateMatches && !cms.signingTime;
    return {
      ...base,
      signer: info
        ? {
            commonName: info.subject.commonName,
            subject: info.subject,
            issuer: info.issuer,
            serialNumber: info.serialNumber,
            fingerprint: info.fingerprint,
            notBefore: info.notBefore,
            notAfter: info.notAfter,
          }
        : null,
      signingTime,
      timestamp: timestamp ? { time: timestamp.time, valid: timestamp.valid } : null,
      digestValid,
      signatureValid: cms.signatureValid,
      padesBaseline,
      chain,
      certificateValidAtSigningTime,
      valid:
        digestValid &&
        cms.signatureValid &&
        certificateValidAtSigningTime &&
        chain !== 'untrusted' &&
        (timestamp?.valid ?? true),
      problems,
    };
  });
  return {
    sha256: sha256(pdf).toString('hex'),
    length: pdf.length,
    signatures,
    valid: signatures.length > 0 && signatures.every((s) => s.valid),
  };
}
