import * as argon2 from 'argon2';
import { randomBytes } from 'node:crypto';

/** argon2id with the library's defaults (m=64 MiB, t=3, p=4) unless a deployment chooses otherwise. */
export interface PasswordHashing {
  memoryCost?: number;
  timeCost?: number;
  parallelism?: number;
}

import type { PasswordPort } from '../workflow/auth/passwords';

export { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../workflow/auth/passwords';

/** argon2id behind the use cases' password port. */
export type Passwords = PasswordPort;

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
