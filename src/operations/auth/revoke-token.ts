import type { Context } from '../../core/context.ts'
import { nowSeconds } from '../../core/context.ts'
import { CognitoError } from '../../core/errors.ts'
import { requireClient } from '../../core/lookup.ts'
import { ownEntry } from '../../core/state.ts'
import type { Input } from '../types.ts'
import { clientSecretMatches } from './client-secret.ts'

const unauthorized = () => new CognitoError('UnauthorizedException', 'Invalid client credentials.')

/**
 * Revokes a refresh token and every ID and access token it minted (they share its `origin_jti`). Only refresh
 * tokens can be revoked, only by their own client, and only when the client has token revocation enabled.
 * A token Cognito does not know is ignored, as OAuth revocation (RFC 7009) does.
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_RevokeToken.html
 */
export function revokeToken(input: Input, ctx: Context): Record<string, never> {
  let found: ReturnType<typeof requireClient>
  try {
    found = requireClient(ctx, input.ClientId)
  } catch {
    throw unauthorized()
  }
  const { pool, client } = found
  if (!clientSecretMatches(client, input.ClientSecret)) throw unauthorized()
  if (client.EnableTokenRevocation === false) {
    throw new CognitoError(
      'UnsupportedOperationException',
      'Token revocation is not enabled for this app client.',
    )
  }
  const token = String(input.Token)
  if (token.split('.').length === 3) {
    throw new CognitoError('UnsupportedTokenTypeException', 'Only refresh tokens can be revoked.')
  }
  const record = ownEntry(pool.refreshTokens, token)
  if (!record) return {}
  if (record.clientId !== client.ClientId) throw unauthorized()
  record.revoked = true
  pool.revokedOrigins[record.originJti] ??= nowSeconds(ctx)
  return {}
}
