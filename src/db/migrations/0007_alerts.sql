-- Alerts that must be acknowledged, and the e-mail outbox that delivers them (issue 3).

-- Each authority's contacts for children looked after by other authorities: who to tell when such a child goes
-- missing here. Matched by the responsible authority's name or code as the police gave it.
CREATE TABLE authority_contacts (
  authority_code char(3) NOT NULL REFERENCES authorities(code),
  -- lower(btrim(name or code)): the key the police's `responsible_authority` is matched on.
  match_key text NOT NULL,
  name text NOT NULL CHECK (btrim(name) <> ''),
  email text NOT NULL CHECK (email LIKE '%_@_%'),
  PRIMARY KEY (authority_code, match_key)
);

CREATE TABLE alerts (
  id uuid PRIMARY KEY,
  authority_code char(3) NOT NULL REFERENCES authorities(code),
  kind text NOT NULL CHECK (kind IN ('high_risk_incident', 'ola_child_missing', 'rhi_overdue', 'repeat_missing', 'escalation')),
  -- Raising is idempotent: the same fact never raises the same alert for the same audience twice.
  dedupe_key text NOT NULL UNIQUE,
  child_id uuid REFERENCES children(id),
  subject_type text NOT NULL,
  subject_id uuid NOT NULL,
  -- The rule that raised it and the facts that met it, shown with the alert.
  rule text NOT NULL,
  facts jsonb NOT NULL,
  link text NOT NULL,
  raised_at timestamptz NOT NULL,
  -- Who must acknowledge it: one user, everyone of a role in the authority (a team), or an e-mail address
  -- outside Homeward (another authority's contact), who acknowledges through a one-time link.
  audience_user_id uuid REFERENCES users(id),
  audience_role text,
  audience_email text,
  audience_label text NOT NULL,
  ack_token_hash text UNIQUE,
  acknowledged_at timestamptz,
  acknowledged_by uuid REFERENCES users(id),
  acknowledged_by_name text,
  -- Set once the alert has been escalated to a manager; the manager's alert points back here.
  escalated_at timestamptz,
  escalates_alert_id uuid REFERENCES alerts(id),
  CHECK ((audience_user_id IS NOT NULL)::int + (audience_role IS NOT NULL)::int + (audience_email IS NOT NULL)::int = 1),
  CHECK ((acknowledged_at IS NULL) = (acknowledged_by_name IS NULL))
);
CREATE INDEX alerts_open_by_role ON alerts (authority_code, audience_role, raised_at) WHERE acknowledged_at IS NULL;
CREATE INDEX alerts_open_by_user ON alerts (audience_user_id, raised_at) WHERE acknowledged_at IS NULL;
CREATE INDEX alerts_unescalated ON alerts (raised_at) WHERE acknowledged_at IS NULL AND escalated_at IS NULL;
CREATE INDEX alerts_recent ON alerts (authority_code, raised_at DESC);
CREATE INDEX alerts_child ON alerts (child_id) WHERE child_id IS NOT NULL;

-- E-mails waiting to be sent, sent, or given up on. The subject and body carry no personal data, only a link.
CREATE TABLE email_outbox (
  id uuid PRIMARY KEY,
  alert_id uuid REFERENCES alerts(id) ON DELETE CASCADE,
  to_address text NOT NULL,
  subject text NOT NULL,
  body text NOT NULL,
  -- The page the e-mail links to, made absolute with the public address when it is sent.
  link_path text NOT NULL,
  -- Sent as the Message-ID header, so a receiving server can tell a resend after a crash from a new message.
  message_id text NOT NULL UNIQUE,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'expired')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  -- A delivery claims the row until then; a process that dies mid-send leaves it to be retried after this.
  lease_until timestamptz,
  last_error text,
  created_at timestamptz NOT NULL,
  sent_at timestamptz,
  CHECK ((status = 'sent') = (sent_at IS NOT NULL))
);
CREATE INDEX email_outbox_due ON email_outbox (next_attempt_at) WHERE status IN ('pending', 'sending');
