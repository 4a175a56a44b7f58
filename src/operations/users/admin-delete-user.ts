import type { Context } from '../../core/context.ts'
import { requirePool } from '../../core/lookup.ts'
import { removeUserAndTokens, requireUser } from '../../core/users.ts'
import type { Input } from '../types.ts'

/**
 * Deletes a user, and the refresh tokens it held.
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminDeleteUser.html
 */
export function adminDeleteUser(input: Input, ctx: Context): Record<string, never> {
  const pool = requirePool(ctx, input.UserPoolId)
  const user = requireUser(pool, input.Username)
  removeUserAndTokens(pool, user)
  return {}
}
