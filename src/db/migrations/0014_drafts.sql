-- Drafts of long forms (issue 6), saved as the user types so that a session timeout or a closed tab loses
-- nothing. They hold personal data: each is one user's own, keyed by the address the form posts to, never shown
-- to anyone else, and deleted 7 days after it was last saved (on read, and by the hourly session prune).
CREATE TABLE form_drafts (
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  key text NOT NULL CHECK (key LIKE '/%' AND length(key) <= 300),
  data jsonb NOT NULL CHECK (jsonb_typeof(data) = 'object'),
  saved_at timestamptz NOT NULL,
  PRIMARY KEY (user_id, key)
);
CREATE INDEX form_drafts_saved_at ON form_drafts (saved_at);
