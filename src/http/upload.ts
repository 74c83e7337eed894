import type { Request, RequestHandler } from 'express';
import multer from 'multer';
import { AppError } from '../errors';
import { cleanFilename, detectType, type AllowedMime } from '../storage/files';

/** A file received by a multipart route, its type checked by content. Pass it to `storeUpload`. */
export interface UploadedFile {
  buffer: Buffer;
  filename: string;
  size: number;
  mime: AllowedMime | 'text/csv';
  ext: string;
}

/**
 * What a multipart route accepts, by content: `documents` (default) PDF, DOCX, XLSX, JPEG, PNG;
 * `spreadsheets` XLSX, or CSV, which has no signature to detect: UTF-8 text with no NUL or other binary
 * control characters is taken as CSV (its rows are validated by whoever reads it).
 */
export type UploadAccept = 'documents' | 'spreadsheets';

export const acceptDescription: Record<UploadAccept, string> = {
  documents: 'PDF, DOCX, XLSX, JPEG or PNG (checked by content)',
  spreadsheets: 'XLSX or CSV, UTF-8 (checked by content)',
};

function isUtf8Text(buffer: Buffer): boolean {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(buffer);
    // eslint-disable-next-line no-control-regex
    return !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text);
  } catch {
    return false;
  }
}

async function typeOf(
  buffer: Buffer,
  accept: UploadAccept,
): Promise<{ mime: UploadedFile['mime']; ext: string } | null> {
  const type = await detectType(buffer);
  if (accept === 'documents') return type;
  if (type) return type.ext === 'xlsx' ? type : null;
  return buffer.length > 0 && isUtf8Text(buffer) ? { mime: 'text/csv', ext: 'csv' } : null;
}

/**
 * Receives one file in memory (at most `maxBytes`, else 413) plus text fields, and checks its type by
 * content. Sets `req.uploaded`; text fields land in `req.body` for the route's schema.
 */
export function receiveUpload(
  field: string,
  maxBytes: number,
  accept: UploadAccept = 'documents',
): RequestHandler {
  const mw = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: maxBytes, files: 1, fields: 50, fieldSize: 100_000, parts: 60 },
    // Browsers send UTF-8 file names (Vietnamese names included) without saying so.
    defParamCharset: 'utf8',
  }).single(field);
  return (req, res, next) => {
    if (!req.is('multipart/form-data')) {
      next(new AppError('UNSUPPORTED_MEDIA_TYPE', 'The body must be multipart/form-data'));
      return;
    }
    // Refuse an announced oversize body before reading it (the multipart framing adds a little).
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > maxBytes + 1024 * 1024) {
      req.resume();
      next(new AppError('PAYLOAD_TOO_LARGE', `The file is larger than ${maxBytes} bytes`));
      return;
    }
    mw(req, res, (err?: unknown) => {
      if (err) {
        // Limits are MulterErrors (mapped by the error handler); anything else is a body busboy could not
        // parse (no boundary, truncated, malformed part header): the client's fault, not ours.
        next(
          err instanceof multer.MulterError
            ? err
            : new AppError('VALIDATION_FAILED', 'The body is not well-formed multipart/form-data', {
                errors: [{ field: 'body', message: 'is not well-formed multipart/form-data' }],
              }),
        );
        return;
      }
      const f = req.file;
      if (!f) {
        next();
        return;
      }
      typeOf(f.buffer, accept).then(
        (type) => {
          if (!type) {
            next(
              new AppError('VALIDATION_FAILED', `The file must be ${acceptDescription[accept]}`, {
                errors: [{ field, message: `must be ${acceptDescription[accept]}` }],
              }),
            );
            return;
          }
          (req as Request & { uploaded?: UploadedFile }).uploaded = {
            buffer: f.buffer,
            filename: cleanFilename(f.originalname, type.ext),
            size: f.size,
            mime: type.mime,
            ext: type.ext,
          };
          next();
        },
        (e: unknown) => next(e),
      );
    });
  };
}
