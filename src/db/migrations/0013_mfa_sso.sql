-- Issue 6: a second factor (TOTP with recovery codes) and single sign-on (OpenID Connect).
-- Whether an authority requires the second factor lives in authorities.settings (security.mfaRequired).

-- One authenticator app per user. The secret is encrypted by the application (AES-256-GCM, key derived from the
-- session secret): a copy of the database alone cannot produce codes.
CREATE TABLE user_mfa (
  user_id uuid PRIMARY KEY REFERENCES users(id),
  secret_sealed text NOT NULL,
  enabled_at timestamptz NOT NULL DEFAULT now(),
  -- The 30-second step of the last code accepted: a code of that step or an earlier one is never accepted again.
  last_used_step bigint
);

-- One-time recovery codes: only the SHA-256 of each (high-entropy) code is kept. Regenerating deletes the old set.
CREATE TABLE user_recovery_codes (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users(id),
  code_hash char(64) NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  used_at timestamptz,
  UNIQUE (user_id, code_hash)
);

-- The organisation identity (issuer, subject) a user signed in with once: later sign-ins match it, not the e-mail.
CREATE TABLE user_sso_identities (
  issuer text NOT NULL,
  subject text NOT NULL,
  user_id uuid NOT NULL REFERENCES users(id),
  linked_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (issuer, subject),
  UNIQUE (user_id, issuer)
);
