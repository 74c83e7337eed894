import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, type ReadStream } from 'node:fs';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { fromBuffer } from 'file-type';
import { AppError } from '../errors';

/**
 * Uploaded files, content-addressed under `DATA_DIR/files/<first 2 hex of sha256>/<sha256>`: the same
 * bytes are stored once, a stored file never changes, and a name never reaches the file system.
 */
export const allowedTypes = {
  'application/pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'image/jpeg': 'jpg',
  'image/png': 'png',
} as const;
export type AllowedMime = keyof typeof allowedTypes;

export interface DetectedType {
  mime: AllowedMime;
  ext: string;
}

/** The file's type from its bytes (never its name or declared type); null when not one we accept. */
export async function detectType(buffer: Buffer): Promise<DetectedType | null> {
  const t = await fromBuffer(buffer);
  if (!t || !(t.mime in allowedTypes)) return null;
  return { mime: t.mime as AllowedMime, ext: allowedTypes[t.mime as AllowedMime] };
}

/** A display name safe to echo and to put in Content-Disposition: no path, no control characters. */
export function cleanFilename(name: string | undefined, ext: string): string {
  let n = (name ?? '').normalize('NFC');
  n = basename(n.replace(/\\/g, '/'));
  // eslint-disable-next-line no-control-regex
  n = n.replace(/[\u0000-\u001f\u007f"<>|*?]/g, '').trim();
  if (n === '' || n === '.' || n === '..') n = `file.${ext}`;
  if (n.length > 200) {
    const e = extname(n).slice(0, 16);
    n = n.slice(0, 200 - e.length) + e;
  }
  return n;
}

export interface UploadInput {
  buffer: Buffer;
  /** The name the client gave. */
  filename?: string;
  /** multer's field name for the same thing. */
  originalname?: string;
}

export interface StoredFile {
  /** Relative to DATA_DIR: `files/ab/ab12…`. */
  storageKey: string;
  sha256: string;
  size: number;
  mime: AllowedMime;
  filename: string;
}

const notAccepted = () =>
  new AppError('VALIDATION_FAILED', 'The file must be a PDF, DOCX, XLSX, JPEG or PNG document', {
    errors: [
      { field: 'file', message: 'must be a PDF, DOCX, XLSX, JPEG or PNG document (checked by content)' },
    ],
  });

/** Checks the type by content, then stores the bytes (temp file, fsync, rename). */
export async function storeUpload(dataDir: string, file: UploadInput): Promise<StoredFile> {
  const type = await detectType(file.buffer);
  if (!type) throw notAccepted();
  const sha256 = createHash('sha256').update(file.buffer).digest('hex');
  const storageKey = `files/${sha256.slice(0, 2)}/${sha256}`;
  const target = join(dataDir, storageKey);
  const dir = join(dataDir, 'files', sha256.slice(0, 2));
  await mkdir(dir, { recursive: true });
  const exists = await stat(target).then(
    (s) => s.size === file.buffer.length,
    () => false,
  );
  if (!exists) {
    const tmp = join(dir, `.tmp-${randomBytes(8).toString('hex')}`);
    try {
      const fh = await open(tmp, 'wx', 0o640);
      try {
        await fh.writeFile(file.buffer);
        await fh.sync();
      } finally {
        await fh.close();
      }
      await rename(tmp, target);
    } catch (e) {
      await rm(tmp, { force: true });
      throw e;
    }
  }
  return {
    storageKey,
    sha256,
    size: file.buffer.length,
    mime: type.mime,
    filename: cleanFilename(file.filename ?? file.originalname, type.ext),
  };
}

const keyPattern = /^files\/([0-9a-f]{2})\/([0-9a-f]{64})$/;

/** Removes a stored file that nothing refers to (the caller checks). The key is checked like `openStored`'s. */
export async function discardStored(dataDir: string, storageKey: string): Promise<void> {
  const m = keyPattern.exec(storageKey);
  if (!m || !m[2]!.startsWith(m[1]!)) return;
  await rm(join(dataDir, storageKey), { force: true });
}

/** A stream of a stored file. The key is checked, so it cannot point outside the files folder. */
export function openStored(dataDir: string, storageKey: string): ReadStream {
  const m = keyPattern.exec(storageKey);
  if (!m || !m[2]!.startsWith(m[1]!)) throw new AppError('NOT_FOUND', 'No such file');
  return createReadStream(join(dataDir, storageKey));
}

/** A stored file's bytes (documents, a few MB at most); the key is checked like `openStored`'s. */
export async function readStored(dataDir: string, storageKey: string): Promise<Buffer> {
  const m = keyPattern.exec(storageKey);
  if (!m || !m[2]!.startsWith(m[1]!)) throw new AppError('NOT_FOUND', 'No such file');
  return readFile(join(dataDir, storageKey));
}
