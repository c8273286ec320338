-- Philomena Protocol (issue 3; uk-standards.md 5.3): Part 1 kept in advance for a child looked after, its dated
-- photos, Part 2 per missing incident, and who changed which field when.

-- Part 1: one per child, kept up to date. Free text throughout: the protocol's questions, in the authority's words.
CREATE TABLE philomena_profiles (
  child_id uuid PRIMARY KEY REFERENCES children(id),
  authority_code char(3) NOT NULL REFERENCES authorities(code),
  height text,
  build text,
  hair text,
  eyes text,
  marks text,
  scars text,
  tattoos text,
  nicknames text,
  associates text,
  places text,
  phones text,
  social_media text,
  medical text,
  medication text,
  vulnerabilities text,
  finance text,
  transport text,
  reviewed_on date,
  reviewed_by text,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES users(id),
  -- A review says when and who, or nothing.
  CHECK ((reviewed_on IS NULL) = (reviewed_by IS NULL))
);

-- Photos are kept in the database: outside the web root, in every backup, the same on PGlite and PostgreSQL.
-- Old photos are kept; the latest uploaded (highest id) is the current one.
CREATE TABLE philomena_photos (
  id bigserial PRIMARY KEY,
  child_id uuid NOT NULL REFERENCES children(id),
  authority_code char(3) NOT NULL REFERENCES authorities(code),
  -- Only what the police packet's PDF can embed; decided from the bytes, never from the file name.
  content_type text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png')),
  bytes bytea NOT NULL CHECK (octet_length(bytes) BETWEEN 1 AND 5242880),
  taken_on date NOT NULL,
  uploaded_at timestamptz NOT NULL,
  uploaded_by uuid REFERENCES users(id)
);
CREATE INDEX philomena_photos_child ON philomena_photos (child_id, id DESC);

-- Part 2: filled in when the child goes missing. Its "last seen" is the authority's account: a correction here
-- never rewrites the police's incident.
CREATE TABLE philomena_incident_details (
  incident_id uuid PRIMARY KEY REFERENCES incidents(id) ON DELETE CASCADE,
  authority_code char(3) NOT NULL REFERENCES authorities(code),
  clothing text,
  last_seen_place text,
  last_seen_at timestamptz NOT NULL,
  other_information text,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES users(id)
);

-- Who changed which field when, with the values before and after. Kept here rather than in audit_events, whose
-- details hold ids and codes only, never what is written about a child.
CREATE TABLE philomena_changes (
  id bigserial PRIMARY KEY,
  child_id uuid REFERENCES children(id),
  incident_id uuid REFERENCES incidents(id) ON DELETE CASCADE,
  changed_at timestamptz NOT NULL,
  changed_by uuid REFERENCES users(id),
  field text NOT NULL,
  old_value text,
  new_value text,
  -- A change is to Part 1 (the child's) or to Part 2 (an incident's), never both.
  CHECK ((child_id IS NULL) <> (incident_id IS NULL))
);
CREATE INDEX philomena_changes_child ON philomena_changes (child_id, id) WHERE child_id IS NOT NULL;
CREATE INDEX philomena_changes_incident ON philomena_changes (incident_id, id) WHERE incident_id IS NOT NULL;
