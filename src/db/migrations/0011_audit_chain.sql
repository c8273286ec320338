-- Issue 6: the tamper-evident audit trail. Seals live beside audit_events rather than in it, so writeAudit (on
-- every transaction's hot path) is unchanged and takes no lock: a single sealer chains committed rows afterwards.
-- No foreign key to audit_events on purpose: a deleted audit row must leave its seal behind as evidence.
CREATE TABLE audit_seals (
  seq bigint PRIMARY KEY,
  audit_id bigint NOT NULL UNIQUE,
  prev_hash text NOT NULL,
  hash text NOT NULL,
  sealed_at timestamptz NOT NULL DEFAULT now()
);

