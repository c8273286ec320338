-- Other names a child is known by (police-notifications.md: "a known alias" is a near match, never a silent link).
CREATE TABLE child_known_names (
  id uuid PRIMARY KEY,
  authority_code char(3) NOT NULL REFERENCES authorities(code),
  child_id uuid NOT NULL REFERENCES children(id),
  forename text NOT NULL,
  surname text NOT NULL,
  forename_norm text NOT NULL,
  surname_norm text NOT NULL,
  date_of_birth date NOT NULL,
  source text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (child_id, forename_norm, surname_norm, date_of_birth)
);
CREATE INDEX child_known_names_dob ON child_known_names (authority_code, date_of_birth);
