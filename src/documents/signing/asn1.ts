import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';

/** Small ASN.1 helpers over asn1js, and the object identifiers the signing code uses. */
export const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificate: '1.2.840.113549.1.9.16.2.12',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  signatureTimeStampToken: '1.2.840.113549.1.9.16.2.14',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha256WithRSAEncryption: '1.2.840.113549.1.1.11',
  ecPublicKey: '1.2.840.10045.2.1',
  ecdsaWithSHA256: '1.2.840.10045.4.3.2',
  commonName: '2.5.4.3',
  serialNumber: '2.5.4.5',
  country: '2.5.4.6',
  locality: '2.5.4.7',
  state: '2.5.4.8',
  organization: '2.5.4.10',
  organizationalUnit: '2.5.4.11',
  title: '2.5.4.12',
  userId: '0.9.2342.19200300.100.1.1',
  email: '1.2.840.113549.1.9.1',
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  basicConstraints: '2.5.29.19',
  authorityKeyIdentifier: '2.5.29.35',
  extKeyUsage: '2.5.29.37',
  timeStamping: '1.3.6.1.5.5.7.3.8',
  emailProtection: '1.3.6.1.5.5.7.3.4',
  documentSigning: '1.3.6.1.4.1.311.10.3.12',
} as const;

export const sha256 = (data: Uint8Array): Buffer => createHash('sha256').update(data).digest();
export const sha1 = (data: Uint8Array): Buffer => createHash('sha1').update(data).digest();

export const der = (value: { toBER(sizeOnly?: boolean): ArrayBuffer }): Buffer =>
  Buffer.from(value.toBER(false));

/**
 * Already-encoded DER kept byte for byte (certificates, names, tokens) inside a structure being built.
 * asn1js's own `RawData` ignores the writer a constructed value passes it, so it vanishes from its
 * parent's encoding; this one writes itself into it.
 */
class RawDer {
  readonly #bytes: Uint8Array;
  constructor(bytes: Uint8Array) {
    this.#bytes = Uint8Array.from(bytes);
  }
  toBER(_sizeOnly?: boolean, writer?: { write(buf: ArrayBuffer): void }): ArrayBuffer {
    const buf = this.#bytes.slice().buffer;
    if (writer) {
      writer.write(buf);
      return new ArrayBuffer(0);
    }
    return buf;
  }
}
export const raw = (bytes: Uint8Array): asn1js.AsnType => new RawDer(bytes) as unknown as asn1js.AsnType;

export const oid = (value: string): asn1js.ObjectIdentifier => new asn1js.ObjectIdentifier({ value });

export const seq = (...value: asn1js.AsnType[]): asn1js.Sequence => new asn1js.Sequence({ value });
export const set = (...value: asn1js.AsnType[]): asn1js.Set => new asn1js.Set({ value });

/** `[n] EXPLICIT` (or a constructed `[n] IMPLICIT` SET/SEQUENCE: the same bytes). */
export const context = (tagNumber: number, ...value: asn1js.AsnType[]): asn1js.Constructed =>
  new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber }, value });

export const algorithm = (id: string, nullParams: boolean): asn1js.Sequence =>
  nullParams ? seq(oid(id), new asn1js.Null()) : seq(oid(id));

/** A DER SET OF: its elements sorted by their encodings (X.690 11.6), as raw DER. */
export function derSetOf(elements: readonly Uint8Array[]): asn1js.Set {
  const sorted = [...elements].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  return new asn1js.Set({ value: sorted.map((e) => raw(e)) });
}

/** Parses one DER value, throwing on trailing or broken input. */
export function parseDer(bytes: Uint8Array): asn1js.AsnType {
  const r = asn1js.fromBER(bytes);
  if (r.offset === -1) throw new Error(`ASN.1: ${r.result.error}`);
  return r.result;
}

/** The exact bytes a parsed value was decoded from. */
export const encodedBytes = (v: asn1js.AsnType): Buffer => Buffer.from(v.valueBeforeDecodeView);
