import { findAttachment } from '../../db/dossier-parts';
import { readRecord } from '../../db/records';
import { AppError } from '../../errors';
import { canReadRecord } from '../access';
import type { Actor, EngineDeps } from '../types';

export interface AttachmentFile {
  id: number;
  filename: string;
  mime: string;
  size: number;
  sha256: string;
  /** Where the bytes are (`src/storage/files.ts`, content-addressed). */
  storageKey: string;
}

/** One attachment of a dossier the caller may read (else NOT_FOUND, for the dossier as for the file). */
export async function getAttachment(
  deps: Pick<EngineDeps, 'db'>,
  actor: Actor,
  dossierId: number,
  attachmentId: number,
): Promise<AttachmentFile> {
  const dossier = await readRecord(deps.db, 'dossier', dossierId);
  if (!dossier || !canReadRecord(actor, 'dossier', dossier.unit_id))
    throw new AppError('NOT_FOUND', `dossier ${dossierId} not found`);
  const a = await findAttachment(deps.db, dossierId, attachmentId);
  if (!a) throw new AppError('NOT_FOUND', 'attachment not found');
  return {
    id: a.id,
    filename: a.filename,
    mime: a.mime,
    size: a.size,
    sha256: a.sha256,
    storageKey: a.storage_key,
  };
}
