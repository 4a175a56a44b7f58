import type { Context } from '../../core/context.ts'
import { CognitoError } from '../../core/errors.ts'
import { requireClient } from '../../core/lookup.ts'
import type { AuthenticationResult } from '../../core/tokens.ts'
import type { Input } from '../types.ts'
import { clientSecretMatches } from './client-secret.ts'
import { requireFlow } from './flows.ts'
import { refreshTokens, rotates } from './refresh.ts'

/**
 * New ID and access tokens for a refresh token (what Amplify ≥ 6.15 calls). With the client's refresh-token
 * rotation on, a new refresh token too; the old one then works only for RetryGracePeriodSeconds.
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetTokensFromRefreshToken.html
 */
export async function getTokensFromRefreshToken(
  input: Input,
  ctx: Context,
): Promise<{ AuthenticationResult: AuthenticationResult }> {
  const { pool, client } = requireClient(ctx, input.ClientId)
  if (!clientSecretMatches(client, input.ClientSecret)) {
    throw new CognitoError(
      'NotAuthorizedException',
      `Unable to verify secret hash for client ${client.ClientId}`,
    )
  }
  requireFlow(client, 'ALLOW_REFRESH_TOKEN_AUTH')
  const AuthenticationResult = await refreshTokens(ctx, pool, client, input.RefreshToken, rotates(client))
  return { AuthenticationResult }
}
