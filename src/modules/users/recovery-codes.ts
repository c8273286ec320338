/**
 * Recovery codes: ten one-time codes for when the authenticator app is lost. Each has 80 random bits, so a fast
 * hash (SHA-256) is enough to store it: there is nothing guessable for a slow hash to protect.
 */
import { createHash, randomBytes } from 'node:crypto';

export const RECOVERY_CODE_COUNT = 10;
// Crockford's base32 without the letters people confuse (I, L, O, U).
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/** A new code like "7kq2-mx9d-a0rt-56vw" (16 characters of 5 bits each). */
export function newRecoveryCode(): string {
  const bytes = randomBytes(16);
  const chars = [...bytes].map((b) => ALPHABET[b % 32] ?? '0').join('');
  return chars.replace(/(.{4})(?=.)/g, '$1-');
}

/** Spaces, dashes and case do not matter when a code is typed back. */
export function normaliseRecoveryCode(typed: string): string {
  return typed.toLowerCase().replace(/[\s-]+/g, '');
}

export function looksLikeRecoveryCode(typed: string): boolean {
  return /^[0-9a-z]{16}$/.test(normaliseRecoveryCode(typed));
}

export function hashRecoveryCode(code: string): string {
  return createHash('sha256').update(normaliseRecoveryCode(code)).digest('hex');
}
