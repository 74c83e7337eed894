import { createPrivateKey, createPublicKey, sign as cryptoSign, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import { InvalidPkcs12Error, WrongPasswordError } from '../errors';
import { certificateInfo, x509, type CertificateInfo } from './certificate-info';
import { assertCertificateUsable, type Signer } from './signer';

/**
 * A signer whose key is in a PKCS#12 file (`.p12`/`.pfx`), opened with its password. node-forge reads
 * both the OpenSSL 3 default format (PBES2/AES-256 + SHA-256 MAC) and the legacy 3DES/RC2 one that
 * Windows and many CA tools still export; the key itself signs through Node's crypto.
 */
export interface Pkcs12Options {
  /** The admin marked this certificate revoked: it must not sign. */
  revoked?: boolean;
}

export class Pkcs12Signer implements Signer {
  readonly certificate: Buffer;
  readonly chain: readonly Buffer[];
  readonly keyAlgorithm: 'RSA' | 'EC';
  readonly info: CertificateInfo;
  readonly #key: KeyObject;
  readonly #revoked: boolean;

  private constructor(key: KeyObject, certificate: Buffer, chain: Buffer[], revoked: boolean) {
    this.#key = key;
    this.certificate = certificate;
    this.chain = chain;
    this.info = certificateInfo(certificate);
    this.#revoked = revoked;
    const type = key.asymmetricKeyType;
    if (type === 'rsa') this.keyAlgorithm = 'RSA';
    else if (type === 'ec') this.keyAlgorithm = 'EC';
    else throw new InvalidPkcs12Error(`unsupported key type ${type ?? 'unknown'}`);
  }

  /** Opens a PKCS#12 file. Throws `WrongPasswordError` or `InvalidPkcs12Error`. */
  static open(bytes: Uint8Array, password: string, options: Pkcs12Options = {}): Pkcs12Signer {
    const { key, certificates } = readPkcs12(bytes, password);
    const spki = createPublicKey(key).export({ type: 'spki', format: 'der' });
    const own = certificates.find((c) =>
      x509(c).publicKey.export({ type: 'spki', format: 'der' }).equals(spki),
    );
    if (!own) throw new InvalidPkcs12Error('no certificate in the file matches its private key');
    const chain = certificates.filter((c) => c !== own);
    return new Pkcs12Signer(key, own, chain, options.revoked ?? false);
  }

  sign(data: Uint8Array, context: { signingTime: Date }): Promise<Uint8Array> {
    assertCertificateUsable(this.info, context.signingTime, this.#revoked);
    return Promise.resolve(cryptoSign('sha256', data, this.#key));
  }
}

/** Reads the certificate of a PKCS#12 file without keeping its key (what an upload answers). */
export function pkcs12Certificate(bytes: Uint8Array, password: string): CertificateInfo {
  return Pkcs12Signer.open(bytes, password).info;
}

function readPkcs12(bytes: Uint8Array, password: string): { key: KeyObject; certificates: Buffer[] } {
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    const asn1 = forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(bytes).toString('binary')));
    p12 = forge.pkcs12.pkcs12FromAsn1(asn1, false, password);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (/password/i.test(message)) throw new WrongPasswordError({ cause: e });
    throw new InvalidPkcs12Error(`not a readable PKCS#12 file: ${message}`, { cause: e });
  }
  const bagsOf = (type: string | undefined): forge.pkcs12.Bag[] =>
    type === undefined ? [] : (p12.getBags({ bagType: type })[type] ?? []);
  const keyBags = [...bagsOf(forge.pki.oids.pkcs8ShroudedKeyBag), ...bagsOf(forge.pki.oids.keyBag)];
  if (keyBags.length !== 1) throw new InvalidPkcs12Error(`expected one private key, found ${keyBags.length}`);
  const bag = keyBags[0] as forge.pkcs12.Bag & { asn1?: forge.asn1.Asn1 };
  const keyDer = bag.key
    ? forge.asn1.toDer(forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(bag.key))).getBytes()
    : bag.asn1
      ? forge.asn1.toDer(bag.asn1).getBytes()
      : null;
  if (keyDer === null) throw new InvalidPkcs12Error('the private key could not be read');
  const key = createPrivateKey({ key: Buffer.from(keyDer, 'binary'), format: 'der', type: 'pkcs8' });
  const certBags = bagsOf(forge.pki.oids.certBag);
  const certificates = certBags.map((b) => {
    const c = b as forge.pkcs12.Bag & { asn1?: forge.asn1.Asn1 };
    const asn1 = c.cert ? forge.pki.certificateToAsn1(c.cert) : c.asn1;
    if (!asn1) throw new InvalidPkcs12Error('a certificate could not be read');
    return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
  });
  if (certificates.length === 0) throw new InvalidPkcs12Error('the file holds no certificate');
  return { key, certificates };
}
