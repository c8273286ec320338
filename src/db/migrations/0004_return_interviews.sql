-- Return home interviews (issue 3; domain.md step 4; metrics.md "Return home interviews").

-- Return interview workers (a local authority family service or a commissioned charity) sign in too.
ALTER TABLE users DROP CONSTRAINT users_role_check, ADD CONSTRAINT users_role_check CHECK (role IN ('missing_officer', 'social_worker', 'police', 'manager', 'admin', 'rhi_worker'));

-- One per incident, requested automatically when the incident ends (return-interviews/requests.service.ts).
CREATE TABLE return_interviews (
  id uuid PRIMARY KEY,
  authority_code char(3) NOT NULL REFERENCES authorities(code),
  -- An incident removed as entered in error takes its request with it.
  incident_id uuid NOT NULL UNIQUE REFERENCES incidents(id) ON DELETE CASCADE,
  -- Kept equal to the incident's child (a merge moves incidents): see the request reaction.
  child_id uuid NOT NULL REFERENCES children(id),
  -- The family service or commissioned charity; null only for an authority with neither.
  provider_agency_id uuid REFERENCES agencies(id),
  worker_user_id uuid REFERENCES users(id),
  requested_at timestamptz NOT NULL,
  -- The incident's found time: both clocks run from it.
  returned_at timestamptz NOT NULL,
  offered_at timestamptz,
  offer_method text CHECK (offer_method IN ('in_person', 'phone', 'video', 'letter', 'text_message')),
  offered_by text,
  offered_by_independent boolean,
  outcome text CHECK (outcome IN ('completed', 'declined', 'unable_to_contact', 'missing_again', 'not_attempted', 'advice_given')),
  not_attempted_reason text,
  completed_at timestamptz,
  -- When the outcome was recorded: the RHI leaves the worklist then.
  closed_at timestamptz,
  where_stayed text,
  stayed_with text,
  child_words text,
  notes text,
  sent_to_missing_officer_at timestamptz,
  -- Whether each clock was met, recorded when it was decided (return-interviews/clocks.ts).
  offer_met boolean,
  completion_met boolean,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (outcome IS DISTINCT FROM 'not_attempted' OR (not_attempted_reason IS NOT NULL AND btrim(not_attempted_reason) <> '')),
  CHECK ((outcome IS NOT DISTINCT FROM 'completed') = (completed_at IS NOT NULL)),
  CHECK ((outcome IS NULL) = (closed_at IS NULL)),
  CHECK (sent_to_missing_officer_at IS NULL OR outcome IS NOT NULL)
);
CREATE INDEX return_interviews_open ON return_interviews (authority_code, returned_at) WHERE outcome IS NULL;

-- The reasons the child gives (push and pull factors) and the risks identified: several of each.
CREATE TABLE return_interview_factors (
  return_interview_id uuid NOT NULL REFERENCES return_interviews(id) ON DELETE CASCADE,
  code text NOT NULL CHECK (code IN ('boundaries', 'family_conflict', 'siblings', 'relationships', 'school', 'drugs_alcohol', 'mental_health', 'peers', 'exploitation', 'see_family_friends', 'placement', 'other')),
  PRIMARY KEY (return_interview_id, code)
);

CREATE TABLE return_interview_risks (
  return_interview_id uuid NOT NULL REFERENCES return_interviews(id) ON DELETE CASCADE,
  code text NOT NULL CHECK (code IN ('adults_posing_risk', 'sexual_exploitation', 'criminal_exploitation', 'offending', 'substance_misuse', 'mental_health', 'self_harm', 'trafficking', 'online_harm', 'other')),
  PRIMARY KEY (return_interview_id, code)
);

CREATE TABLE return_interview_actions (
  id uuid PRIMARY KEY,
  return_interview_id uuid NOT NULL REFERENCES return_interviews(id) ON DELETE CASCADE,
  description text NOT NULL CHECK (btrim(description) <> ''),
  owner text NOT NULL CHECK (btrim(owner) <> ''),
  due_on date NOT NULL,
  done_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX return_interview_actions_rhi ON return_interview_actions (return_interview_id);
