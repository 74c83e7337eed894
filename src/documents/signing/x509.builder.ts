import { randomBytes, sign as cryptoSign, type KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import { algorithm, context, der, OID, oid, raw, seq, set, sha1 } from './asn1';

/**
 * Issues X.509 v3 certificates with asn1js and Node's crypto (no WebCrypto, no forge key generation):
 * the demo's small CA, its director's and seal's certificates, the test TSA's. Not a CA product.
 */
export interface NameInput {
  commonName: string;
  organization?: string;
  organizationalUnit?: string;
  title?: string;
  locality?: string;
  state?: string;
  country?: string;
}

export function encodeName(n: NameInput): asn1js.Sequence {
  const rdn = (type: string, value: asn1js.AsnType) => set(seq(oid(type), value));
  const utf8 = (v: string) => new asn1js.Utf8String({ value: v.normalize('NFC') });
  const parts: asn1js.Set[] = [];
  if (n.country) parts.push(rdn(OID.country, new asn1js.PrintableString({ value: n.country })));
  if (n.state) parts.push(rdn(OID.state, utf8(n.state)));
  if (n.locality) parts.push(rdn(OID.locality, utf8(n.locality)));
  if (n.organization) parts.push(rdn(OID.organization, utf8(n.organization)));
  if (n.organizationalUnit) parts.push(rdn(OID.organizationalUnit, utf8(n.organizationalUnit)));
  if (n.title) parts.push(rdn(OID.title, utf8(n.title)));
  parts.push(rdn(OID.commonName, utf8(n.commonName)));
  return seq(...parts);
}

export type CertificateRole = 'ca' | 'signing' | 'timestamping';

export interface IssueOptions {
  subject: NameInput;
  /** The subject's public key. */
  publicKey: KeyObject;
  /** The issuer's name and key; omit both for a self-signed certificate. */
  issuer?: { name: asn1js.Sequence; key: KeyObject; publicKey: KeyObject };
  /** The subject's own private key, for a self-signed certificate. */
  selfKey?: KeyObject;
  notBefore: Date;
  notAfter: Date;
  role: CertificateRole;
  serial?: Buffer;
}

function time(d: Date): asn1js.AsnType {
  return d.getUTCFullYear() < 2050
    ? new asn1js.UTCTime({ valueDate: d })
    : new asn1js.GeneralizedTime({ valueDate: d });
}

const keyId = (publicKey: KeyObject): Buffer => {
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const parsed = asn1js.fromBER(spki).result as asn1js.Sequence;
  const bits = parsed.valueBlock.value[1] as asn1js.BitString;
  return sha1(bits.valueBlock.valueHexView);
};

function extension(id: string, critical: boolean, value: asn1js.AsnType): asn1js.Sequence {
  const v = new asn1js.OctetString({ valueHex: der(value) });
  return critical ? seq(oid(id), new asn1js.Boolean({ value: true }), v) : seq(oid(id), v);
}

function extensions(o: IssueOptions): asn1js.Sequence[] {
  const list = [
    extension(OID.subjectKeyIdentifier, false, new asn1js.OctetString({ valueHex: keyId(o.publicKey) })),
  ];
  if (o.issuer) {
    list.push(
      extension(
        OID.authorityKeyIdentifier,
        false,
        seq(
          new asn1js.Primitive({
            idBlock: { tagClass: 3, tagNumber: 0 },
            valueHex: keyId(o.issuer.publicKey),
          }),
        ),
      ),
    );
  }
  if (o.role === 'ca') {
    list.push(extension(OID.basicConstraints, true, seq(new asn1js.Boolean({ value: true }))));
    // keyCertSign (5) | cRLSign (6)
    list.push(
      extension(
        OID.keyUsage,
        true,
        new asn1js.BitString({ valueHex: new Uint8Array([0x06]), unusedBits: 1 }),
      ),
    );
  } else {
    list.push(extension(OID.basicConstraints, true, seq()));
    // digitalSignature (0) | nonRepudiation (1)
    const ku = o.role === 'signing' ? [0xc0, 6] : [0x80, 7];
    list.push(
      extension(
        OID.keyUsage,
        true,
        new asn1js.BitString({ valueHex: new Uint8Array([ku[0] ?? 0]), unusedBits: ku[1] ?? 0 }),
      ),
    );
    list.push(
      o.role === 'signing'
        ? extension(OID.extKeyUsage, false, seq(oid(OID.emailProtection), oid(OID.documentSigning)))
        : extension(OID.extKeyUsage, true, seq(oid(OID.timeStamping))),
    );
  }
  return list;
}

/** Issues a certificate; returns its DER. Keys are RSA (sha256WithRSAEncryption) or EC (ecdsa-with-SHA256). */
export function issueCertificate(o: IssueOptions): Buffer {
  const signingKey = o.issuer?.key ?? o.selfKey;
  if (!signingKey) throw new Error('issueCertificate: an issuer key or the subject key for self-signing');
  const subjectName = encodeName(o.subject);
  const issuerName = o.issuer?.name ?? subjectName;
  const sigAlg =
    signingKey.asymmetricKeyType === 'ec'
      ? algorithm(OID.ecdsaWithSHA256, false)
      : algorithm(OID.sha256WithRSAEncryption, true);
  const serial = o.serial ?? Buffer.concat([Buffer.from([0x01]), randomBytes(15)]);
  const tbs = seq(
    context(0, new asn1js.Integer({ value: 2 })),
    new asn1js.Integer({ valueHex: serial }),
    sigAlg,
    issuerName,
    seq(time(o.notBefore), time(o.notAfter)),
    subjectName,
    raw(o.publicKey.export({ type: 'spki', format: 'der' })),
    context(3, seq(...extensions(o))),
  );
  const tbsDer = der(tbs);
  const signature = cryptoSign('sha256', tbsDer, signingKey);
  return der(seq(raw(tbsDer), sigAlg, new asn1js.BitString({ valueHex: signature })));
}
