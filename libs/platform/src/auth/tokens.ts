import { createHash, randomBytes } from 'node:crypto';
import { EntityManager, IsNull } from 'typeorm';
import { AccessTokenEntity } from './access-token.entity';

/** A new opaque bearer token: 256 random bits. Only its hash is stored. */
export function newToken(): string {
  return `stt_${randomBytes(32).toString('base64url')}`;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Ends every token of a user at once; the next request with any of them is 401. */
export async function revokeTokensOf(manager: EntityManager, userId: string): Promise<void> {
  await manager.update(
    AccessTokenEntity,
    { userId, revokedAt: IsNull() },
    { revokedAt: () => 'now()' },
  );
}
