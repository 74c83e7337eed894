import { STATUS_CODES } from 'node:http';
import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import { z } from 'zod';
import { AppError, errorStatus, isAppError, type ErrorCode } from '../errors';
import { fieldErrorsOf } from '../workflow/input';

/**
 * Every error answer is an RFC 9457 problem document. `type` is `about:blank` (so `title` is the HTTP
 * status phrase) and `code` carries the specific condition from API.md; clients switch on `code`.
 */
export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.enum(Object.keys(errorStatus) as [ErrorCode, ...ErrorCode[]]),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
    requestId: z.string(),
  })
  .meta({ id: 'Problem', description: 'An RFC 9457 problem document' });
export type Problem = z.infer<typeof problemSchema>;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export function requestIdOf(req: Request): string {
  const id = (req as { id?: unknown }).id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : '';
}

export function problemOf(req: Request, err: AppError): Problem & Record<string, unknown> {
  const status = err.status;
  return {
    ...(err.extra ?? {}),
    type: 'about:blank',
    title: STATUS_CODES[status] ?? 'Error',
    status,
    detail: err.message,
    code: err.code,
    ...(err.errors ? { errors: err.errors } : {}),
    requestId: requestIdOf(req),
  };
}

export function sendProblem(req: Request, res: Response, err: AppError): void {
  if (err.code === 'UNAUTHENTICATED') res.setHeader('WWW-Authenticate', 'Bearer realm="accolade"');
  res
    .status(err.status)
    .type(PROBLEM_CONTENT_TYPE)
    .send(JSON.stringify(problemOf(req, err)));
}

/** Turns zod issues into `[{field, message}]` (the use cases' own function). */
export const fieldErrors = fieldErrorsOf;

interface HttpishError {
  status?: unknown;
  statusCode?: unknown;
  type?: unknown;
  code?: unknown;
  field?: unknown;
  expose?: unknown;
}

/** Errors thrown by Express, body-parser and multer, as AppErrors the client may see. */
function fromLibraryError(e: unknown): AppError | null {
  if (typeof e !== 'object' || e === null) return null;
  const err = e as HttpishError;
  if (err.type === 'entity.parse.failed')
    return new AppError('VALIDATION_FAILED', 'The request body is not valid JSON', {
      errors: [{ field: 'body', message: 'is not valid JSON' }],
    });
  if (err.type === 'entity.too.large' || err.type === 'parameters.too.many')
    return new AppError('PAYLOAD_TOO_LARGE', 'The request body is too large');
  if (err.type === 'encoding.unsupported' || err.type === 'charset.unsupported')
    return new AppError('UNSUPPORTED_MEDIA_TYPE', 'The body must be UTF-8 JSON');
  if (typeof err.code === 'string' && err.code.startsWith('LIMIT_')) {
    if (err.code === 'LIMIT_FILE_SIZE') return new AppError('PAYLOAD_TOO_LARGE', 'The file is too large');
    const field = typeof err.field === 'string' ? err.field : 'body';
    return new AppError('VALIDATION_FAILED', `Unexpected multipart content (${err.code})`, {
      errors: [
        {
          field,
          message:
            err.code === 'LIMIT_UNEXPECTED_FILE'
              ? 'is not an expected file field'
              : 'is too large or too many',
        },
      ],
    });
  }
  const status =
    typeof err.status === 'number' ? err.status : typeof err.statusCode === 'number' ? err.statusCode : 0;
  if (status >= 400 && status < 500) {
    if (status === 404) return new AppError('NOT_FOUND', 'Not found');
    if (status === 413) return new AppError('PAYLOAD_TOO_LARGE', 'The request body is too large');
    if (status === 415) return new AppError('UNSUPPORTED_MEDIA_TYPE', 'Unsupported content type');
    return new AppError('VALIDATION_FAILED', 'The request could not be read', {
      errors: [{ field: 'body', message: 'could not be read' }],
    });
  }
  return null;
}

/** The last middleware: every error becomes a problem document; a 500 says nothing of its cause. */
export function errorHandler(): ErrorRequestHandler {
  return (e: unknown, req, res, next) => {
    if (res.headersSent) {
      next(e);
      return;
    }
    const known = isAppError(e) ? e : fromLibraryError(e);
    if (known && known.status < 500) {
      sendProblem(req, res, known);
      return;
    }
    // pino-http logs the request line at error level with this error (stack included) and the request id.
    res.err = e instanceof Error ? e : new Error(String(e));
    const internal = new AppError(
      'INTERNAL',
      'An internal error occurred; quote the request id when reporting it',
    );
    sendProblem(req, res, known && known.code !== 'INTERNAL' ? known : internal);
  };
}

export function notFoundHandler(): RequestHandler {
  return (req, _res, next) => next(new AppError('NOT_FOUND', `No resource at ${req.method} ${req.path}`));
}
