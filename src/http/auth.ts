import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Role } from '../../machines/contract';
import type { Db } from '../db/db';
import { findTokenByHash, markTokenUsed } from '../db/tokens';
import { findUserById, type UserRecord } from '../db/users';
import { AppError } from '../errors';
import { requireRole, withUnitLineage } from '../workflow/access';
import type { Actor } from '../workflow/types';

/** Who made the request and how they proved it. Set by {@link authenticate}. */
export interface AuthInfo {
  user: UserRecord;
  actor: Actor;
  via: 'session' | 'bearer';
  tokenId?: number;
}

declare module 'express-serve-static-core' {
  interface Request {
    auth?: AuthInfo;
  }
}

declare module 'express-session' {
  interface SessionData {
    userId: number;
    csrfToken: string;
    /** When the password was last proved (ms since epoch); sessions older than a password change end. */
    authAt: number;
  }
}

/** A session lives at most this long after login, however active. */
export const SESSION_ABSOLUTE_MS = 7 * 24 * 3600 * 1000;

export const sha256Hex = (s: string): string => createHash('sha256').update(s).digest('hex');
export const newApiToken = (): string => `acc_${randomBytes(32).toString('base64url')}`;
export const newCsrfToken = (): string => randomBytes(32).toString('base64url');

export function actorFromUser(user: UserRecord): Actor {
  return { userId: user.id, name: user.fullName, roles: user.roles, unitId: user.unitId };
}

/**
 * Resolves the caller from `Authorization: Bearer …` (API clients) or the session cookie (browsers).
 * A bearer header that does not check out is refused outright, never downgraded to anonymous.
 */
export function authenticate(db: Db): RequestHandler {
  return async (req: Request, _res: Response, next: NextFunction) => {
    try {
      const header = req.get('authorization');
      if (header !== undefined) {
        const m = /^Bearer[ ]+([A-Za-z0-9_-]{10,200})\s*$/i.exec(header);
        if (!m) throw new AppError('UNAUTHENTICATED', 'The Authorization header must be "Bearer <token>"');
        const token = await findTokenByHash(db, sha256Hex(m[1]!));
        const user = token ? await findUserById(db, token.userId) : null;
        if (!token || !user || !user.active) throw new AppError('UNAUTHENTICATED', 'The token is not valid');
        // Use is recorded at most once a minute (markTokenUsed checks too): no write on most requests.
        if (!token.lastUsedAt || Date.now() - token.lastUsedAt.getTime() > 60_000)
          await markTokenUsed(db, token.id);
        req.auth = {
          user,
          actor: await withUnitLineage(db, actorFromUser(user)),
          via: 'bearer',
          tokenId: token.id,
        };
      } else if (req.session?.userId !== undefined) {
        const s = req.session;
        const user = await findUserById(db, s.userId!);
        const authAt = s.authAt ?? 0;
        const stale =
          !user ||
          !user.active ||
          user.passwordChangedAt.getTime() > authAt ||
          Date.now() - authAt > SESSION_ABSOLUTE_MS;
        if (stale) {
          await new Promise<void>((resolve, reject) =>
            s.destroy((e: unknown) =>
              e ? reject(e instanceof Error ? e : new Error('session destroy failed')) : resolve(),
            ),
          );
        } else {
          req.auth = { user, actor: await withUnitLineage(db, actorFromUser(user)), via: 'session' };
        }
      }
      next();
    } catch (e) {
      next(e);
    }
  };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The synchronizer token: a cookie-authenticated request that changes state must echo the session's
 * token in `X-CSRF-Token`. Bearer requests carry no ambient credential and are exempt.
 */
export function checkCsrf(req: Request): void {
  if (SAFE_METHODS.has(req.method) || req.auth?.via !== 'session') return;
  const expected = req.session?.csrfToken;
  const given = req.get('x-csrf-token');
  if (!expected || !given) throw new AppError('FORBIDDEN', 'The X-CSRF-Token header is missing');
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  if (a.length !== b.length || !timingSafeEqual(a, b))
    throw new AppError('FORBIDDEN', 'The X-CSRF-Token header does not match the session');
}

/** The authenticated caller, or UNAUTHENTICATED. */
export function authOf(req: Request): AuthInfo {
  if (!req.auth) throw new AppError('UNAUTHENTICATED', 'Log in or send a bearer token');
  return req.auth;
}

/** The `Actor` the engine expects, for the authenticated caller. */
export function actorOf(req: Request): Actor {
  return authOf(req).actor;
}

/** Express middleware for routes outside the registry (web pages): any authenticated caller. */
export const requireUser: RequestHandler = (req, _res, next) => {
  try {
    authOf(req);
    checkCsrf(req);
    next();
  } catch (e) {
    next(e);
  }
};

/** Express middleware for routes outside the registry: one of `roles`. */
export function requireRoles(...roles: Role[]): RequestHandler {
  return (req, _res, next) => {
    try {
      const { actor } = authOf(req);
      checkCsrf(req);
      requireRole(actor, ...roles);
      next();
    } catch (e) {
      next(e);
    }
  };
}
