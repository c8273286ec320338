/** Time-based one-time passwords (RFC 6238: SHA-1, 6 digits, 30 seconds), as every authenticator app reads them. */
import { Secret, TOTP } from 'otpauth';

export const TOTP_PERIOD_SECONDS = 30;
const ISSUER = 'Homeward';

/** A new random secret (160 bits), in base32 as the apps take it. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The otpauth:// address an app reads from the QR code. */
export function totpUri(secret: string, accountName: string): string {
  return new TOTP({ issuer: ISSUER, label: accountName, secret: Secret.fromBase32(secret), period: TOTP_PERIOD_SECONDS }).toString();
}

/**
 * The time step a code belongs to, if it is right within one step either side of now (clocks drift, people are
 * slow to type); null if it is wrong.
 */
export function matchingStep(secret: string, code: string, now: Date): number | null {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const timestamp = now.getTime();
  const delta = TOTP.validate({ token, secret: Secret.fromBase32(secret), period: TOTP_PERIOD_SECONDS, timestamp, window: 1 });
  return delta === null ? null : TOTP.counter({ period: TOTP_PERIOD_SECONDS, timestamp }) + delta;
}

/** The code for a moment (tests, and nothing else, need to make codes). */
export function totpCode(secret: string, at: Date): string {
  return TOTP.generate({ secret: Secret.fromBase32(secret), period: TOTP_PERIOD_SECONDS, timestamp: at.getTime() });
}

/** The secret in groups of four, easier to type into an app by hand. */
export function groupedSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}
