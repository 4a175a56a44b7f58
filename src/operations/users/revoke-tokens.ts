import { type Context, nowSeconds } from '../../core/context.ts'
import { refreshTokensOf } from '../../core/indexes.ts'
import type { PoolRecord, UserRecord } from '../../core/state.ts'

/**
 * Revokes every refresh token of the user and, through their `origin_jti`, the ID and access tokens they minted
 * (see `verifyAccessToken`). Tokens from a later sign-in are not affected.
 */
export function revokeAllTokens(ctx: Context, pool: PoolRecord, user: UserRecord): void {
  const now = nowSeconds(ctx)
  for (const [, record] of refreshTokensOf(pool, user.username)) {
    record.revoked = true
    pool.revokedOrigins[record.originJti] = now
  }
}
