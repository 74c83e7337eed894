import type { Queryable } from './db';

export async function campaignState(
  q: Queryable,
  campaignId: number,
): Promise<{ state: string } | undefined> {
  const rows = await q.query<{ state: string }>('SELECT state FROM campaigns WHERE id = $1', [campaignId]);
  return rows[0];
}

export async function insertAttachment(
  tx: Queryable,
  a: {
    dossierId: number;
    kind: string;
    filename: string;
    mime: string;
    size: number;
    sha256: string;
    storageKey: string;
    uploadedBy: number | null;
  },
): Promise<{ id: number; created_at: Date }> {
  const rows = await tx.query<{ id: number; created_at: Date }>(
    `INSERT INTO attachments (dossier_id, kind, filename, mime, size, sha256, storage_key, uploaded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id, created_at`,
    [a.dossierId, a.kind, a.filename, a.mime, a.size, a.sha256, a.storageKey, a.uploadedBy],
  );
  const r = rows[0];
  if (!r) throw new Error('attachment insert returned nothing');
  return r;
}

/** Whether any attachment row points at this stored file (files are content-addressed, so shared). */
export async function storageKeyInUse(q: Queryable, storageKey: string): Promise<boolean> {
  const rows = await q.query<{ used: boolean }>(
    'SELECT EXISTS (SELECT 1 FROM attachments WHERE storage_key = $1) AS used',
    [storageKey],
  );
  return rows[0]?.used === true;
}

export async function findAttachment(
  q: Queryable,
  dossierId: number,
  attachmentId: number,
): Promise<
  | { id: number; filename: string; mime: string; size: number; storage_key: string; sha256: string }
  | undefined
> {
  const rows = await q.query<{
    id: number;
    filename: string;
    mime: string;
    size: number;
    storage_key: string;
    sha256: string;
  }>(
    'SELECT id, filename, mime, size, storage_key, sha256 FROM attachments WHERE dossier_id = $1 AND id = $2',
    [dossierId, attachmentId],
  );
  return rows[0];
}

/** Nominations among `ids` already listed in a decision or submission in one of `documentStates`. */
export async function nominationsAlreadyListed(
  q: Queryable,
  type: 'decision' | 'submission',
  ids: readonly number[],
  documentStates: readonly string[],
): Promise<number[]> {
  const items = type === 'decision' ? 'decision_items' : 'submission_items';
  const docs = type === 'decision' ? 'decisions' : 'submissions';
  const rows = await q.query<{ nomination_id: number }>(
    `SELECT DISTINCT i.nomination_id FROM ${items} i JOIN ${docs} d ON d.id = i.${type}_id
      WHERE i.nomination_id = ANY($1::int[]) AND d.state = ANY($2::text[])`,
    [ids, documentStates],
  );
  return rows.map((r) => r.nomination_id);
}

export async function insertDocumentItems(
  tx: Queryable,
  type: 'decision' | 'submission',
  docId: number,
  nominationIds: readonly number[],
): Promise<void> {
  const items = type === 'decision' ? 'decision_items' : 'submission_items';
  await tx.query(
    `INSERT INTO ${items} (${type}_id, nomination_id) SELECT $1, x FROM unnest($2::int[]) AS x`,
    [docId, nominationIds],
  );
}

/** The kind of the campaign a dossier belongs to (its procedure), or undefined for no such dossier. */
export async function dossierCampaignKind(q: Queryable, dossierId: number): Promise<string | undefined> {
  const rows = await q.query<{ kind: string }>(
    'SELECT c.kind FROM dossiers d JOIN campaigns c ON c.id = d.campaign_id WHERE d.id = $1',
    [dossierId],
  );
  return rows[0]?.kind;
}

/** The award codes of a dossier's nominations in `states`. */
export async function liveAwardCodesOf(
  q: Queryable,
  dossierId: number,
  states: readonly string[],
): Promise<string[]> {
  const rows = await q.query<{ award_code: string }>(
    'SELECT DISTINCT award_code FROM nominations WHERE dossier_id = $1 AND state = ANY($2::text[])',
    [dossierId, states],
  );
  return rows.map((r) => r.award_code);
}

/** The kinds of attachment a dossier holds. */
export async function attachmentKindsOf(q: Queryable, dossierId: number): Promise<string[]> {
  const rows = await q.query<{ kind: string }>(
    'SELECT DISTINCT kind FROM attachments WHERE dossier_id = $1',
    [dossierId],
  );
  return rows.map((r) => r.kind);
}
