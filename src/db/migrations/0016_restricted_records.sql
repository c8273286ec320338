-- Restricted records (issue 6): a child's record (e.g. a staff member's child) that only named users may open.
CREATE TABLE restricted_records (
  child_id uuid PRIMARY KEY REFERENCES children(id),
  authority_code char(3) NOT NULL REFERENCES authorities(code),
  reason text NOT NULL CHECK (length(btrim(reason)) > 0),
  restricted_by uuid NOT NULL REFERENCES users(id),
  restricted_at timestamptz NOT NULL
);

CREATE TABLE restricted_record_users (
  child_id uuid NOT NULL REFERENCES restricted_records(child_id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users(id),
  added_by uuid NOT NULL REFERENCES users(id),
  added_at timestamptz NOT NULL,
  PRIMARY KEY (child_id, user_id)
);
