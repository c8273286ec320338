-- Repeat missing → multi-agency meetings (issue 3; metrics.md "Repeat missing meetings").
CREATE TABLE meeting_requests (
  id uuid PRIMARY KEY,
  authority_code char(3) NOT NULL REFERENCES authorities(code),
  child_id uuid NOT NULL REFERENCES children(id),
  status text NOT NULL DEFAULT 'requested' CHECK (status IN ('requested', 'scheduled', 'held', 'completed', 'cancelled')),
  -- The start of the incident that met the threshold: requests are counted in that period (metrics.md).
  requested_for timestamptz NOT NULL,
  explanation text NOT NULL,
  rule text NOT NULL,
  scheduled_for timestamptz,
  held_at timestamptz,
  completed_at timestamptz,
  cancelled_at timestamptz,
  cancel_reason text,
  created_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  CHECK (status <> 'scheduled' OR scheduled_for IS NOT NULL),
  CHECK (status NOT IN ('held', 'completed') OR held_at IS NOT NULL),
  CHECK (status <> 'completed' OR completed_at IS NOT NULL),
  CHECK (status <> 'cancelled' OR (cancelled_at IS NOT NULL AND cancel_reason IS NOT NULL AND btrim(cancel_reason) <> ''))
);
-- Never two open meetings for one child: the open one absorbs what follows.
CREATE UNIQUE INDEX meeting_requests_one_open_per_child ON meeting_requests (child_id) WHERE status IN ('requested', 'scheduled', 'held');
CREATE INDEX meeting_requests_authority ON meeting_requests (authority_code, status, requested_for);

-- The incidents each request counted: the rule never counts them again (repeat-missing/rule.ts).
CREATE TABLE meeting_request_incidents (
  meeting_request_id uuid NOT NULL REFERENCES meeting_requests(id),
  incident_id uuid NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
  PRIMARY KEY (meeting_request_id, incident_id)
);
CREATE INDEX meeting_request_incidents_incident ON meeting_request_incidents (incident_id);

CREATE TABLE meeting_attendance (
  meeting_request_id uuid NOT NULL REFERENCES meeting_requests(id),
  agency_id uuid NOT NULL REFERENCES agencies(id),
  attended boolean NOT NULL,
  PRIMARY KEY (meeting_request_id, agency_id)
);

CREATE TABLE meeting_decisions (
  id uuid PRIMARY KEY,
  meeting_request_id uuid NOT NULL REFERENCES meeting_requests(id),
  decision text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX meeting_decisions_meeting ON meeting_decisions (meeting_request_id);

CREATE TABLE meeting_actions (
  id uuid PRIMARY KEY,
  meeting_request_id uuid NOT NULL REFERENCES meeting_requests(id),
  description text NOT NULL,
  owner_name text NOT NULL,
  agency_id uuid NOT NULL REFERENCES agencies(id),
  due_on date NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
  done_at timestamptz,
  CHECK ((status = 'done') = (done_at IS NOT NULL))
);
CREATE INDEX meeting_actions_meeting ON meeting_actions (meeting_request_id);
