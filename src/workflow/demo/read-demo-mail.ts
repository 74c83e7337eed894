import { AppError } from '../../errors';
import { type CaughtAttachment, type CaughtMail, deliveredTo } from '../../mail/demo-mailbox';
import type { Actor } from '../types';
import { callerAddress, type DemoMailDeps } from './list-demo-mail';

/**
 * One message of the demo mailbox, as it was sent: headers, text, HTML, the attachments (metadata here,
 * bytes through `readDemoMailAttachment`) and the raw RFC 822 source. A message the caller did not
 * receive answers 404, as if it did not exist (the admin reads every message).
 */
export async function readDemoMail(deps: DemoMailDeps, actor: Actor, id: number): Promise<CaughtMail> {
  const mail = await deps.mailbox.get(id);
  if (!mail || !(actor.roles.includes('admin') || deliveredTo(mail, await callerAddress(deps, actor))))
    throw new AppError('NOT_FOUND', `message ${id} not found`);
  return mail;
}

export async function readDemoMailAttachment(
  deps: DemoMailDeps,
  actor: Actor,
  id: number,
  index: number,
): Promise<{ meta: CaughtAttachment; content: Buffer }> {
  await readDemoMail(deps, actor, id);
  const a = await deps.mailbox.attachment(id, index);
  if (!a) throw new AppError('NOT_FOUND', `message ${id} has no attachment ${index}`);
  return a;
}

export async function readDemoMailRaw(deps: DemoMailDeps, actor: Actor, id: number): Promise<Buffer> {
  await readDemoMail(deps, actor, id);
  const raw = await deps.mailbox.raw(id);
  if (!raw) throw new AppError('NOT_FOUND', `message ${id} not found`);
  return raw;
}
