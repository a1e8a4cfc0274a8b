import { randomBytes } from 'node:crypto';

/** A strong password to hand out once: 18 random bytes, base64url (24 characters). */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}
