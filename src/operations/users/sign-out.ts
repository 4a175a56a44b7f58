import { type Context, nowSeconds } from '../../core/context.ts'
import type { PoolRecord, UserRecord } from '../../core/state.ts'

/**
 * Revokes every refresh token of the user and, through their `origin_jti`, the ID and access tokens they minted
 * (see `verifyAccessToken`). Tokens from a later sign-in are not affected.
 */
export function revokeAllTokens(ctx: Context, pool: PoolRecord, user: UserRecord): void {
  const now = nowSeconds(ctx)
  for (const record of Object.values(pool.refreshTokens)) {
    if (record.username !== user.username) continue
    record.revoked = true
    pool.revokedOrigins[record.originJti] = now
  }
}
