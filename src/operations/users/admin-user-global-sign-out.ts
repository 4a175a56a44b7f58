import type { Context } from '../../core/context.ts'
import { requirePool } from '../../core/lookup.ts'
import { requireUser } from '../../core/users.ts'
import type { Input } from '../types.ts'
import { revokeAllTokens } from './revoke-tokens.ts'

/**
 * Signs a user out everywhere: its refresh tokens, and the access tokens they minted, stop working.
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminUserGlobalSignOut.html
 */
export function adminUserGlobalSignOut(input: Input, ctx: Context): Record<string, never> {
  const pool = requirePool(ctx, input.UserPoolId)
  revokeAllTokens(ctx, pool, requireUser(pool, input.Username))
  return {}
}
