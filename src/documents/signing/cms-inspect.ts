import { createHash, verify as cryptoVerify } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { encodedBytes, OID, parseDer, sha256 } from './asn1';
import { parseCertificate, x509 } from './certificate-info';

/**
 * Reads and checks one CMS SignedData (a PDF signature or an RFC 3161 token): the signer's
 * certificate, the message digest against the content, the signature over the signed attributes,
 * PAdES attributes, and the signature timestamp if there is one. Uses Node's crypto for the maths.
 */
const HASHES: Record<string, string> = {
  '1.3.14.3.2.26': 'sha1',
  [OID.sha256]: 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};
/** Signature algorithms that name their own hash. */
const SIGNATURE_HASHES: Record<string, string> = {
  [OID.sha256WithRSAEncryption]: 'sha256',
  '1.2.840.113549.1.1.12': 'sha384',
  '1.2.840.113549.1.1.13': 'sha512',
  '1.2.840.113549.1.1.5': 'sha1',
  [OID.ecdsaWithSHA256]: 'sha256',
  '1.2.840.10045.4.3.3': 'sha384',
  '1.2.840.10045.4.3.4': 'sha512',
};

export interface CmsInspection {
  /** The digest algorithm the signer used (`sha256`). */
  digestAlgorithm: string;
  /** Every certificate the CMS carries (DER, as embedded). */
  certificates: Buffer[];
  /** The certificate the signer info names; null if not embedded. */
  signerCertificate: Buffer | null;
  /** The message-digest attribute. */
  messageDigest: Buffer | null;
  /** The signature over the signed attributes verifies with the signer's public key. */
  signatureValid: boolean;
  signatureValue: Buffer;
  contentType: string | null;
  /** A signing-time attribute (not PAdES, but external tools write it). */
  signingTime: Date | null;
  /** ESS signing-certificate(-v2) present and naming the signer's certificate. */
  signingCertificateAttribute: 'v2' | 'v1' | null;
  signingCertificateMatches: boolean;
  /** The encapsulated content, for a token. */
  content: Buffer | null;
  /** The RFC 3161 token in the unsigned attributes (DER), if any. */
  timestampToken: Buffer | null;
  problems: string[];
}

export function digest(algorithmName: string, parts: readonly Uint8Array[]): Buffer {
  const h = createHash(algorithmName);
  for (const p of parts) h.update(p);
  return h.digest();
}

function certificateBytes(signedDataSchema: asn1js.AsnType): Buffer[] {
  const seq = signedDataSchema as asn1js.Sequence;
  const el = seq.valueBlock.value.find((v) => v.idBlock.tagClass === 3 && v.idBlock.tagNumber === 0);
  if (!el) return [];
  return (el as asn1js.Constructed).valueBlock.value.map((c) => encodedBytes(c));
}

const sameBytes = (a: ArrayBufferView, b: ArrayBufferView): boolean =>
  Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));

function matchesSid(certDer: Buffer, sid: pkijs.SignerInfo['sid']): boolean {
  const cert = parseCertificate(certDer);
  if (sid instanceof pkijs.IssuerAndSerialNumber) {
    return (
      sameBytes(cert.serialNumber.valueBlock.valueHexView, sid.serialNumber.valueBlock.valueHexView) &&
      cert.issuer.isEqual(sid.issuer)
    );
  }
  // subjectKeyIdentifier [0]
  const ski = cert.extensions?.find((e) => e.extnID === OID.subjectKeyIdentifier);
  const skiValue = ski ? (parseDer(ski.extnValue.valueBlock.valueHexView) as asn1js.OctetString) : null;
  const wanted = (sid as asn1js.Primitive).valueBlock?.valueHexView;
  return !!skiValue && !!wanted && sameBytes(skiValue.valueBlock.valueHexView, wanted);
}

