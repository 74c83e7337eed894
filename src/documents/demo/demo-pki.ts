import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import { encodeName, issueCertificate, type NameInput } from '../signing/x509.builder';

/**
 * A small PKI for the demo and the tests, made in a few hundred milliseconds: a root CA and PKCS#12
 * files for the director and the organisation's seal (plus, for tests, an expired certificate, one the
 * caller marks revoked, and a timestamping certificate). Keys come from Node's native RSA key
 * generation; node-forge only wraps them into PKCS#12.
 */
export interface DemoIdentity {
  /** The PKCS#12 file (AES-256, SHA-256 MAC unless `legacy`). */
  p12: Buffer;
  password: string;
  certificate: Buffer;
  key: KeyObject;
}

export interface DemoPki {
  /** The root CA's certificate (DER): the trust anchor verifiers are given. */
  caCertificate: Buffer;
  caKey: KeyObject;
  director: DemoIdentity;
  seal: DemoIdentity;
  expired: DemoIdentity;
  /** Valid, but the caller marks it revoked. */
  revoked: DemoIdentity;
  tsa: { certificate: Buffer; key: KeyObject };
}

export interface DemoPkiOptions {
  /** Validity is counted from this time (default: now). */
  now?: Date;
  organization?: string;
  password?: string;
  /** RSA modulus length (2048 by default). */
  bits?: number;
}

const YEAR_MS = 365 * 86_400_000;

function rsa(bits: number): { publicKey: KeyObject; privateKey: KeyObject } {
  return generateKeyPairSync('rsa', { modulusLength: bits });
}

/** Wraps a key and certificates into a PKCS#12 file. */
export function toPkcs12(
  key: KeyObject,
  certificates: readonly Buffer[],
  password: string,
  options: { friendlyName?: string; legacy?: boolean } = {},
): Buffer {
  const forgeKey = forge.pki.privateKeyFromPem(key.export({ type: 'pkcs8', format: 'pem' }).toString());
  const certs = certificates.map((c) =>
    forge.pki.certificateFromAsn1(forge.asn1.fromDer(c.toString('binary'))),
  );
  const asn1 = forge.pkcs12.toPkcs12Asn1(forgeKey, certs, password, {
    algorithm: options.legacy ? '3des' : 'aes256',
    friendlyName: options.friendlyName,
    generateLocalKeyId: true,
  });
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
}

export function createDemoPki(options: DemoPkiOptions = {}): DemoPki {
  const now = options.now ?? new Date();
  const org = options.organization ?? 'Sở Nội vụ tỉnh Bắc Ninh';
  const password = options.password ?? 'demo-secret';
  const bits = options.bits ?? 2048;
  const ca = rsa(bits);
  const caSubject: NameInput = {
    commonName: 'Accolade Demo Root CA',
    organization: 'Accolade (demo, not for production)',
    country: 'VN',
  };
  const caCertificate = issueCertificate({
    subject: caSubject,
    publicKey: ca.publicKey,
    selfKey: ca.privateKey,
    notBefore: new Date(now.getTime() - YEAR_MS),
    notAfter: new Date(now.getTime() + 20 * YEAR_MS),
    role: 'ca',
  });
  const caName = encodeName(caSubject);
  const issuer = { name: caName, key: ca.privateKey, publicKey: ca.publicKey };

  const identity = (subject: NameInput, notBefore: Date, notAfter: Date, name: string): DemoIdentity => {
    const k = rsa(bits);
    const certificate = issueCertificate({
      subject,
      publicKey: k.publicKey,
      issuer,
      notBefore,
      notAfter,
      role: 'signing',
    });
    return {
      p12: toPkcs12(k.privateKey, [certificate, caCertificate], password, { friendlyName: name }),
      password,
      certificate,
      key: k.privateKey,
    };
  };
  const from = new Date(now.getTime() - 30 * 86_400_000);
  const until = new Date(now.getTime() + 3 * YEAR_MS);
  const place = { country: 'VN', state: 'Bắc Ninh' };
  const director = identity(
    { commonName: 'Nguyễn Văn Quyết', title: 'Phó Giám đốc', organization: org, ...place },
    from,
    until,
    'director',
  );
  const seal = identity({ commonName: org, organization: org, ...place }, from, until, 'seal');
  const expired = identity(
    { commonName: 'Trần Văn Hết Hạn', title: 'Phó Giám đốc', organization: org, ...place },
    new Date(now.getTime() - 3 * YEAR_MS),
    new Date(now.getTime() - YEAR_MS),
    'expired',
  );
  const revoked = identity(
    { commonName: 'Lê Thị Thu Hồi', title: 'Phó Giám đốc', organization: org, ...place },
    from,
    until,
    'revoked',
  );
  const t = rsa(bits);
  const tsa = {
    certificate: issueCertificate({
      subject: { commonName: 'Accolade Demo TSA', organization: 'Accolade (demo)', country: 'VN' },
      publicKey: t.publicKey,
      issuer,
      notBefore: from,
      notAfter: until,
      role: 'timestamping',
    }),
    key: t.privateKey,
  };
  return { caCertificate, caKey: ca.privateKey, director, seal, expired, revoked, tsa };
}
