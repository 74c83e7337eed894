import { CertificateNotUsableError } from '../errors';
import type { CertificateInfo } from './certificate-info';

/**
 * Whatever holds the private key: a PKCS#12 file today, a USB token or a remote signing service
 * later. The PAdES code needs only the certificates and a raw signature over the bytes it gives
 * (the DER of the CMS signed attributes); the key never leaves the signer.
 */
export interface Signer {
  /** The signer's certificate (DER). */
  readonly certificate: Uint8Array;
  /** Issuing CA certificates up to (not necessarily including) the root (DER), embedded in the CMS. */
  readonly chain: readonly Uint8Array[];
  /** The key's algorithm: the CMS names it (RSA PKCS#1 v1.5 or ECDSA, both with SHA-256). */
  readonly keyAlgorithm: 'RSA' | 'EC';
  /** The certificate as read. */
  readonly info: CertificateInfo;
  /**
   * Signs `data` (hashing it with SHA-256 itself). `signingTime` is the time the signature claims:
   * a signer refuses it outside the certificate's validity or when the certificate is revoked.
   */
  sign(data: Uint8Array, context: { signingTime: Date }): Promise<Uint8Array>;
}

/** Throws unless the certificate may sign at `at` (validity period; the caller's revocation mark). */
export function assertCertificateUsable(info: CertificateInfo, at: Date, revoked: boolean): void {
  if (revoked) {
    throw new CertificateNotUsableError('CERTIFICATE_REVOKED', `certificate ${info.serialNumber} is revoked`);
  }
  if (at.getTime() < info.notBefore.getTime()) {
    throw new CertificateNotUsableError(
      'CERTIFICATE_NOT_YET_VALID',
      `certificate ${info.serialNumber} is valid from ${info.notBefore.toISOString()}`,
    );
  }
  if (at.getTime() > info.notAfter.getTime()) {
    throw new CertificateNotUsableError(
      'CERTIFICATE_EXPIRED',
      `certificate ${info.serialNumber} expired at ${info.notAfter.toISOString()}`,
    );
  }
}
