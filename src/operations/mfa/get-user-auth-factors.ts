import type { Context } from '../../core/context.ts'
import { verifyAccessToken } from '../../core/tokens.ts'
import { requireEnabled } from '../account/signed-in.ts'
import type { Input, Output } from '../types.ts'
import { authFactors } from './auth-factors.ts'

/**
 * The signed-in user's MFA settings and the first factors USER_AUTH offers them (ConfiguredUserAuthFactors).
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetUserAuthFactors.html
 */
export async function getUserAuthFactors(input: Input, ctx: Context): Promise<Output> {
  const { pool, user } = await verifyAccessToken(ctx, input.AccessToken)
  requireEnabled(user)
  return authFactors(pool, user)
}
