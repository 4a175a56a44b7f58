import type { Context } from '../../core/context.ts'
import { verifyAccessToken } from '../../core/tokens.ts'
import { requireEnabled } from '../account/signed-in.ts'
import type { Input } from '../types.ts'
import { applyMfaPreference } from './mfa-preference.ts'

/**
 * The signed-in user turns SMS, software-token or email MFA on or off and picks the preferred one.
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_SetUserMFAPreference.html
 */
export async function setUserMFAPreference(input: Input, ctx: Context): Promise<Record<string, never>> {
  const { user } = await verifyAccessToken(ctx, input.AccessToken)
  requireEnabled(user)
  applyMfaPreference(user, input)
  return {}
}
