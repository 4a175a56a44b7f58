import type { Context } from '../../core/context.ts'
import { verifyAccessToken } from '../../core/tokens.ts'
import type { Input } from '../types.ts'
import { revokeAllTokens } from '../users/revoke-tokens.ts'

/**
 * Signs the access token's user out of every session: all its refresh tokens, and the ID and access tokens they
 * minted, stop working.
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GlobalSignOut.html
 */
export async function globalSignOut(input: Input, ctx: Context): Promise<Record<string, never>> {
  const { pool, user } = await verifyAccessToken(ctx, input.AccessToken)
  revokeAllTokens(ctx, pool, user)
  return {}
}
