-- Foundation: tenancy, people, missing incidents, audit.
-- Every record belongs to an authority (three-digit DfE local authority code).

CREATE TABLE authorities (
  code char(3) PRIMARY KEY CHECK (code ~ '^[0-9]{3}$'),
  name text NOT NULL,
  settings jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE districts (
  id serial PRIMARY KEY,
  authority_code char(3) NOT NULL REFERENCES authorities(code),
  name text NOT NULL,
  UNIQUE (authority_code, name)
);

CREATE TABLE agencies (
  id uuid PRIMARY KEY,
  authority_code char(3) NOT NULL REFERENCES authorities(code),
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('local_authority', 'police', 'health', 'education', 'youth_justice', 'charity')),
  UNIQUE (authority_code, name)
);

CREATE TABLE users (
  id uuid PRIMARY KEY,
  authority_code char(3) NOT NULL REFERENCES authorities(code),
  agency_id uuid NOT NULL REFERENCES agencies(id),
  email text NOT NULL UNIQUE CHECK (email = lower(email)),
  display_name text NOT NULL,
  role text NOT NULL CHECK (role IN ('missing_officer', 'social_worker', 'police', 'manager', 'admin')),
  password_hash text NOT NULL,
  failed_sign_ins integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  disabled_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sessions (
  sid text PRIMARY KEY,
  data jsonb NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_expires_at ON sessions (expires_at);

CREATE TABLE api_keys (
  id uuid PRIMARY KEY,
  agency_id uuid NOT NULL REFERENCES agencies(id),
  authority_code char(3) NOT NULL REFERENCES authorities(code),
  name text NOT NULL,
  -- The first characters of the key, shown so an administrator can tell keys apart; the key itself is never stored.
  prefix text NOT NULL,
  key_hash text NOT NULL UNIQUE,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  revoked_by uuid REFERENCES users(id)
);

CREATE TABLE children (
  id uuid PRIMARY KEY,
  authority_code char(3) NOT NULL REFERENCES authorities(code),
  forename text NOT NULL,
  surname text NOT NULL,
  -- Lower-cased, accents and punctuation removed: the contract's exact-match key, and the search key.
  forename_norm text NOT NULL,
  surname_norm text NOT NULL,
  date_of_birth date NOT NULL,
  sex text CHECK (sex IN ('male', 'female')),
  la_child_id text,
  police_person_id text,
  district_id integer REFERENCES districts(id),
  -- How the first notification was linked to this child, kept so a Missing Officer can see why.
  created_via text NOT NULL DEFAULT 'manual',
  merged_into uuid REFERENCES children(id),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX children_la_child_id ON children (authority_code, la_child_id) WHERE la_child_id IS NOT NULL;
CREATE INDEX children_police_person_id ON children (authority_code, police_person_id) WHERE police_person_id IS NOT NULL;
CREATE INDEX children_name_dob ON children (authority_code, surname_norm, forename_norm, date_of_birth);
CREATE INDEX children_dob ON children (authority_code, date_of_birth);

CREATE TABLE care_periods (
  id uuid PRIMARY KEY,
  authority_code char(3) NOT NULL REFERENCES authorities(code),
  child_id uuid NOT NULL REFERENCES children(id),
  status text NOT NULL CHECK (status IN ('home', 'own_care', 'ola_care')),
  starts_at timestamptz NOT NULL,
  ends_at timestamptz,
  placement text,
  out_of_area boolean NOT NULL DEFAULT false,
  responsible_authority text,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_at IS NULL OR ends_at > starts_at),
  CHECK (status <> 'ola_care' OR responsible_authority IS NOT NULL)
);
CREATE INDEX care_periods_child ON care_periods (child_id, starts_at);

CREATE TABLE incidents (
  id uuid PRIMARY KEY,
  authority_code char(3) NOT NULL REFERENCES authorities(code),
  child_id uuid NOT NULL REFERENCES children(id),
  -- The agency (police force) that sent the notification: police users see what their force sent.
  source_agency_id uuid REFERENCES agencies(id),
  police_reference text NOT NULL,
  reported_at timestamptz NOT NULL,
  notified_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  found_at timestamptz,
  risk_grade text NOT NULL CHECK (risk_grade IN ('high', 'medium', 'low', 'very low', 'no apparent risk')),
  -- The grading at first notification: notification timeliness is split by it (metrics.md).
  initial_risk_grade text NOT NULL CHECK (initial_risk_grade IN ('high', 'medium', 'low', 'very low', 'no apparent risk')),
  reported_missing_from text NOT NULL CHECK (reported_missing_from IN ('home', 'care', 'ola care')),
  classification text NOT NULL CHECK (classification IN ('home', 'own_care', 'ola_care')),
  classification_override_reason text,
  responsible_authority text,
  district_id integer REFERENCES districts(id),
  missing_from_postcode text,
  found_location text,
  found_postcode text,
  found_by text,
  harm text CHECK (harm IN ('none', 'suspected', 'confirmed')),
  harm_notes text,
  circumstances text,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (authority_code, police_reference),
  CHECK (found_at IS NULL OR found_at >= last_seen_at),
  CHECK (harm IS DISTINCT FROM 'confirmed' OR harm_notes IS NOT NULL)
);
-- One open missing incident per child at a time.
CREATE UNIQUE INDEX incidents_one_open_per_child ON incidents (child_id) WHERE found_at IS NULL;
CREATE INDEX incidents_child ON incidents (child_id, last_seen_at DESC);
CREATE INDEX incidents_authority_start ON incidents (authority_code, last_seen_at);
CREATE INDEX incidents_open ON incidents (authority_code) WHERE found_at IS NULL;
CREATE INDEX incidents_found ON incidents (authority_code, found_at) WHERE found_at IS NOT NULL;

-- What changed on an incident, when, by whom and why: risk re-grades, found details, corrections, imports.
CREATE TABLE incident_changes (
  id bigserial PRIMARY KEY,
  incident_id uuid NOT NULL REFERENCES incidents(id),
  changed_at timestamptz NOT NULL DEFAULT now(),
  changed_by_user uuid REFERENCES users(id),
  changed_by_agency uuid REFERENCES agencies(id),
  source text NOT NULL CHECK (source IN ('form', 'api', 'csv', 'correction', 'regrade', 'found', 'classification', 'demo')),
  field text NOT NULL,
  old_value text,
  new_value text,
  reason text
);
CREATE INDEX incident_changes_incident ON incident_changes (incident_id, changed_at);

-- A near match the system would not link silently (police-notifications.md): a Missing Officer decides.
CREATE TABLE possible_matches (
  id uuid PRIMARY KEY,
  authority_code char(3) NOT NULL REFERENCES authorities(code),
  child_id uuid NOT NULL REFERENCES children(id),
  candidate_child_id uuid NOT NULL REFERENCES children(id),
  reason text NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'confirmed', 'rejected')),
  decided_by uuid REFERENCES users(id),
  decided_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (child_id <> candidate_child_id)
);
CREATE UNIQUE INDEX possible_matches_pair ON possible_matches (child_id, candidate_child_id);
CREATE INDEX possible_matches_open ON possible_matches (authority_code) WHERE status = 'open';

CREATE TABLE tasks (
  id uuid PRIMARY KEY,
  authority_code char(3) NOT NULL REFERENCES authorities(code),
  kind text NOT NULL CHECK (kind IN ('notify_responsible_authority')),
  child_id uuid NOT NULL REFERENCES children(id),
  incident_id uuid REFERENCES incidents(id),
  description text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  done_at timestamptz,
  done_by uuid REFERENCES users(id),
  done_note text
);
CREATE UNIQUE INDEX tasks_one_per_incident ON tasks (incident_id, kind);
CREATE INDEX tasks_open ON tasks (authority_code) WHERE done_at IS NULL;

CREATE TABLE audit_events (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  authority_code char(3),
  user_id uuid,
  agency_id uuid,
  action text NOT NULL,
  child_id uuid,
  subject_type text,
  subject_id text,
  correlation_id text,
  details jsonb
);
CREATE INDEX audit_events_child ON audit_events (child_id, at) WHERE child_id IS NOT NULL;