/** `contentDigestOf` computes the digest of the (detached) content with the signer's algorithm. */
export function inspectCms(
  cmsDer: Uint8Array,
  contentDigestOf?: (algorithm: string) => Buffer,
): CmsInspection {
  const problems: string[] = [];
  const ci = pkijs.ContentInfo.fromBER(new Uint8Array(cmsDer));
  if (ci.contentType !== OID.signedData) throw new Error(`not a SignedData: ${ci.contentType}`);
  const sd = new pkijs.SignedData({ schema: ci.content });
  const si = sd.signerInfos[0];
  if (!si) throw new Error('SignedData without a signer');
  if (sd.signerInfos.length > 1) problems.push('more than one signer info');
  const digestAlgorithm = HASHES[si.digestAlgorithm.algorithmId] ?? si.digestAlgorithm.algorithmId;
  const certificates = certificateBytes(ci.content as asn1js.AsnType);
  const signerCertificate = certificates.find((c) => matchesSid(c, si.sid)) ?? null;
  if (!signerCertificate) problems.push("the signer's certificate is not embedded");

  const attrs = si.signedAttrs?.attributes ?? [];
  const attr = (type: string): asn1js.AsnType | undefined =>
    attrs.find((a) => a.type === type)?.values[0] as asn1js.AsnType | undefined;
  const md = attr(OID.messageDigest) as asn1js.OctetString | undefined;
  const messageDigest = md ? Buffer.from(md.valueBlock.valueHexView) : null;
  const ct = attr(OID.contentType) as asn1js.ObjectIdentifier | undefined;
  const st = attr(OID.signingTime) as asn1js.UTCTime | asn1js.GeneralizedTime | undefined;
  const signatureValue = Buffer.from(si.signature.valueBlock.valueHexView);

  let content: Buffer | null = null;
  const eContent = sd.encapContentInfo.eContent;
  if (eContent) {
    // Constructed (BER) octet strings concatenate their pieces.
    content = eContent.idBlock.isConstructed
      ? Buffer.concat(
          (eContent.valueBlock.value as asn1js.OctetString[]).map((p) =>
            Buffer.from(p.valueBlock.valueHexView),
          ),
        )
      : Buffer.from(eContent.valueBlock.valueHexView);
  }
  const expected = content !== null ? digest(digestAlgorithm, [content]) : contentDigestOf?.(digestAlgorithm);
  if (expected && (!messageDigest || !messageDigest.equals(expected))) problems.push('digest mismatch');
  if (!si.signedAttrs) problems.push('no signed attributes');

  let signatureValid = false;
  if (signerCertificate && si.signedAttrs) {
    const sigAlg = si.signatureAlgorithm.algorithmId;
    const hash = SIGNATURE_HASHES[sigAlg] ?? digestAlgorithm;
    try {
      signatureValid = cryptoVerify(
        hash,
        Buffer.from(si.signedAttrs.encodedValue),
        x509(signerCertificate).publicKey,
        signatureValue,
      );
    } catch (e) {
      problems.push(`signature not verifiable: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (!signatureValid) problems.push('signature does not verify');
  }

  let signingCertificateAttribute: CmsInspection['signingCertificateAttribute'] = null;
  let signingCertificateMatches = false;
  const scv2 = attr(OID.signingCertificateV2) as asn1js.Sequence | undefined;
  const scv1 = attr(OID.signingCertificate) as asn1js.Sequence | undefined;
  const essHash = (s: asn1js.Sequence, v2: boolean): { hash: Buffer; alg: string } | null => {
    const certs = s.valueBlock.value[0] as asn1js.Sequence | undefined;
    const first = certs?.valueBlock.value[0] as asn1js.Sequence | undefined;
    if (!first) return null;
    const parts = first.valueBlock.value;
    let alg = v2 ? 'sha256' : 'sha1';
    let i = 0;
    if (v2 && parts[0] instanceof asn1js.Sequence) {
      const id = (parts[0].valueBlock.value[0] as asn1js.ObjectIdentifier).valueBlock.toString();
      alg = HASHES[id] ?? id;
      i = 1;
    }
    const h = parts[i] as asn1js.OctetString | undefined;
    return h ? { hash: Buffer.from(h.valueBlock.valueHexView), alg } : null;
  };
  const ess = scv2 ? essHash(scv2, true) : scv1 ? essHash(scv1, false) : null;
  if (scv2 || scv1) signingCertificateAttribute = scv2 ? 'v2' : 'v1';
  if (ess && signerCertificate)
    signingCertificateMatches = digest(ess.alg, [signerCertificate]).equals(ess.hash);

  const unsigned = si.unsignedAttrs?.attributes ?? [];
  const tst = unsigned.find((a) => a.type === OID.signatureTimeStampToken)?.values[0] as
    asn1js.AsnType | undefined;

  return {
    digestAlgorithm,
    certificates,
    signerCertificate,
    messageDigest,
    signatureValid,
    signatureValue,
    contentType: ct ? ct.valueBlock.toString() : null,
    signingTime: st ? st.toDate() : null,
    signingCertificateAttribute,
    signingCertificateMatches,
    content,
    timestampToken: tst ? encodedBytes(tst) : null,
    problems,
  };
}

export interface TimestampInspection {
  valid: boolean;
  time: Date | null;
  /** The TSA's certificate subject CN. */
  authority: Buffer | null;
  imprintMatches: boolean;
  problems: string[];
}

/** Checks an RFC 3161 token: its own signature and that it is over `data`'s SHA-256 (or its algorithm). */
export function inspectTimestampToken(
  token: Uint8Array,
  data: Uint8Array,
  nonce?: Uint8Array,
): TimestampInspection {
  const problems: string[] = [];
  try {
    const cms = inspectCms(token);
    problems.push(...cms.problems);
    if (cms.contentType !== OID.tstInfo) problems.push('not a TSTInfo token');
    if (!cms.content)
      return {
        valid: false,
        time: null,
        authority: null,
        imprintMatches: false,
        problems: [...problems, 'no TSTInfo'],
      };
    const info = new pkijs.TSTInfo({ schema: parseDer(cms.content) });
    const alg = HASHES[info.messageImprint.hashAlgorithm.algorithmId] ?? 'sha256';
    const imprintMatches = Buffer.from(info.messageImprint.hashedMessage.valueBlock.valueHexView).equals(
      alg === 'sha256' ? sha256(data) : digest(alg, [data]),
    );
    if (!imprintMatches) problems.push('the token is over other data');
    if (nonce && !(info.nonce && sameBytes(info.nonce.valueBlock.valueHexView, nonce)))
      problems.push('nonce mismatch');
    return {
      valid: problems.length === 0 && cms.signatureValid,
      time: info.genTime,
      authority: cms.signerCertificate,
      imprintMatches,
      problems,
    };
  } catch (e) {
    return {
      valid: false,
      time: null,
      authority: null,
      imprintMatches: false,
      problems: [...problems, `unreadable token: ${e instanceof Error ? e.message : String(e)}`],
    };
  }
}
