import type { Queryable } from '../../db/db';
import { findUserById } from '../../db/users';
import { AppError } from '../../errors';
import type { CaughtMailSummary, DemoMailbox } from '../../mail/demo-mailbox';
import type { Page } from '../page';
import type { Actor } from '../types';

/**
 * The demo mailbox ("Hộp thư thử nghiệm"), read side: each demo user reads the emails delivered to their
 * own address; the admin may read any address (a unit's own address, the province board's), and list
 * them. Exists only in the demo, where the mailbox does.
 */
export interface DemoMailDeps {
  db: Queryable;
  mailbox: DemoMailbox;
}

/** The caller's email address (the mailbox they read). */
export async function callerAddress(deps: DemoMailDeps, actor: Actor): Promise<string> {
  const user = actor.userId === null ? null : await findUserById(deps.db, actor.userId);
  if (!user) throw new AppError('FORBIDDEN', 'only a signed-in user has a mailbox');
  return user.email;
}

/** The address to read: the caller's own, or (admin only) another. */
export async function mailboxAddress(
  deps: DemoMailDeps,
  actor: Actor,
  address: string | undefined,
): Promise<string> {
  const own = await callerAddress(deps, actor);
  if (address === undefined || address.toLowerCase() === own.toLowerCase()) return own;
  if (!actor.roles.includes('admin'))
    throw new AppError('FORBIDDEN', "only the admin may read another address's mailbox");
  return address;
}

const encodeCursor = (id: number): string => Buffer.from(`mail:${id}`).toString('base64url');
function decodeCursor(cursor: string | undefined): number | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  const m = /^mail:(\d{1,10})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!m?.[1])
    throw new AppError('VALIDATION_FAILED', 'bad cursor', {
      errors: [{ field: 'cursor', message: 'not a cursor of this list' }],
    });
  return Number(m[1]);
}

export interface DemoMailPage extends Page<CaughtMailSummary> {
  /** Whose mailbox this is. */
  address: string;
}

/** A page of the messages delivered to the caller (or, for the admin, to `address`), newest first. */
export async function listDemoMail(
  deps: DemoMailDeps,
  actor: Actor,
  query: { limit: number; cursor?: string | undefined; address?: string | undefined },
): Promise<DemoMailPage> {
  const address = await mailboxAddress(deps, actor, query.address);
  const items = deps.mailbox.list(address, { limit: query.limit + 1, beforeId: decodeCursor(query.cursor) });
  const more = items.length > query.limit;
  const page = more ? items.slice(0, query.limit) : items;
  return { address, items: page, nextCursor: more ? encodeCursor(page[page.length - 1]!.id) : null };
}

/** The admin's view of the mailbox: every address that received mail, most recent first. */
export function listDemoMailAddresses(
  deps: DemoMailDeps,
  actor: Actor,
): Array<{ address: string; messages: number; latestReceivedAt: string }> {
  if (!actor.roles.includes('admin')) throw new AppError('FORBIDDEN', 'admin only');
  return deps.mailbox.addresses();
}
