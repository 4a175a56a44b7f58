import type { Context } from '../../core/context.ts'
import { nowExactSeconds, nowSeconds } from '../../core/context.ts'
import { CognitoError, errors } from '../../core/errors.ts'
import { getUserByUsername } from '../../core/indexes.ts'
import {
  type ClientRecord,
  ownEntry,
  type PoolRecord,
  type RefreshTokenRecord,
  type UserRecord,
} from '../../core/state.ts'
import { type AuthenticationResult, issueTokens } from '../../core/tokens.ts'
import { requireEnabled } from './sign-in.ts'

const notAuthorized = (message: string) => new CognitoError('NotAuthorizedException', message)

/** Whether the client rotates refresh tokens (RefreshTokenRotation.Feature ENABLED). */
export const rotates = (client: ClientRecord): boolean =>
  (client.RefreshTokenRotation as { Feature?: string } | undefined)?.Feature === 'ENABLED'

/**
 * A usable refresh token of this client and its user: unknown or another client's tokens are `Invalid Refresh
 * Token`; a disabled user cannot refresh; revoked (RevokeToken, GlobalSignOut), rotated-out or expired tokens
 * fail with Cognito's messages.
 */
export function liveRefreshToken(
  ctx: Context,
  pool: PoolRecord,
  client: ClientRecord,
  token: string,
): { record: RefreshTokenRecord; user: UserRecord } {
  const record = ownEntry(pool.refreshTokens, token)
  if (!record || record.clientId !== client.ClientId) throw notAuthorized('Invalid Refresh Token')
  const user = getUserByUsername(pool, record.username)
  if (!user) throw errors.userNotFound()
  requireEnabled(user)
  if (record.revoked || pool.revokedOrigins[record.originJti] !== undefined) {
    throw notAuthorized('Refresh Token has been revoked')
  }
  if (record.rotatedUntil !== undefined && record.rotatedUntil <= nowExactSeconds(ctx)) {
    throw new CognitoError(
      'RefreshTokenReuseException',
      'Refresh token has been rotated and can no longer be used.',
    )
  }
  if (record.expires <= nowSeconds(ctx)) throw notAuthorized('Refresh Token has expired')
  return { record, user }
}

/**
 * New ID and access tokens for a refresh token, keeping `auth_time` and `origin_jti`. With `rotate`, a new
 * refresh token too, and the old one stops working after the client's RetryGracePeriodSeconds.
 */
export function refreshTokens(
  ctx: Context,
  pool: PoolRecord,
  client: ClientRecord,
  token: string,
  rotate: boolean,
): AuthenticationResult | Promise<AuthenticationResult> {
  const { record, user } = liveRefreshToken(ctx, pool, client, token)
  if (rotate) {
    const grace = (client.RefreshTokenRotation as { RetryGracePeriodSeconds?: number })
      .RetryGracePeriodSeconds
    record.rotatedUntil = Math.min(
      record.rotatedUntil ?? Number.POSITIVE_INFINITY,
      nowExactSeconds(ctx) + (grace ?? 0),
    )
  }
  return issueTokens(ctx, pool, client, user, {
    authTime: record.authTime,
    originJti: record.originJti,
    withRefreshToken: rotate,
    source: 'RefreshTokens',
    ...(record.deviceKey ? { deviceKey: record.deviceKey } : {}),
  })
}
