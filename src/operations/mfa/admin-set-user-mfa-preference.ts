import type { Context } from '../../core/context.ts'
import { requirePool } from '../../core/lookup.ts'
import { requireUser } from '../../core/users.ts'
import type { Input } from '../types.ts'
import { applyMfaPreference } from './mfa-preference.ts'

/**
 * An administrator turns a user's MFA factors on or off and picks the preferred one.
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminSetUserMFAPreference.html
 */
export function adminSetUserMFAPreference(input: Input, ctx: Context): Record<string, never> {
  const user = requireUser(requirePool(ctx, input.UserPoolId), input.Username)
  applyMfaPreference(user, input)
  return {}
}
