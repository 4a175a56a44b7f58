import type { Context } from '../../core/context.ts'
import { requirePool } from '../../core/lookup.ts'
import { requireUser } from '../../core/users.ts'
import type { Input, Output } from '../types.ts'
import { authFactors } from './auth-factors.ts'

/**
 * A user's MFA settings and the first factors USER_AUTH offers them, for an administrator.
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminGetUserAuthFactors.html
 */
export function adminGetUserAuthFactors(input: Input, ctx: Context): Output {
  const pool = requirePool(ctx, input.UserPoolId)
  return authFactors(pool, requireUser(pool, input.Username))
}
