/**
 * Award rules: the versioned award catalogue, the people and collectives register with their history
 * (past awards, initiatives, discipline, yearly ratings, membership), emulation registrations and the
 * council's sessions.
 *
 * People belong to a unit by `unit_id`; when a unit is merged (units.valid_to + successor_id) the rows
 * keep their ids and queries follow the successor chain, so a person's history follows them.
 */
export const sql = `
CREATE TABLE award_versions (
  code text NOT NULL,
  version integer NOT NULL,
  effective_from date NOT NULL,
  effective_to date,
  data jsonb NOT NULL,
  created_by integer,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (code, version),
  UNIQUE (code, effective_from),
  CHECK (effective_to IS NULL OR effective_to >= effective_from)
);

CREATE TABLE persons (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  unit_id integer NOT NULL REFERENCES units(id),
  full_name text NOT NULL,
  birth_year integer,
  position text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX persons_unit ON persons (unit_id);
CREATE INDEX persons_name ON persons (lower(full_name));

CREATE TABLE collectives (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  unit_id integer NOT NULL REFERENCES units(id),
  name text NOT NULL,
  member_count integer NOT NULL DEFAULT 0 CHECK (member_count >= 0),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX collectives_unit ON collectives (unit_id);

CREATE TABLE past_awards (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person_id integer REFERENCES persons(id),
  collective_id integer REFERENCES collectives(id),
  award_code text NOT NULL,
  year integer NOT NULL,
  decision_number text,
  decided_on date,
  source text NOT NULL CHECK (source IN ('manual', 'import', 'system')),
  nomination_id integer,
  created_by integer,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((person_id IS NULL) <> (collective_id IS NULL))
);
CREATE UNIQUE INDEX past_awards_person ON past_awards (person_id, award_code, year) WHERE person_id IS NOT NULL;
CREATE UNIQUE INDEX past_awards_collective ON past_awards (collective_id, award_code, year) WHERE collective_id IS NOT NULL;

CREATE TABLE initiatives (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person_id integer NOT NULL REFERENCES persons(id),
  title text NOT NULL,
  scope text NOT NULL CHECK (scope IN ('grassroots', 'province', 'national')),
  recognised_on date NOT NULL,
  year integer NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX initiatives_person ON initiatives (person_id, year);

CREATE TABLE discipline_records (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person_id integer NOT NULL REFERENCES persons(id),
  level text CHECK (level IN ('reprimand', 'warning', 'demotion', 'dismissal')),
  from_date date NOT NULL,
  to_date date,
  pending_investigation boolean NOT NULL DEFAULT false,
  note text,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (level IS NOT NULL OR pending_investigation),
  CHECK (to_date IS NULL OR to_date >= from_date)
);
CREATE INDEX discipline_person ON discipline_records (person_id);

CREATE TABLE task_ratings (
  person_id integer NOT NULL REFERENCES persons(id),
  year integer NOT NULL,
  rating text NOT NULL CHECK (rating IN ('excellent', 'good', 'completed', 'not_completed')),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (person_id, year)
);

CREATE TABLE collective_members (
  collective_id integer NOT NULL REFERENCES collectives(id),
  person_id integer NOT NULL REFERENCES persons(id),
  year integer NOT NULL,
  PRIMARY KEY (collective_id, year, person_id)
);
CREATE INDEX collective_members_person ON collective_members (person_id, year);

CREATE TABLE registrations (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  campaign_id integer NOT NULL REFERENCES campaigns(id),
  unit_id integer NOT NULL REFERENCES units(id),
  state text NOT NULL CHECK (state IN ('draft', 'submitted', 'approved', 'returned')),
  version integer NOT NULL DEFAULT 1,
  return_reason text,
  created_by integer,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (campaign_id, unit_id)
);

CREATE TABLE registration_entries (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  registration_id integer NOT NULL REFERENCES registrations(id) ON DELETE CASCADE,
  person_id integer REFERENCES persons(id),
  collective_id integer REFERENCES collectives(id),
  award_codes text[] NOT NULL,
  CHECK ((person_id IS NULL) <> (collective_id IS NULL))
);
CREATE INDEX registration_entries_reg ON registration_entries (registration_id);

CREATE TABLE registration_history (
  registration_id integer NOT NULL REFERENCES registrations(id),
  seq integer NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  actor_id integer,
  event text NOT NULL,
  from_state text,
  to_state text NOT NULL,
  payload jsonb NOT NULL,
  PRIMARY KEY (registration_id, seq)
);

CREATE TABLE council_sessions (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  title text NOT NULL,
  held_on date NOT NULL,
  location text,
  created_by integer,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE council_members (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  session_id integer NOT NULL REFERENCES council_sessions(id),
  user_id integer REFERENCES users(id),
  full_name text NOT NULL,
  role text NOT NULL,
  present boolean NOT NULL DEFAULT false
);
CREATE INDEX council_members_session ON council_members (session_id);

CREATE TABLE council_agenda (
  session_id integer NOT NULL REFERENCES council_sessions(id),
  nomination_id integer NOT NULL REFERENCES nominations(id),
  position integer NOT NULL,
  members_total integer,
  present integer,
  yes integer,
  threshold numeric,
  passed boolean,
  voted_at timestamptz,
  recorded_by integer,
  PRIMARY KEY (session_id, nomination_id)
);
CREATE INDEX council_agenda_nomination ON council_agenda (nomination_id);
`;
