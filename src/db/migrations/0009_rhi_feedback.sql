-- The child's feedback on their return home interview (issue 3, "Child's voice").

-- One-time links a worker sends the child themselves. Only a SHA-256 fingerprint of the token is kept: whoever
-- reads this table cannot open the form. A link works once, for 14 days.
CREATE TABLE rhi_feedback_links (
  id uuid PRIMARY KEY,
  authority_code char(3) NOT NULL REFERENCES authorities(code),
  return_interview_id uuid NOT NULL REFERENCES return_interviews(id) ON DELETE CASCADE,
  token_hash char(64) NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  -- Brought forward to the moment a newer link replaces this one, so only the newest link works.
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);
CREATE INDEX rhi_feedback_links_interview ON rhi_feedback_links (return_interview_id);

CREATE TABLE rhi_feedback (
  id uuid PRIMARY KEY,
  authority_code char(3) NOT NULL REFERENCES authorities(code),
  -- One answer per interview, whoever gives it: the child by their link, or the worker on the child's behalf.
  return_interview_id uuid NOT NULL UNIQUE REFERENCES return_interviews(id) ON DELETE CASCADE,
  source text NOT NULL CHECK (source IN ('child_link', 'worker')),
  -- One feedback per link.
  link_id uuid UNIQUE REFERENCES rhi_feedback_links(id),
  listened text CHECK (listened IN ('yes', 'a_bit', 'no')),
  easy_to_talk text CHECK (easy_to_talk IN ('yes', 'a_bit', 'no')),
  talk_again text CHECK (talk_again IN ('yes', 'not_sure', 'no')),
  comment text CHECK (comment IS NULL OR (btrim(comment) <> '' AND char_length(comment) <= 2000)),
  recorded_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((source = 'child_link') = (link_id IS NOT NULL)),
  CHECK ((source = 'worker') = (recorded_by IS NOT NULL)),
  -- Every question is optional, but an empty answer is not feedback.
  CHECK (listened IS NOT NULL OR easy_to_talk IS NOT NULL OR talk_again IS NOT NULL OR comment IS NOT NULL)
);
-- Reports count feedback given in a period, per authority.
CREATE INDEX rhi_feedback_authority ON rhi_feedback (authority_code, created_at);

-- The child record's chronology reads the child's meeting requests, including those of records merged into
-- the child (a merge leaves them where they began).
CREATE INDEX meeting_requests_child ON meeting_requests (child_id);
CREATE INDEX children_merged_into ON children (merged_into) WHERE merged_into IS NOT NULL;
