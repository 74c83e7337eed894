import { z } from 'zod';
import { insertAttachment, storageKeyInUse } from '../../db/dossier-parts';
import { attachmentKinds } from '../../domain/catalogue';
import { requireRole } from '../access';
import { lockEditableDossier } from './lock-editable-dossier';
import { inTransaction } from '../engine/tx';
import type { Actor, EngineDeps } from '../types';

export const attachmentKindSchema = z.enum(attachmentKinds);

export interface StoredAttachment {
  storageKey: string;
  sha256: string;
  size: number;
  mime: string;
  filename: string;
}

/** Stores a file's bytes (content-addressed) and removes them again; see `src/storage/files.ts`. */
export interface AttachmentStore {
  store(): Promise<StoredAttachment>;
  discard(storageKey: string): Promise<void>;
}

/**
 * A unit attaches a file to its dossier while preparing it. The bytes are written only once the dossier
 * is locked and known to accept files, so a refused upload leaves nothing on disk; if the transaction
 * fails after that, the file is removed again unless another attachment (same content) points at it.
 */
export async function addAttachment(
  deps: EngineDeps,
  actor: Actor,
  dossierId: number,
  kind: z.infer<typeof attachmentKindSchema>,
  files: AttachmentStore,
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
  let stored: StoredAttachment | undefined;
  try {
    return await insertLocked();
  } catch (e) {
    if (stored && !(await storageKeyInUse(deps.db, stored.storageKey).catch(() => true)))
      await files
        .discard(stored.storageKey)
        .catch((err: unknown) =>
          deps.logger.warn({ err, storageKey: stored?.storageKey }, 'could not remove an unused upload'),
        );
    throw e;
  }

  function insertLocked() {
    return inTransaction(deps, async (ctx) => {
      await lockEditableDossier(ctx, actor, dossierId, 'files');
      const file = (stored = await files.store());
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
}
