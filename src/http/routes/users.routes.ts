import { z } from 'zod';
import type { Db, Queryable } from '../../db/db';
import { isUniqueViolation } from '../../db/db';
import { deleteUserSessions } from '../../db/sessions';
import { revokeUserTokens } from '../../db/tokens';
import { getUnit } from '../../db/units';
import {
  countActiveUsersWithRole,
  createUser,
  findUserById,
  findUserByUsername,
  listUsers,
  setPasswordHash,
  updateUser,
  type UserPatch,
} from '../../db/users';
import { AppError } from '../../errors';
import type { Passwords } from '../passwords';
import type { RouteRegistry } from '../registry';
import { idParamSchema, idSchema } from '../../domain/ids';
import { fieldError } from '../../workflow/input';
import { decodeCursor, encodeCursor } from '../../workflow/page';
import { idParams, pageOf, pageQuery, queryBoolean, roleSchema, userSchema, userView } from '../schemas';
import { newPasswordSchema } from './auth.routes';

export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{2,63}$/, '3–64 letters, digits, ".", "_" or "-"');
const rolesSchema = z
  .array(roleSchema)
  .min(1)
  .refine((r) => new Set(r).size === r.length, 'must not repeat a role');
const localeSchema = z.enum(['vi', 'en']);

async function checkUnit(
  db: Queryable,
  unitId: number | null | undefined,
  roles: readonly string[] | undefined,
): Promise<void> {
  if (unitId != null) {
    const u = await getUnit(db, unitId);
    if (!u) throw fieldError('unitId', 'is not a unit');
    if (u.validTo !== null) throw fieldError('unitId', 'is a unit that no longer exists');
  } else if (roles?.includes('unit')) {
    throw fieldError('unitId', 'is required for the unit role');
  }
}

export function registerUserRoutes(registry: RouteRegistry, deps: { db: Db; passwords: Passwords }): void {
  const { db, passwords } = deps;

  registry.add({
    method: 'post',
    path: '/api/users',
    summary: 'Create a user',
    tags: ['users'],
    auth: ['admin'],
    body: z.object({
      username: usernameSchema,
      password: newPasswordSchema,
      fullName: z.string().trim().min(1).max(200),
      email: z.email().max(254),
      unitId: idSchema.nullable().optional(),
      roles: rolesSchema,
      locale: localeSchema.optional(),
    }),
    responses: { 201: userSchema },
    handler: async ({ body }) => {
      await checkUnit(db, body.unitId, body.roles);
      if (await findUserByUsername(db, body.username)) throw fieldError('username', 'is taken');
      try {
        const u = await createUser(db, {
          username: body.username,
          passwordHash: await passwords.hash(body.password),
          fullName: body.fullName,
          email: body.email,
          unitId: body.unitId ?? null,
          roles: body.roles,
          ...(body.locale ? { locale: body.locale } : {}),
        });
        return userView(u);
      } catch (e) {
        if (isUniqueViolation(e)) throw fieldError('username', 'is taken');
        throw e;
      }
    },
  });

  registry.add({
    method: 'get',
    path: '/api/users',
    summary: 'List users',
    tags: ['users'],
    auth: ['admin'],
    query: z.object({
      ...pageQuery,
      unitId: idParamSchema.optional(),
      role: roleSchema.optional(),
      active: queryBoolean.optional(),
      q: z.string().trim().min(1).max(100).optional(),
    }),
    responses: { 200: pageOf(userSchema) },
    handler: async ({ query }) => {
      const afterId = decodeCursor(query.cursor);
      const rows = await listUsers(db, {
        limit: query.limit + 1,
        afterId,
        ...(query.unitId !== undefined ? { unitId: query.unitId } : {}),
        ...(query.role !== undefined ? { role: query.role } : {}),
        ...(query.active !== undefined ? { active: query.active } : {}),
        ...(query.q !== undefined ? { q: query.q } : {}),
      });
      const items = rows.slice(0, query.limit);
      const last = items[items.length - 1];
      return {
        items: items.map(userView),
        nextCursor: rows.length > query.limit && last ? encodeCursor(last.id) : null,
      };
    },
  });

  registry.add({
    method: 'get',
    path: '/api/users/:id',
    summary: 'One user',
    tags: ['users'],
    auth: ['admin'],
    params: idParams,
    responses: { 200: userSchema },
    handler: async ({ params }) => {
      const u = await findUserById(db, params.id);
      if (!u) throw new AppError('NOT_FOUND', 'No such user');
      return userView(u);
    },
  });

  registry.add({
    method: 'patch',
    path: '/api/users/:id',
    summary: 'Change a user: roles, active, locale, unit, name, email, or reset the password',
    description:
      'Deactivating a user ends their sessions and revokes their API tokens; a password reset ends their sessions. The last active admin cannot lose the admin role or be deactivated.',
    tags: ['users'],
    auth: ['admin'],
    params: idParams,
    body: z
      .object({
        roles: rolesSchema.optional(),
        active: z.boolean().optional(),
        locale: localeSchema.optional(),
        fullName: z.string().trim().min(1).max(200).optional(),
        email: z.email().max(254).optional(),
        unitId: idSchema.nullable().optional(),
        password: newPasswordSchema.optional(),
      })
      .strict(),
    responses: { 200: userSchema, 409: 'Would leave no active admin' },
    handler: async ({ req, params, body }) => {
      const user = await findUserById(db, params.id);
      if (!user) throw new AppError('NOT_FOUND', 'No such user');
      const roles = body.roles ?? user.roles;
      const unitId = body.unitId === undefined ? user.unitId : body.unitId;
      if (body.unitId !== undefined || body.roles !== undefined) await checkUnit(db, unitId, roles);
      const losesAdmin =
        user.roles.includes('admin') && user.active && (!roles.includes('admin') || body.active === false);
      if (losesAdmin && (await countActiveUsersWithRole(db, 'admin', user.id)) === 0)
        throw new AppError('CONFLICT', 'This is the last active admin');
      const patch: UserPatch = {
        ...(body.roles !== undefined ? { roles: body.roles } : {}),
        ...(body.active !== undefined ? { active: body.active } : {}),
        ...(body.locale !== undefined ? { locale: body.locale } : {}),
        ...(body.fullName !== undefined ? { fullName: body.fullName } : {}),
        ...(body.email !== undefined ? { email: body.email } : {}),
        ...(body.unitId !== undefined ? { unitId: body.unitId } : {}),
      };
      const newHash = body.password !== undefined ? await passwords.hash(body.password) : undefined;
      const updated = await db.transaction(async (tx) => {
        const u = await updateUser(tx, user.id, patch);
        if (newHash !== undefined) await setPasswordHash(tx, user.id, newHash);
        if (body.active === false || newHash !== undefined) await deleteUserSessions(tx, user.id);
        if (body.active === false) await revokeUserTokens(tx, user.id);
        return u;
      });
      req.log.info(
        {
          targetUserId: user.id,
          fields: Object.keys(body).filter((k) => k !== 'password'),
          passwordReset: newHash !== undefined,
        },
        'user changed',
      );
      return userView(updated!);
    },
  });
}
