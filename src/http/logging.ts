import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { withTrace } from '../trace';
import { isProbe } from './routes/health.routes';

const incomingIdPattern = /^[A-Za-z0-9._:-]{8,100}$/;

/** What may reach the logs: never passwords, cookies, tokens or the Authorization header. */
export const redactPaths = [
  'req.headers',
  'res.headers',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.token',
  '*.csrfToken',
  '*.cookie',
  '*.authorization',
];

/**
 * One structured line per request: request id (taken from a sane incoming `X-Request-Id`, else a new
 * UUID, echoed in the answer), method, path, status, latency, user id. Every line a handler logs through
 * `req.log` carries the same `requestId`.
 */
export function requestLogging(logger: Logger): RequestHandler {
  const http = pinoHttp({
    logger,
    quietReqLogger: true,
    customAttributeKeys: { reqId: 'requestId', responseTime: 'ms' },
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && incomingIdPattern.test(given) ? given : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    serializers: {
      req: (req: { method: string; url: string; remoteAddress?: string }) => ({
        method: req.method,
        url: req.url,
        remoteAddress: req.remoteAddress,
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    redact: { paths: redactPaths, censor: '[redacted]' },
    customProps: (req: IncomingMessage) => {
      const auth = (req as Request).auth;
      return auth ? { userId: auth.user.id } : {};
    },
    // Probes come every few seconds, and their 503 while draining is the answer asked for: debug only.
    customLogLevel: (req: IncomingMessage, res: ServerResponse, err?: Error) =>
      isProbe(req.url ?? '')
        ? 'debug'
        : err || res.statusCode >= 500
          ? 'error'
          : res.statusCode >= 400
            ? 'warn'
            : 'info',
    customSuccessMessage: (req: IncomingMessage, res: ServerResponse) => `${req.method} ${res.statusCode}`,
    customErrorMessage: (req: IncomingMessage, res: ServerResponse) =>
      `${req.method} ${res.statusCode} failed`,
  });
  // The rest of the request runs in its trace: what the use cases log, and the outbox rows they write
  // (src/workflow/engine/outbox.ts), carry the request id.
  return (req, res, next) => http(req, res, () => withTrace({ requestId: req.id as string }, next));
}
