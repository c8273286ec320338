-- Retention (issue 6): legal holds on records that would otherwise be due for deletion. A held record is never
-- deleted. The subject is a child, a location or a person who may pose a risk; there is no foreign key to it, so
-- the history of holds outlives the record (a deletion removes the released holds of the record it deletes).
CREATE TABLE legal_holds (
  id uuid PRIMARY KEY,
  authority_code char(3) NOT NULL REFERENCES authorities(code),
  subject_type text NOT NULL CHECK (subject_type IN ('child', 'location', 'person')),
  subject_id uuid NOT NULL,
  reason text NOT NULL CHECK (length(btrim(reason)) > 0),
  placed_by uuid NOT NULL REFERENCES users(id),
  placed_at timestamptz NOT NULL,
  released_by uuid REFERENCES users(id),
  released_at timestamptz,
  CHECK ((released_at IS NULL) = (released_by IS NULL)),
  CHECK (released_at IS NULL OR released_at >= placed_at)
);
-- At most one hold in force per record.
CREATE UNIQUE INDEX legal_holds_active ON legal_holds (subject_type, subject_id) WHERE released_at IS NULL;
CREATE INDEX legal_holds_authority ON legal_holds (authority_code) WHERE released_at IS NULL;
