import { createToken, type ApiTokenRecord } from '../../db/tokens';
import { findUserById } from '../../db/users';
import { recordAdminChange } from '../audit/record-admin-change';
import type { Actor, EngineDeps } from '../types';

/** How a token is made and kept: the HTTP layer's one definition (the value, and the digest stored). */
export interface TokenPort {
  generate(): string;
  digest(token: string): string;
}

/**
 * A signed-in user creates an API token for themselves: the value is answered once and only its digest
 * is stored; the audit log records the token's name and owner, never the value.
 */
export async function createApiToken(
  deps: Pick<EngineDeps, 'db' | 'now'>,
  actor: Actor,
  name: string,
  port: TokenPort,
): Promise<{ token: string; record: ApiTokenRecord }> {
  const userId = actor.userId!;
  const token = port.generate();
  const record = await deps.db.transaction(async (tx) => {
    const t = await createToken(tx, userId, name, port.digest(token));
    const owner = await findUserById(tx, userId);
    await recordAdminChange(tx, {
      actor,
      kind: 'token',
      action: 'token.created',
      target: { id: t.id, label: name },
      details: { name, userId, username: owner?.username ?? null },
      at: deps.now(),
    });
    return t;
  });
  return { token, record };
}
