import type { Queryable, Row } from './db';
import { json } from './db';

/** What a decision's or a submission's document is generated from (the records, read in one go). */
export interface DocumentSourceRow extends Row {
  id: number;
  title: string;
  state: string;
  number: string | null;
  number_seq: number | null;
  number_year: number | null;
  signed_at: Date | null;
  signed_by: number | null;
  document_sha256: string | null;
  created_at: Date;
  issuer_code: string;
  issuer_name: string;
}

export interface DocumentItemRow extends Row {
  nomination_id: number;
  award_code: string;
  award_name: string | null;
  nominee_kind: string;
  nominee_name: string;
  nominee_position: string | null;
  unit_id: number;
  unit_name: string;
  unit_email: string | null;
  dossier_id: number;
}

const tables = { decision: 'decisions', submission: 'submissions' } as const;
const items = { decision: 'decision_items', submission: 'submission_items' } as const;

export async function documentSource(
  q: Queryable,
  type: 'decision' | 'submission',
  id: number,
): Promise<DocumentSourceRow | undefined> {
  const rows = await q.query<DocumentSourceRow>(
    `SELECT r.id, r.title, r.state, r.number, r.number_seq, r.number_year, r.signed_at, r.signed_by,
            r.document_sha256, r.created_at, u.code AS issuer_code, u.name AS issuer_name
       FROM ${tables[type]} r JOIN units u ON u.id = r.issuer_unit_id
      WHERE r.id = $1`,
    [id],
  );
  return rows[0];
}

/** The nominations a document lists, with the award's name (its latest catalogue version) and the unit. */
export async function documentItems(
  q: Queryable,
  type: 'decision' | 'submission',
  id: number,
): Promise<DocumentItemRow[]> {
  return q.query<DocumentItemRow>(
    `SELECT n.id AS nomination_id, n.award_code,
            (SELECT a.data->'name'->>'vi' FROM award_versions a WHERE a.code = n.award_code
              ORDER BY a.version DESC LIMIT 1) AS award_name,
            n.nominee_kind, n.nominee_name, n.nominee_position, n.unit_id, u.name AS unit_name,
            u.email AS unit_email, n.dossier_id
       FROM ${items[type]} i JOIN nominations n ON n.id = i.nomination_id JOIN units u ON u.id = n.unit_id
      WHERE i.${type}_id = $1
      ORDER BY n.award_code, n.nominee_kind DESC, n.id`,
    [id],
  );
}

/** The files of the dossiers a document's nominations come from (for the province's email). */
export async function attachmentsOfDocument(
  q: Queryable,
  type: 'decision' | 'submission',
  id: number,
): Promise<
  Array<{ id: number; dossier_id: number; filename: string; mime: string; size: number; sha256: string }>
> {
  return q.query<{
    id: number;
    dossier_id: number;
    filename: string;
    mime: string;
    size: number;
    sha256: string;
  }>(
    `SELECT a.id, a.dossier_id, a.filename, a.mime, a.size, a.sha256
       FROM attachments a
      WHERE a.dossier_id IN (SELECT n.dossier_id FROM ${items[type]} i JOIN nominations n ON n.id = i.nomination_id
                              WHERE i.${type}_id = $1)
      ORDER BY a.dossier_id, a.id`,
    [id],
  );
}

export async function setDocumentSha256(
  q: Queryable,
  type: 'decision' | 'submission',
  id: number,
  sha256: string,
): Promise<void> {
  await q.query(`UPDATE ${tables[type]} SET document_sha256 = $2 WHERE id = $1`, [id, sha256]);
}

// --- issued documents -------------------------------------------------------------------------------

export interface IssuedDocumentRow extends Row {
  id: number;
  record_type: string;
  record_id: number;
  number: string;
  issued_at: Date;
  issuer_name: string;
  title: string;
  signing: 'digital' | 'paper' | 'external';
  sha256: string | null;
  storage_key: string | null;
  size: number | null;
  signers: Array<{ name: string; capacity: string; kind: 'person' | 'seal'; serial?: string }>;
}

