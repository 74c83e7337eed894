import { X509Certificate } from 'node:crypto';
import * as pkijs from 'pkijs';
import { OID, sha256 } from './asn1';

/**
 * What a person reads of a certificate: subject, issuer, serial, validity. Names are decoded from the
 * ASN.1 strings themselves (UTF8String, BMPString, PrintableString), so `Nguyễn Văn Quyết` reads as
 * written (node-forge shows UTF-8 names as mojibake).
 */
export interface DistinguishedName {
  commonName: string | null;
  organization: string | null;
  organizationalUnit: string | null;
  title: string | null;
  locality: string | null;
  state: string | null;
  country: string | null;
  /** RFC 4514-style text, most specific first: `CN=Nguyễn Văn Quyết, O=Sở Nội vụ, C=VN`. */
  text: string;
}

export interface CertificateInfo {
  subject: DistinguishedName;
  issuer: DistinguishedName;
  /** Hex, upper case, no leading zero bytes beyond one. */
  serialNumber: string;
  notBefore: Date;
  notAfter: Date;
  /** sha256 of the DER, hex: how the records name a certificate. */
  fingerprint: string;
  der: Buffer;
}

const SHORT: Record<string, string> = {
  [OID.commonName]: 'CN',
  [OID.organization]: 'O',
  [OID.organizationalUnit]: 'OU',
  [OID.title]: 'T',
  [OID.locality]: 'L',
  [OID.state]: 'ST',
  [OID.country]: 'C',
  [OID.serialNumber]: 'SERIALNUMBER',
  [OID.userId]: 'UID',
  [OID.email]: 'E',
};

function valueText(v: pkijs.AttributeTypeAndValue['value']): string {
  const block = (v as { valueBlock?: { value?: unknown } }).valueBlock;
  if (block && typeof block.value === 'string') return block.value.normalize('NFC');
  return '';
}

export function distinguishedName(rdn: pkijs.RelativeDistinguishedNames): DistinguishedName {
  const pairs = rdn.typesAndValues.map((t) => [t.type, valueText(t.value)] as const);
  const get = (id: string): string | null => pairs.find(([t]) => t === id)?.[1] ?? null;
  return {
    commonName: get(OID.commonName),
    organization: get(OID.organization),
    organizationalUnit: get(OID.organizationalUnit),
    title: get(OID.title),
    locality: get(OID.locality),
    state: get(OID.state),
    country: get(OID.country),
    text: [...pairs]
      .reverse()
      .map(([t, v]) => `${SHORT[t] ?? t}=${v}`)
      .join(', '),
  };
}

export function parseCertificate(der: Uint8Array): pkijs.Certificate {
  return pkijs.Certificate.fromBER(new Uint8Array(der));
}

export function certificateInfo(der: Uint8Array): CertificateInfo {
  const c = parseCertificate(der);
  return {
    subject: distinguishedName(c.subject),
    issuer: distinguishedName(c.issuer),
    serialNumber: Buffer.from(c.serialNumber.valueBlock.valueHexView).toString('hex').toUpperCase(),
    notBefore: c.notBefore.value,
    notAfter: c.notAfter.value,
    fingerprint: sha256(der).toString('hex'),
    der: Buffer.from(der),
  };
}

/** The certificate as Node's crypto sees it (public key, issuer checks). */
export const x509 = (der: Uint8Array): X509Certificate => new X509Certificate(Buffer.from(der));

export function certificateToPem(der: Uint8Array): string {
  const b64 = Buffer.from(der).toString('base64');
  return `-----BEGIN CERTIFICATE-----\n${b64.replace(/.{64}/g, '$&\n').replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`;
}
