/**
 * The documents layer's own errors: small, named, each with a stable `code`, so the wiring can map
 * them to the HTTP contract (`AppError`) without this layer knowing it.
 */
export type DocumentsErrorCode =
  | 'PKCS12_WRONG_PASSWORD'
  | 'PKCS12_INVALID'
  | 'CERTIFICATE_NOT_YET_VALID'
  | 'CERTIFICATE_EXPIRED'
  | 'CERTIFICATE_REVOKED'
  | 'CERTIFICATE_UNSUITABLE'
  | 'SIGNATURE_TOO_LARGE'
  | 'TIMESTAMP_FAILED'
  | 'PDF_UNSUPPORTED'
  | 'PDF_NOT_SIGNED'
  | 'SIGNED_COPY_MODIFIED'
  | 'SIGNED_COPY_CONTENT_AFTER_SIGNATURE'
  | 'SIGNED_COPY_CONTENT_CHANGED'
  | 'SIGNED_COPY_INVALID_SIGNATURE';

export class DocumentsError extends Error {
  readonly code: DocumentsErrorCode;
  constructor(code: DocumentsErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}

/** The PKCS#12 file opened, but its password is not this one (the MAC did not verify). */
export class WrongPasswordError extends DocumentsError {
  constructor(options?: { cause?: unknown }) {
    super('PKCS12_WRONG_PASSWORD', 'the password does not open this PKCS#12 file', options);
  }
}

/** Not a PKCS#12 file, or one without exactly one private key and its certificate. */
export class InvalidPkcs12Error extends DocumentsError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('PKCS12_INVALID', message, options);
  }
}

/** A certificate that may not sign at the signing time: not yet valid, expired, revoked, unsuitable. */
export class CertificateNotUsableError extends DocumentsError {
  constructor(
    code:
      'CERTIFICATE_NOT_YET_VALID' | 'CERTIFICATE_EXPIRED' | 'CERTIFICATE_REVOKED' | 'CERTIFICATE_UNSUITABLE',
    message: string,
  ) {
    super(code, message);
  }
}

export class SignatureTooLargeError extends DocumentsError {
  constructor(needed: number, reserved: number) {
    super('SIGNATURE_TOO_LARGE', `the signature needs ${needed} bytes; ${reserved} were reserved`);
  }
}

export class TimestampError extends DocumentsError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('TIMESTAMP_FAILED', message, options);
  }
}

export class UnsupportedPdfError extends DocumentsError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('PDF_UNSUPPORTED', message, options);
  }
}

/** Why an uploaded signed copy is refused (`checkSignedCopy`). */
export class SignedCopyRefusedError extends DocumentsError {
  constructor(
    code:
      | 'PDF_NOT_SIGNED'
      | 'SIGNED_COPY_MODIFIED'
      | 'SIGNED_COPY_CONTENT_AFTER_SIGNATURE'
      | 'SIGNED_COPY_CONTENT_CHANGED'
      | 'SIGNED_COPY_INVALID_SIGNATURE',
    message: string,
  ) {
    super(code, message);
  }
}