/** Reserves the issued document's row (its id goes into the QR code before the PDF exists). */
export async function insertIssuedDocument(
  q: Queryable,
  d: {
    recordType: string;
    recordId: number;
    number: string;
    issuedAt: Date;
    issuerName: string;
    title: string;
    signing: IssuedDocumentRow['signing'];
  },
): Promise<number> {
  const rows = await q.query<{ id: number }>(
    `INSERT INTO issued_documents (record_type, record_id, number, issued_at, issuer_name, title, signing)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [d.recordType, d.recordId, d.number, d.issuedAt, d.issuerName, d.title, d.signing],
  );
  return rows[0]!.id;
}

/** The frozen bytes' identity. Written once: a row that already has its sha256 is never changed. */
export async function freezeIssuedDocument(
  q: Queryable,
  id: number,
  f: {
    sha256: string;
    storageKey: string;
    size: number;
    signing: IssuedDocumentRow['signing'];
    signers: IssuedDocumentRow['signers'];
  },
): Promise<boolean> {
  const rows = await q.query(
    `UPDATE issued_documents SET sha256 = $2, storage_key = $3, size = $4, signing = $5, signers = $6::jsonb
      WHERE id = $1 AND sha256 IS NULL RETURNING id`,
    [id, f.sha256, f.storageKey, f.size, f.signing, json(f.signers)],
  );
  return rows.length === 1;
}

export async function issuedDocumentById(q: Queryable, id: number): Promise<IssuedDocumentRow | undefined> {
  const rows = await q.query<IssuedDocumentRow>('SELECT * FROM issued_documents WHERE id = $1', [id]);
  return rows[0];
}

export async function issuedDocumentOf(
  q: Queryable,
  recordType: string,
  recordId: number,
): Promise<IssuedDocumentRow | undefined> {
  const rows = await q.query<IssuedDocumentRow>(
    'SELECT * FROM issued_documents WHERE record_type = $1 AND record_id = $2',
    [recordType, recordId],
  );
  return rows[0];
}

export async function issuedDocumentBySha256(
  q: Queryable,
  sha256: string,
): Promise<IssuedDocumentRow | undefined> {
  const rows = await q.query<IssuedDocumentRow>(
    'SELECT * FROM issued_documents WHERE sha256 = $1 ORDER BY id LIMIT 1',
    [sha256],
  );
  return rows[0];
}

// --- signing certificates ---------------------------------------------------------------------------

export interface SigningCertificateRow extends Row {
  id: number;
  purpose: 'person' | 'seal';
  owner_user_id: number | null;
  subject: string;
  issuer: string;
  serial: string;
  not_before: Date;
  not_after: Date;
  p12_sealed: string;
  chain: string[];
  password_sealed: string | null;
  uploaded_by: number | null;
  created_at: Date;
  replaced_at: Date | null;
  revoked_at: Date | null;
  revoked_by: number | null;
  revoked_reason: string | null;
}

/** Stores a new current certificate for a person (or the seal), the previous one marked replaced. */
export async function replaceSigningCertificate(
  q: Queryable,
  c: {
    purpose: 'person' | 'seal';
    ownerUserId: number | null;
    subject: string;
    issuer: string;
    serial: string;
    notBefore: Date;
    notAfter: Date;
    p12Sealed: string;
    chain: string[];
    passwordSealed: string | null;
    uploadedBy: number | null;
    at: Date;
  },
): Promise<SigningCertificateRow> {
  await q.query(
    `UPDATE signing_certificates SET replaced_at = $3
      WHERE purpose = $1 AND owner_user_id IS NOT DISTINCT FROM $2 AND replaced_at IS NULL`,
    [c.purpose, c.ownerUserId, c.at],
  );
  const rows = await q.query<SigningCertificateRow>(
    `INSERT INTO signing_certificates (purpose, owner_user_id, subject, issuer, serial, not_before, not_after,
                                       p12_sealed, chain, password_sealed, uploaded_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11, $12) RETURNING *`,
    [
      c.purpose,
      c.ownerUserId,
      c.subject,
      c.issuer,
      c.serial,
      c.notBefore,
      c.notAfter,
      c.p12Sealed,
      json(c.chain),
      c.passwordSealed,
      c.uploadedBy,
      c.at,
    ],
  );
  return rows[0]!;
}

export async function currentSigningCertificate(
  q: Queryable,
  purpose: 'person' | 'seal',
  ownerUserId: number | null,
): Promise<SigningCertificateRow | undefined> {
  const rows = await q.query<SigningCertificateRow>(
    `SELECT * FROM signing_certificates
      WHERE purpose = $1 AND owner_user_id IS NOT DISTINCT FROM $2 AND replaced_at IS NULL`,
    [purpose, ownerUserId],
  );
  return rows[0];
}

export async function listSigningCertificates(
  q: Queryable,
): Promise<Array<SigningCertificateRow & { owner_name: string | null }>> {
  return q.query<SigningCertificateRow & { owner_name: string | null }>(
    `SELECT c.*, u.full_name AS owner_name FROM signing_certificates c
       LEFT JOIN users u ON u.id = c.owner_user_id
      ORDER BY c.replaced_at IS NOT NULL, c.purpose, c.id DESC`,
  );
}

export async function revokeSigningCertificate(
  q: Queryable,
  id: number,
  by: number | null,
  reason: string,
  at: Date,
): Promise<SigningCertificateRow | undefined> {
  const rows = await q.query<SigningCertificateRow>(
    `UPDATE signing_certificates SET revoked_at = $2, revoked_by = $3, revoked_reason = $4
      WHERE id = $1 AND revoked_at IS NULL RETURNING *`,
    [id, at, by, reason],
  );
  return rows[0];
}

/** Every certificate ever uploaded that is self-signed (a root), base64 DER: verification's trust anchors. */
export async function uploadedChains(q: Queryable): Promise<string[][]> {
  const rows = await q.query<{ chain: string[] }>('SELECT chain FROM signing_certificates');
  return rows.map((r) => r.chain);
}

export async function signingCertificateById(
  q: Queryable,
  id: number,
): Promise<SigningCertificateRow | undefined> {
  const rows = await q.query<SigningCertificateRow>('SELECT * FROM signing_certificates WHERE id = $1', [id]);
  return rows[0];
}

/** The department's director as drafts name the signer: the first active user with the director role. */
export async function defaultSignerName(q: Queryable): Promise<string | undefined> {
  const rows = await q.query<{ full_name: string }>(
    `SELECT full_name FROM users WHERE active AND 'director' = ANY(roles) ORDER BY id LIMIT 1`,
  );
  return rows[0]?.full_name;
}

export async function userFullName(q: Queryable, id: number): Promise<string | undefined> {
  const rows = await q.query<{ full_name: string }>('SELECT full_name FROM users WHERE id = $1', [id]);
  return rows[0]?.full_name;
}

// --- delegations ------------------------------------------------------------------------------------

export interface DelegationRow extends Row {
  id: number;
  principal_user_id: number;
  principal_name: string;
  deputy_user_id: number;
  deputy_name: string;
  mode: 'KT' | 'Q';
  deputy_title: string;
  document_types: string[];
  valid_from: string;
  valid_to: string;
  created_at: Date;
  revoked_at: Date | null;
}

const delegationSelect = `SELECT d.id, d.principal_user_id, p.full_name AS principal_name, d.deputy_user_id,
       s.full_name AS deputy_name, d.mode, d.deputy_title, d.document_types,
       to_char(d.valid_from, 'YYYY-MM-DD') AS valid_from, to_char(d.valid_to, 'YYYY-MM-DD') AS valid_to,
       d.created_at, d.revoked_at
  FROM signing_delegations d JOIN users p ON p.id = d.principal_user_id JOIN users s ON s.id = d.deputy_user_id`;

export async function insertDelegation(
  q: Queryable,
  d: {
    principalUserId: number;
    deputyUserId: number;
    mode: 'KT' | 'Q';
    deputyTitle: string;
    documentTypes: string[];
    validFrom: string;
    validTo: string;
  },
): Promise<DelegationRow> {
  const rows = await q.query<{ id: number }>(
    `INSERT INTO signing_delegations (principal_user_id, deputy_user_id, mode, deputy_title, document_types, valid_from, valid_to)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [d.principalUserId, d.deputyUserId, d.mode, d.deputyTitle, d.documentTypes, d.validFrom, d.validTo],
  );
  return (await q.query<DelegationRow>(`${delegationSelect} WHERE d.id = $1`, [rows[0]!.id]))[0]!;
}

