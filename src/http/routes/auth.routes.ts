import type { Request } from 'express';
import rateLimit, { type RateLimitRequestHandler } from 'express-rate-limit';
import { z } from 'zod';
import type { Db } from '../../db/db';
import { getUnit } from '../../db/units';
import { AppError } from '../../errors';
import { changePassword } from '../../workflow/auth/change-password';
import { createApiToken } from '../../workflow/auth/create-api-token';
import { listOwnApiTokens } from '../../workflow/auth/list-api-tokens';
import { revokeApiToken } from '../../workflow/auth/revoke-api-token';
import { authInstant, signIn } from '../../workflow/auth/sign-in';
import { authOf, newApiToken, newCsrfToken, sha256Hex } from '../auth';
import type { AppDeps } from '../deps';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, type Passwords } from '../passwords';
import type { RouteRegistry } from '../registry';
import { SESSION_COOKIE } from '../registry';
import { idParams, unitSchema, unitView, userSchema, userView } from '../schemas';

export const newPasswordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `must be at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH);

const loginBody = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
});

const csrfAnswer = z.object({ csrfToken: z.string().nullable() });
const tokenView = z.object({
  id: z.number().int(),
  name: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

const sessionCall = <T>(fn: (cb: (err?: unknown) => void) => void): Promise<T | void> =>
  new Promise((resolve, reject) =>
    fn((err) =>
      err ? reject(err instanceof Error ? err : new Error('session operation failed')) : resolve(),
    ),
  );

/** Starts a fresh session id for the user (no fixation), with a new CSRF token (the pages' sign-in too). */
export async function startSession(req: Request, userId: number, authAt: number): Promise<string> {
  await sessionCall((cb) => req.session.regenerate(cb));
  const csrfToken = newCsrfToken();
  req.session.userId = userId;
  req.session.csrfToken = csrfToken;
  req.session.authAt = authAt;
  await sessionCall((cb) => req.session.save(cb));
  return csrfToken;
}

const tooMany = () => new AppError('RATE_LIMITED', 'Too many failed attempts; wait and try again');

/**
 * Failed logins are limited per account (guessing one password) and per client address (spraying many
 * accounts). Successful attempts do not count. Counters live in this process's memory.
 */
export function loginLimiters(limits: NonNullable<AppDeps['loginLimits']>): {
  perAddress: RateLimitRequestHandler;
  perUsername: RateLimitRequestHandler;
} {
  const common = {
    windowMs: limits.windowMs,
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-7' as const,
    legacyHeaders: false,
    handler: (_req: Request, _res: unknown, next: (e: unknown) => void) => next(tooMany()),
  };
  return {
    perAddress: rateLimit({ ...common, limit: limits.perAddress, identifier: 'login-address' }),
    perUsername: rateLimit({
      ...common,
      limit: limits.perUsername,
      identifier: 'login-username',
      keyGenerator: (req: Request) => {
        const name = req.auth?.user.username ?? (req.body as { username?: unknown } | undefined)?.username;
        return `user:${typeof name === 'string' ? name.toLowerCase() : ''}`;
      },
    }),
  };
}

export type LoginLimiters = ReturnType<typeof loginLimiters>;

/** `limiter`: the failed-login counters, shared with the sign-in page (one budget per account and address). */
export function registerAuthRoutes(
  registry: RouteRegistry,
  deps: { db: Db; passwords: Passwords; limiter: LoginLimiters; now?: () => Date },
): void {
  const { db, passwords, limiter } = deps;
  const clock = deps.now ?? (() => new Date());

  registry.add({
    method: 'post',
    path: '/api/auth/login',
    summary: 'Log in: sets the session cookie and returns the CSRF token',
    description:
      'Wrong username and wrong password answer alike (401). Failed attempts are limited per username and per address (429).',
    tags: ['auth'],
    auth: 'public',
    body: loginBody,
    middleware: [limiter.perAddress, limiter.perUsername],
    responses: {
      200: z.object({ user: userSchema, csrfToken: z.string() }),
      401: 'Wrong username or password',
      429: 'Too many failed attempts',
    },
    handler: async ({ req, body }) => {
      const user = await signIn({ db, passwords }, body);
      const csrfToken = await startSession(req, user.id, authInstant(user));
      req.log.info({ userId: user.id }, 'login');
      return { user: userView(user), csrfToken };
    },
  });

  registry.add({
    method: 'post',
    path: '/api/auth/logout',
    summary: 'Log out: ends this session',
    tags: ['auth'],
    auth: 'user',
    responses: { 204: 'Logged out' },
    handler: async ({ req, res }) => {
      if (authOf(req).via === 'session') {
        await sessionCall((cb) => req.session.destroy(cb));
        res.clearCookie(SESSION_COOKIE, { path: '/' });
      }
      return undefined;
    },
  });

  registry.add({
    method: 'get',
    path: '/api/auth/csrf',
    summary: "The session's CSRF token (null for bearer callers)",
    tags: ['auth'],
    auth: 'user',
    responses: { 200: csrfAnswer },
    handler: ({ req }) => ({
      csrfToken: req.auth?.via === 'session' ? (req.session.csrfToken ?? null) : null,
    }),
  });

  registry.add({
    method: 'post',
    path: '/api/auth/password',
    summary: "Change one's password: ends every other session",
    description:
      'The current session continues under a new id and a new CSRF token (returned). API tokens are kept; revoke them separately.',
    tags: ['auth'],
    auth: 'user',
    body: z.object({
      currentPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH),
      newPassword: newPasswordSchema,
    }),
    middleware: [limiter.perUsername],
    responses: { 200: csrfAnswer, 429: 'Too many failed attempts' },
    handler: async ({ req, body, user }) => {
      const changedAt = await changePassword({ db, passwords, now: clock }, user.id, body);
      req.log.info({ userId: user.id }, 'password changed; sessions ended');
      if (req.auth?.via !== 'session') return { csrfToken: null };
      return { csrfToken: await startSession(req, user.id, changedAt.getTime()) };
    },
  });

  registry.add({
    method: 'get',
    path: '/api/me',
    summary: 'The caller: user, roles and unit',
    tags: ['auth'],
    auth: 'user',
    responses: {
      200: z.object({
        user: userSchema,
        roles: z.array(z.string()),
        unit: unitSchema.nullable(),
        authenticatedBy: z.enum(['session', 'bearer']),
      }),
    },
    handler: async ({ req, user }) => {
      const unit = user.unitId === null ? null : await getUnit(db, user.unitId);
      return {
        user: userView(user),
        roles: user.roles,
        unit: unit ? unitView(unit) : null,
        authenticatedBy: authOf(req).via,
      };
    },
  });

  registry.add({
    method: 'post',
    path: '/api/auth/tokens',
    summary: 'Create an API token (shown once)',
    description: 'Use it as `Authorization: Bearer <token>`; only its SHA-256 is kept.',
    tags: ['auth'],
    auth: 'user',
    body: z.object({ name: z.string().trim().min(1).max(100) }),
    responses: { 201: tokenView.extend({ token: z.string() }) },
    handler: async ({ body, actor }) => {
      const { token, record } = await createApiToken({ db, now: clock }, actor, body.name, {
        generate: newApiToken,
        digest: sha256Hex,
      });
      return { ...tokenJson(record), token };
    },
  });

  registry.add({
    method: 'get',
    path: '/api/auth/tokens',
    summary: "The caller's API tokens (no secrets)",
    tags: ['auth'],
    auth: 'user',
    responses: { 200: z.object({ items: z.array(tokenView) }) },
    handler: async ({ actor }) => ({ items: (await listOwnApiTokens({ db }, actor)).map(tokenJson) }),
  });

  registry.add({
    method: 'delete',
    path: '/api/auth/tokens/:id',
    summary: 'Revoke one of the caller’s API tokens',
    tags: ['auth'],
    auth: 'user',
    params: idParams,
    responses: { 204: 'Revoked' },
    handler: async ({ params, actor }) => {
      // Only the caller's own tokens here (an admin revokes others' at /api/admin/tokens/:id).
      const own = (await listOwnApiTokens({ db }, actor)).some((t) => t.id === params.id);
      if (!own) throw new AppError('NOT_FOUND', 'No such token');
      await revokeApiToken({ db, now: clock }, actor, params.id);
      return undefined;
    },
  });
}

function tokenJson(t: {
  id: number;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}) {
  return {
    id: t.id,
    name: t.name,
    createdAt: t.createdAt.toISOString(),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
  };
}
