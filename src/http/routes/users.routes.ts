import { z } from 'zod';
import { idParamSchema, idSchema } from '../../domain/ids';
import type { EngineDeps } from '../../workflow/types';
import { createUser } from '../../workflow/users/create-user';
import { getUser } from '../../workflow/users/get-user';
import { listUsers } from '../../workflow/users/list-users';
import { updateUser } from '../../workflow/users/update-user';
import type { Passwords } from '../passwords';
import type { RouteRegistry } from '../registry';
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

export function registerUserRoutes(
  registry: RouteRegistry,
  deps: { engine: EngineDeps; passwords: Passwords },
): void {
  const { engine, passwords } = deps;
  const hash = (password: string) => passwords.hash(password);

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
    handler: async ({ actor, body }) => userView(await createUser(engine, actor, body, hash)),
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
    handler: async ({ actor, query }) => {
      const page = await listUsers(engine, actor, query);
      return { items: page.items.map(userView), nextCursor: page.nextCursor };
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
    handler: async ({ actor, params }) => userView(await getUser(engine, actor, params.id)),
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
    handler: async ({ req, actor, params, body }) => {
      const { user, passwordReset } = await updateUser(engine, actor, params.id, body, hash);
      req.log.info(
        { targetUserId: user.id, fields: Object.keys(body).filter((k) => k !== 'password'), passwordReset },
        'user changed',
      );
      return userView(user);
    },
  });
}
