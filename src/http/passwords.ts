import * as argon2 from 'argon2';
import { randomBytes } from 'node:crypto';

/** argon2id with the library's defaults (m=64 MiB, t=3, p=4) unless a deployment chooses otherwise. */
export interface PasswordHashing {
  memoryCost?: number;
  timeCost?: number;
  parallelism?: number;
}

export const PASSWORD_MIN_LENGTH = 8;
/** argon2 accepts long inputs, but nobody needs more and it bounds the work an attacker can ask for. */
export const PASSWORD_MAX_LENGTH = 256;

export interface Passwords {
  hash(password: string): Promise<string>;
  /** True when `password` matches `hash`; a malformed hash is a mismatch, not an error. */
  verify(hash: string, password: string): Promise<boolean>;
  /**
   * Spends the same time as a real check, for an unknown user, so the answer time does not tell
   * whether the account exists.
   */
  verifyNobody(password: string): Promise<false>;
}

export function createPasswords(opts: PasswordHashing = {}): Passwords {
  const params: argon2.HashOptions = { type: argon2.argon2id, ...opts };
  let dummy: Promise<string> | undefined;
  const verify = async (hash: string, password: string): Promise<boolean> => {
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false;
    }
  };
  return {
    hash: (password) => argon2.hash(password, params),
    verify,
    async verifyNobody(password) {
      dummy ??= argon2.hash(randomBytes(24).toString('base64url'), params);
      await verify(await dummy, password);
      return false;
    },
  };
}
