import { z } from 'zod';
import { insertAttachment } from '../db/dossier-parts';
import { lockRecord } from '../db/records';
import { attachmentKinds } from '../domain/catalogue';
import { AppError } from '../errors';
import { canRead } from './apply-event';
import { requireRole } from './create-campaign';
import { inTransaction } from './tx';
import type { Actor, EngineDeps } from './types';

export const attachmentKindSchema = z.enum(attachmentKinds);

export interface StoredAttachment {
  storageKey: string;
  sha256: string;
  size: number;
  mime: string;
  filename: string;
}

/** A unit attaches a file (already stored, content-addressed) to its dossier while preparing it. */
export async function addAttachment(
  deps: EngineDeps,
  actor: Actor,
  dossierId: number,
  kind: z.infer<typeof attachmentKindSchema>,
  file: StoredAttachment,
): Promise<{
  id: number;
  kind: string;
  filename: string;
  mime: string;
  size: number;
  sha256: string;
  createdAt: string;
}> {
  requireRole(actor, 'unit');
  return inTransaction(deps, async (ctx) => {
    const dossier = await lockRecord(ctx.tx, 'dossier', dossierId);
    if (!dossier || !canRead(actor, dossier, 'dossier'))
      throw new AppError('NOT_FOUND', `dossier ${dossierId} not found`);
    if (dossier.state !== 'draft' && dossier.state !== 'returned')
      throw new AppError(
        'TRANSITION_NOT_ALLOWED',
        'files can only be added while the dossier is draft or returned',
        {
          extra: { state: dossier.state },
        },
      );
    const row = await insertAttachment(ctx.tx, {
      dossierId,
      kind,
      filename: file.filename,
      mime: file.mime,
      size: file.size,
      sha256: file.sha256,
      storageKey: file.storageKey,
      uploadedBy: actor.userId,
    });
    return {
      id: row.id,
      kind,
      filename: file.filename,
      mime: file.mime,
      size: file.size,
      sha256: file.sha256,
      createdAt: row.created_at.toISOString(),
    };
  });
}
