/**
 * Official documents, beyond 0001 (whose `decisions`/`submissions` already carry `document_sha256`):
 *
 * - `signing_certificates`: the PKCS#12 files people sign with (`purpose = 'person'`, one current per
 *   user) and the organisation's seal (`purpose = 'seal'`, one current). The file is kept sealed
 *   (AES-256-GCM with the documents key, base64); a person's password is never stored, the seal's is
 *   (sealed the same way), since the seal is applied at every SIGN without anyone typing it. `chain` holds
 *   the certificates (base64 DER) that came with it: their roots are the trust anchors verification uses. A
 *   replaced certificate stays (`replaced_at`) so history can still name it; a revoked one cannot sign.
 * - `issued_documents`: one row per signed document: its number, when and how it was signed, the
 *   sha256 of the frozen PDF (content-addressed in `DATA_DIR/files`), who signed. The QR code printed
 *   on the document points at its id (`/documents/<id>/verify`).
 * - `signing_delegations`: a director lets a deputy sign in their name (`KT.`) or names an acting head
 *   (`Q.`), for a period and some document types.
 */
export const sql = `
CREATE TABLE signing_certificates (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  purpose text NOT NULL CHECK (purpose IN ('person', 'seal')),
  owner_user_id integer REFERENCES users(id),
  subject text NOT NULL,
  issuer text NOT NULL,
  serial text NOT NULL,
  not_before timestamptz NOT NULL,
  not_after timestamptz NOT NULL,
  p12_sealed text NOT NULL,
  chain jsonb NOT NULL DEFAULT '[]',
  password_sealed text,
  uploaded_by integer,
  created_at timestamptz NOT NULL DEFAULT now(),
  replaced_at timestamptz,
  revoked_at timestamptz,
  revoked_by integer,
  revoked_reason text,
  CHECK ((purpose = 'person') = (owner_user_id IS NOT NULL))
);
CREATE UNIQUE INDEX signing_certificates_person_current ON signing_certificates (owner_user_id)
  WHERE purpose = 'person' AND replaced_at IS NULL;
CREATE UNIQUE INDEX signing_certificates_seal_current ON signing_certificates (purpose)
  WHERE purpose = 'seal' AND replaced_at IS NULL;

CREATE TABLE issued_documents (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  record_type text NOT NULL,
  record_id integer NOT NULL,
  number text NOT NULL,
  issued_at timestamptz NOT NULL,
  issuer_name text NOT NULL,
  title text NOT NULL,
  signing text NOT NULL CHECK (signing IN ('digital', 'paper', 'external')),
  sha256 text,
  storage_key text,
  size integer,
  signers jsonb NOT NULL DEFAULT '[]',
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (record_type, record_id)
);
CREATE INDEX issued_documents_sha256 ON issued_documents (sha256);

CREATE TABLE signing_delegations (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  principal_user_id integer NOT NULL REFERENCES users(id),
  deputy_user_id integer NOT NULL REFERENCES users(id),
  mode text NOT NULL CHECK (mode IN ('KT', 'Q')),
  deputy_title text NOT NULL,
  document_types text[] NOT NULL,
  valid_from date NOT NULL,
  valid_to date NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  CHECK (valid_to >= valid_from),
  CHECK (principal_user_id <> deputy_user_id)
);
CREATE INDEX signing_delegations_deputy ON signing_delegations (deputy_user_id, valid_from);
`;
