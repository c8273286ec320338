/**
 * The TOTP secret at rest: AES-256-GCM with a key derived (HKDF-SHA256) from HOMEWARD_SESSION_SECRET, bound to
 * its user (the user id is the additional authenticated data), so a sealed secret copied onto another user's row,
 * or read from a database copy without the session secret, is useless.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;

export interface SecretBox {
  seal(plain: string, userId: string): string;
  /** The secret, or null when it was not sealed with this key for this user (a changed session secret, tampering). */
  open(sealed: string, userId: string): string | null;
}

export function secretBox(sessionSecret: string): SecretBox {
  // A key of its own: the cookie signing secret is never used directly as an encryption key.
  const key = Buffer.from(hkdfSync('sha256', sessionSecret, 'homeward', 'homeward mfa secret v1', 32));
  return {
    seal(plain, userId) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(userId));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
    },
    open(sealed, userId) {
      const [version, iv, tag, body] = sealed.split('.');
      if (version !== VERSION || !iv || !tag || !body) return null;
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
        decipher.setAAD(Buffer.from(userId));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        return null;
      }
    },
  };
}
