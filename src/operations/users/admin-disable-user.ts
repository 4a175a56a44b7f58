import { type Context, nowSeconds } from '../../core/context.ts'
import { requirePool } from '../../core/lookup.ts'
import { requireUser } from '../../core/users.ts'
import type { Input } from '../types.ts'
import { revokeAllTokens } from './revoke-tokens.ts'

/**
 * Deactivates a user: it can no longer sign in or refresh, and its tokens are revoked. It still appears in
 * ListUsers.
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminDisableUser.html
 */
export function adminDisableUser(input: Input, ctx: Context): Record<string, never> {
  const pool = requirePool(ctx, input.UserPoolId)
  const user = requireUser(pool, input.Username)
  user.enabled = false
  user.modified = nowSeconds(ctx)
  revokeAllTokens(ctx, pool, user)
  return {}
}
