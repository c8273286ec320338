-- Break-glass (issue 6): someone without a need to know may open a child's exploitation records only by giving a
-- reason. The access is time-limited, alerts the data protection officer, and waits on a list for review.
CREATE TABLE break_glass_grants (
  id uuid PRIMARY KEY,
  authority_code char(3) NOT NULL REFERENCES authorities(code),
  user_id uuid NOT NULL REFERENCES users(id),
  child_id uuid NOT NULL REFERENCES children(id),
  reason text NOT NULL CHECK (length(btrim(reason)) >= 20),
  granted_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  reviewed_at timestamptz,
  reviewed_by uuid REFERENCES users(id),
  review_outcome text CHECK (review_outcome IN ('justified', 'not_justified')),
  review_note text,
  CHECK (expires_at > granted_at),
  CHECK ((reviewed_at IS NULL) = (review_outcome IS NULL))
);
CREATE INDEX break_glass_active ON break_glass_grants (user_id, child_id, expires_at);
CREATE INDEX break_glass_unreviewed ON break_glass_grants (authority_code, granted_at) WHERE reviewed_at IS NULL;

-- The data protection officer is alerted to every break-glass access.
ALTER TABLE alerts DROP CONSTRAINT alerts_kind_check, ADD CONSTRAINT alerts_kind_check CHECK (
  kind IN ('high_risk_incident', 'ola_child_missing', 'rhi_overdue', 'repeat_missing', 'escalation', 'break_glass'));
