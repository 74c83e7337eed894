/**
 * What the sign-in and password use cases need from password hashing (argon2 lives in
 * `src/http/passwords.ts`, the composition's choice); a port, so the use cases stay free of it.
 */
export interface PasswordPort {
  hash(password: string): Promise<string>;
  /** True when `password` matches `hash`; a malformed hash is a mismatch. */
  verify(hash: string, password: string): Promise<boolean>;
  /** Spends the time of a real check for an unknown user (the answer time must not tell who exists). */
  verifyNobody(password: string): Promise<false>;
}

export const PASSWORD_MIN_LENGTH = 8;
/** argon2 accepts long inputs, but nobody needs more and it bounds the work an attacker can ask for. */
export const PASSWORD_MAX_LENGTH = 256;