export async function delegationsOf(q: Queryable, userId: number): Promise<DelegationRow[]> {
  return q.query<DelegationRow>(
    `${delegationSelect} WHERE d.principal_user_id = $1 OR d.deputy_user_id = $1 ORDER BY d.id DESC`,
    [userId],
  );
}

/** The delegation a deputy signs under on `day` for a document type (the latest made), if any. */
export async function activeDelegation(
  q: Queryable,
  deputyUserId: number,
  documentType: string,
  day: string,
): Promise<DelegationRow | undefined> {
  const rows = await q.query<DelegationRow>(
    `${delegationSelect}
      WHERE d.deputy_user_id = $1 AND $2 = ANY(d.document_types) AND d.revoked_at IS NULL
        AND d.valid_from <= $3::date AND d.valid_to >= $3::date
      ORDER BY d.id DESC LIMIT 1`,
    [deputyUserId, documentType, day],
  );
  return rows[0];
}

export async function revokeDelegation(
  q: Queryable,
  id: number,
  principalUserId: number,
  at: Date,
): Promise<boolean> {
  const rows = await q.query(
    `UPDATE signing_delegations SET revoked_at = $3 WHERE id = $1 AND principal_user_id = $2 AND revoked_at IS NULL RETURNING id`,
    [id, principalUserId, at],
  );
  return rows.length === 1;
}
