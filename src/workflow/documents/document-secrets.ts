import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Queryable } from '../../db/db';
import { getOrCreateSetting } from '../../db/settings';

/**
 * Signing files at rest: AES-256-GCM under the documents key (`settings.documents.key`, made once, kept
 * in the database like the session secret). A PKCS#12 file is already encrypted by its own password;
 * this second layer means a copy of the table alone gives nobody a file to attack offline, and it
 * protects the one password that must be kept (the seal's, applied at every SIGN without anyone typing
 * it). A person's password is never stored. Format: base64(iv 12 | tag 16 | ciphertext).
 */
const KEY_SETTING = 'documents.key';

export async function documentsKey(db: Queryable): Promise<Buffer> {
  const v = await getOrCreateSetting(db, KEY_SETTING, () => randomBytes(32).toString('base64'));
  if (typeof v !== 'string') throw new Error('the documents key setting is not a string');
  const key = Buffer.from(v, 'base64');
  if (key.length !== 32) throw new Error('the documents key must be 32 bytes');
  return key;
}

export function sealBytes(key: Buffer, plain: Uint8Array): string {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([c.update(plain), c.final()]);
  return Buffer.concat([iv, c.getAuthTag(), body]).toString('base64');
}

export function unsealBytes(key: Buffer, sealed: string): Buffer {
  const b = Buffer.from(sealed, 'base64');
  const d = createDecipheriv('aes-256-gcm', key, b.subarray(0, 12));
  d.setAuthTag(b.subarray(12, 28));
  return Buffer.concat([d.update(b.subarray(28)), d.final()]);
}
