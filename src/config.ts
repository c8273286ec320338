/**
 * Configuration from the environment, parsed once, typed and frozen. In production it refuses to start
 * without the secrets it needs.
 */
import { resolve } from 'node:path';
import { z } from 'zod';
import type { DatabaseTarget } from './db/database.ts';

const Env = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.string().url().optional(),
  HOMEWARD_DATA_DIR: z.string().default('./data'),
  HOMEWARD_SESSION_SECRET: z.string().min(32).optional(),
  HOMEWARD_SKIP_DEMO: z.enum(['0', '1', 'true', 'false']).default('0'),
  HOMEWARD_SECURE_COOKIES: z.enum(['0', '1', 'true', 'false']).optional(),
  HOMEWARD_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HOMEWARD_PUBLIC_URL: z.string().url().optional(),
  HOMEWARD_SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://').optional(),
  HOMEWARD_MAIL_FROM: z.string().min(3).default('Homeward <no-reply@homeward.invalid>'),
  HOMEWARD_ALERT_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  HOMEWARD_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(480).default(30),
  HOMEWARD_OIDC_ISSUER: z.string().url().optional(),
  HOMEWARD_OIDC_CLIENT_ID: z.string().min(1).optional(),
  HOMEWARD_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  HOMEWARD_OIDC_LABEL: z.string().trim().min(1).max(60).optional(),
});

export interface Config {
  readonly env: 'development' | 'test' | 'production';
  readonly port: number;
  readonly host: string;
  readonly database: DatabaseTarget;
  readonly sessionSecret: string;
  readonly secureCookies: boolean;
  readonly loadDemo: boolean;
  readonly logLevel: string;
  readonly publicUrl: string;
  /** Alerts by e-mail: off (kept in the outbox) when no SMTP server is configured. */
  readonly mail: { readonly smtpUrl: string | null; readonly from: string };
  /** How often escalations, overdue clocks and the e-mail outbox are checked. */
  readonly alertIntervalSeconds: number;
  /** A session ends after this many minutes without activity (sliding); pages warn two minutes before. */
  readonly sessionIdleMinutes: number;
  /** Single sign-on by OpenID Connect: off (null) unless the issuer, client id and client secret are all set. */
  readonly oidc: OidcConfig | null;
}

export interface OidcConfig {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** The organisation's name on the sign-in button: "Sign in with <label>". */
  readonly label: string;
  /** Plain-HTTP issuers are accepted outside production only (a provider on the developer's machine or in a test). */
  readonly allowHttp: boolean;
}

const DEVELOPMENT_SESSION_SECRET = 'homeward-development-only-session-secret-not-for-production';

const truthy = (v: string | undefined) => v === '1' || v === 'true';

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Homeward cannot start: the environment is not valid (${problems})`);
  }
  const e = parsed.data;
  if (e.NODE_ENV === 'production' && !e.HOMEWARD_SESSION_SECRET) {
    throw new Error('Homeward cannot start: HOMEWARD_SESSION_SECRET (at least 32 characters) is required in production');
  }
  const oidc = oidcConfig(e);
  return Object.freeze({
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL }
      : { kind: 'pglite', dataDir: resolve(e.HOMEWARD_DATA_DIR) },
    sessionSecret: e.HOMEWARD_SESSION_SECRET ?? DEVELOPMENT_SESSION_SECRET,
    secureCookies: e.HOMEWARD_SECURE_COOKIES ? truthy(e.HOMEWARD_SECURE_COOKIES) : e.NODE_ENV === 'production',
    loadDemo: !truthy(e.HOMEWARD_SKIP_DEMO),
    logLevel: e.HOMEWARD_LOG_LEVEL,
    publicUrl: (e.HOMEWARD_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    mail: { smtpUrl: e.HOMEWARD_SMTP_URL ?? null, from: e.HOMEWARD_MAIL_FROM },
    alertIntervalSeconds: e.HOMEWARD_ALERT_INTERVAL_SECONDS,
    sessionIdleMinutes: e.HOMEWARD_SESSION_IDLE_MINUTES,
    oidc,
  } satisfies Config);
}

/** Single sign-on is all or nothing: half a configuration is a mistake to report at start-up, not at sign-in. */
function oidcConfig(e: z.infer<typeof Env>): OidcConfig | null {
  const { HOMEWARD_OIDC_ISSUER: issuer, HOMEWARD_OIDC_CLIENT_ID: clientId, HOMEWARD_OIDC_CLIENT_SECRET: clientSecret } = e;
  if (!issuer && !clientId && !clientSecret) return null;
  if (!issuer || !clientId || !clientSecret) {
    throw new Error('Homeward cannot start: single sign-on needs HOMEWARD_OIDC_ISSUER, HOMEWARD_OIDC_CLIENT_ID and HOMEWARD_OIDC_CLIENT_SECRET together');
  }
  const production = e.NODE_ENV === 'production';
  if (production && !issuer.startsWith('https://')) throw new Error('Homeward cannot start: HOMEWARD_OIDC_ISSUER must be an https:// address in production');
  return Object.freeze({ issuer, clientId, clientSecret, label: e.HOMEWARD_OIDC_LABEL ?? 'your organisation account', allowHttp: !production });
}
