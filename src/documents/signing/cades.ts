import * as asn1js from 'asn1js';
import { algorithm, context, der, derSetOf, OID, oid, raw, seq, set, sha256 } from './asn1';
import { parseCertificate } from './certificate-info';
import type { Signer } from './signer';

/**
 * CMS SignedData for PAdES baseline signatures (ETSI EN 319 142-1, CAdES detached): signed
 * attributes content-type, message-digest and ESS signing-certificate-v2 (the hash and issuer/serial
 * of the signer's certificate), and no signing-time attribute (PAdES puts the claimed time in the
 * signature dictionary's /M). The stock `@signpdf/signer-p12` writes signing-time and no
 * signing-certificate-v2, so it is not PAdES; this is built with asn1js around any `Signer`.
 */

function attribute(type: string, ...values: asn1js.AsnType[]): Buffer {
  return der(seq(oid(type), set(...values)));
}

/** ESS SigningCertificateV2 with one ESSCertIDv2 (SHA-256, the default algorithm, so omitted). */
export function signingCertificateV2(certificate: Uint8Array): asn1js.Sequence {
  const cert = parseCertificate(certificate);
  const issuerSerial = seq(
    seq(context(4, raw(der(cert.issuer.toSchema())))),
    new asn1js.Integer({ valueHex: cert.serialNumber.valueBlock.valueHexView }),
  );
  return seq(seq(seq(new asn1js.OctetString({ valueHex: sha256(certificate) }), issuerSerial)));
}

function issuerAndSerial(certificate: Uint8Array): asn1js.Sequence {
  const cert = parseCertificate(certificate);
  return seq(
    raw(der(cert.issuer.toSchema())),
    new asn1js.Integer({ valueHex: cert.serialNumber.valueBlock.valueHexView }),
  );
}

const signatureAlgorithm = (s: Signer): asn1js.Sequence =>
  s.keyAlgorithm === 'EC' ? algorithm(OID.ecdsaWithSHA256, false) : algorithm(OID.rsaEncryption, true);

export interface SignedDataInput {
  signer: Signer;
  /** SHA-256 of the signed content (the PDF's byte ranges, or a TSTInfo). */
  contentDigest: Uint8Array;
  signingTime: Date;
  /** id-data for a PDF; id-ct-TSTInfo for a timestamp token. */
  contentType?: string;
  /** Encapsulated content (a timestamp token's TSTInfo); detached when absent. */
  content?: Uint8Array;
  /** Extra signed attributes, DER-encoded. */
  extraSignedAttributes?: readonly Uint8Array[];
}

export interface SignedDataResult {
  /** The ContentInfo (DER). */
  cms: Buffer;
  /** The signature value: what a signature timestamp is taken over. */
  signatureValue: Buffer;
  /** Parts kept to rebuild the CMS with unsigned attributes (the timestamp). */
  rebuild: (unsignedAttributes: readonly Uint8Array[]) => Buffer;
}

export async function buildSignedData(input: SignedDataInput): Promise<SignedDataResult> {
  const contentType = input.contentType ?? OID.data;
  const attrs = [
    attribute(OID.contentType, oid(contentType)),
    attribute(OID.messageDigest, new asn1js.OctetString({ valueHex: input.contentDigest })),
    attribute(OID.signingCertificateV2, signingCertificateV2(input.signer.certificate)),
    ...(input.extraSignedAttributes ?? []),
  ];
  const signedAttrs = derSetOf(attrs);
  const toBeSigned = der(signedAttrs);
  const signatureValue = Buffer.from(await input.signer.sign(toBeSigned, { signingTime: input.signingTime }));
  // [0] IMPLICIT: the same content as the SET, retagged.
  const signedAttrsImplicit = Buffer.from(toBeSigned);
  signedAttrsImplicit[0] = 0xa0;

  const build = (unsigned: readonly Uint8Array[]): Buffer => {
    const signerInfo = seq(
      new asn1js.Integer({ value: 1 }),
      issuerAndSerial(input.signer.certificate),
      algorithm(OID.sha256, false),
      raw(signedAttrsImplicit),
      signatureAlgorithm(input.signer),
      new asn1js.OctetString({ valueHex: signatureValue }),
      ...(unsigned.length > 0 ? [raw(retag(der(derSetOf(unsigned)), 0xa1))] : []),
    );
    const certificates = [input.signer.certificate, ...input.signer.chain];
    const encap =
      input.content === undefined
        ? seq(oid(contentType))
        : seq(oid(contentType), context(0, new asn1js.OctetString({ valueHex: input.content })));
    const signedData = seq(
      new asn1js.Integer({ value: contentType === OID.data ? 1 : 3 }),
      set(algorithm(OID.sha256, false)),
      encap,
      raw(retag(der(derSetOf(certificates)), 0xa0)),
      set(signerInfo),
    );
    return der(seq(oid(OID.signedData), context(0, signedData)));
  };
  return { cms: build([]), signatureValue, rebuild: build };
}

function retag(encoded: Buffer, tag: number): Buffer {
  const out = Buffer.from(encoded);
  out[0] = tag;
  return out;
}

/** The unsigned attribute carrying an RFC 3161 token over the signature value (PAdES B-T). */
export const signatureTimeStampAttribute = (token: Uint8Array): Buffer =>
  attribute(OID.signatureTimeStampToken, raw(token));
