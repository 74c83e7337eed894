/**
 * The core schema: organisation, people who log in, the five workflow records, their history (hash
 * chained), durable timers, the outbox and the email ledger.
 *
 * Every workflow table carries the same engine columns: `state` (indexed, the machine's state value),
 * `version` (optimistic concurrency, +1 per transition), `machine_id`/`machine_version` (which machine
 * definition the snapshot belongs to), `snapshot` (XState persisted snapshot) and `entry_seq` (the history
 * seq of the transition that entered the current state: timers armed for a state entry compare it).
 */
const wf = `
  state text NOT NULL,
  version integer NOT NULL DEFAULT 1,
  machine_id text NOT NULL,
  machine_version integer NOT NULL,
  snapshot jsonb NOT NULL,
  entry_seq integer NOT NULL DEFAULT 0,
  created_by integer,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()`;

export const sql = `
CREATE TABLE units (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code text NOT NULL,
  name text NOT NULL,
  parent_id integer REFERENCES units(id),
  email text,
  valid_from date NOT NULL DEFAULT CURRENT_DATE,
  valid_to date,
  successor_id integer REFERENCES units(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX units_code_current ON units (code) WHERE valid_to IS NULL;
CREATE INDEX units_parent ON units (parent_id);

CREATE TABLE users (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  username text NOT NULL UNIQUE,
  password_hash text NOT NULL,
  full_name text NOT NULL,
  email text NOT NULL,
  unit_id integer REFERENCES units(id),
  roles text[] NOT NULL,
  locale text NOT NULL DEFAULT 'vi',
  active boolean NOT NULL DEFAULT true,
  password_changed_at timestamptz NOT NULL DEFAULT now(),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX users_unit ON users (unit_id);

CREATE TABLE api_tokens (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id integer NOT NULL REFERENCES users(id),
  name text NOT NULL,
  token_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);

CREATE TABLE sessions (
  sid text PRIMARY KEY,
  user_id integer,
  sess jsonb NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expiry ON sessions (expires_at);

CREATE TABLE settings (
  key text PRIMARY KEY,
  value jsonb NOT NULL,
  updated_by integer,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE calendar_years (
  year integer PRIMARY KEY,
  days_off jsonb NOT NULL,
  working_saturdays jsonb NOT NULL,
  confirmed boolean NOT NULL DEFAULT false,
  updated_by integer,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE campaigns (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  title text NOT NULL,
  kind text NOT NULL,
  year integer NOT NULL,
  nomination_deadline date NOT NULL,
  ${wf}
);
CREATE INDEX campaigns_state ON campaigns (state);

CREATE TABLE dossiers (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  campaign_id integer NOT NULL REFERENCES campaigns(id),
  unit_id integer NOT NULL REFERENCES units(id),
  title text NOT NULL,
  submitted_at timestamptz,
  received_at timestamptz,
  ${wf}
);
CREATE INDEX dossiers_campaign ON dossiers (campaign_id, state);
CREATE INDEX dossiers_unit ON dossiers (unit_id, state, id);
CREATE INDEX dossiers_state ON dossiers (state, id);

CREATE TABLE nominations (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  dossier_id integer NOT NULL REFERENCES dossiers(id),
  campaign_id integer NOT NULL REFERENCES campaigns(id),
  unit_id integer NOT NULL REFERENCES units(id),
  award_code text NOT NULL,
  nominee_kind text NOT NULL,
  nominee_name text NOT NULL,
  nominee_position text,
  person_id integer,
  collective_id integer,
  summary text NOT NULL,
  ${wf}
);
CREATE INDEX nominations_dossier ON nominations (dossier_id);
CREATE INDEX nominations_state ON nominations (state, id);
CREATE INDEX nominations_unit ON nominations (unit_id, state, id);
CREATE INDEX nominations_campaign ON nominations (campaign_id, state, id);
CREATE INDEX nominations_award ON nominations (award_code, state, id);

CREATE TABLE attachments (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  dossier_id integer NOT NULL REFERENCES dossiers(id),
  kind text NOT NULL,
  filename text NOT NULL,
  mime text NOT NULL,
  size integer NOT NULL,
  sha256 text NOT NULL,
  storage_key text NOT NULL,
  uploaded_by integer,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX attachments_dossier ON attachments (dossier_id);

CREATE TABLE decisions (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  title text NOT NULL,
  issuer_unit_id integer NOT NULL REFERENCES units(id),
  number text,
  number_year integer,
  number_seq integer,
  signed_at timestamptz,
  signed_by integer,
  document_sha256 text,
  ${wf}
);
CREATE UNIQUE INDEX decisions_number ON decisions (issuer_unit_id, number_year, number_seq);
CREATE INDEX decisions_state ON decisions (state, id);

CREATE TABLE decision_items (
  decision_id integer NOT NULL REFERENCES decisions(id),
  nomination_id integer NOT NULL REFERENCES nominations(id),
  PRIMARY KEY (decision_id, nomination_id)
);
CREATE INDEX decision_items_nomination ON decision_items (nomination_id);

CREATE TABLE submissions (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  title text NOT NULL,
  issuer_unit_id integer NOT NULL REFERENCES units(id),
  number text,
  number_year integer,
  number_seq integer,
  signed_at timestamptz,
  signed_by integer,
  document_sha256 text,
  ${wf}
);
CREATE UNIQUE INDEX submissions_number ON submissions (issuer_unit_id, number_year, number_seq);
CREATE INDEX submissions_state ON submissions (state, id);

CREATE TABLE submission_items (
  submission_id integer NOT NULL REFERENCES submissions(id),
  nomination_id integer NOT NULL REFERENCES nominations(id),
  result text,
  PRIMARY KEY (submission_id, nomination_id)
);
CREATE INDEX submission_items_nomination ON submission_items (nomination_id);

-- Yearly number series per issuer and document type (QĐ, TTr): numbers are never reused.
CREATE TABLE document_counters (
  issuer_unit_id integer NOT NULL,
  doc_type text NOT NULL,
  year integer NOT NULL,
  last_seq integer NOT NULL,
  PRIMARY KEY (issuer_unit_id, doc_type, year)
);

-- Append-only, hash-chained per record: hash = sha256(prev_hash || canonical row).
CREATE TABLE history (
  record_type text NOT NULL,
  record_id integer NOT NULL,
  seq integer NOT NULL,
  at timestamptz NOT NULL,
  actor_id integer,
  actor_name text,
  event text NOT NULL,
  from_state text,
  to_state text NOT NULL,
  payload jsonb NOT NULL,
  prev_hash text NOT NULL,
  hash text NOT NULL,
  PRIMARY KEY (record_type, record_id, seq)
);

CREATE TABLE timers (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  record_type text NOT NULL,
  record_id integer NOT NULL,
  entry_seq integer NOT NULL,
  kind text NOT NULL,
  rung text NOT NULL,
  due_at timestamptz NOT NULL,
  status text NOT NULL,
  period jsonb NOT NULL,
  remaining jsonb,
  fired_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (record_type, record_id, entry_seq, kind, rung)
);
CREATE INDEX timers_record ON timers (record_type, record_id, status);
CREATE INDEX timers_armed_due ON timers (due_at) WHERE status = 'armed';

CREATE TABLE outbox (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  queue text NOT NULL,
  job_name text NOT NULL,
  job_id text NOT NULL,
  payload jsonb NOT NULL,
  run_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz,
  attempts integer NOT NULL DEFAULT 0,
  last_error text
);
CREATE INDEX outbox_unpublished ON outbox (id) WHERE published_at IS NULL;

-- The email ledger: one row per logical notice, keyed by its business identity; claimed before sending.
CREATE TABLE notices (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  key text NOT NULL UNIQUE,
  template text NOT NULL,
  record_type text,
  record_id integer,
  recipient_user_id integer,
  recipient_email text NOT NULL,
  locale text NOT NULL DEFAULT 'vi',
  data jsonb NOT NULL,
  status text NOT NULL DEFAULT 'pending',
  message_id text NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  claimed_at timestamptz,
  sent_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX notices_status ON notices (status, id);
CREATE INDEX notices_record ON notices (record_type, record_id);

CREATE TABLE idempotency_keys (
  user_id integer NOT NULL,
  key text NOT NULL,
  record_type text NOT NULL,
  record_id integer NOT NULL,
  event text NOT NULL,
  response jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, key)
);
`;
