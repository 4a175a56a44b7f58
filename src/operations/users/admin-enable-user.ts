import { type Context, nowSeconds } from '../../core/context.ts'
import { requirePool } from '../../core/lookup.ts'
import { requireUser } from '../../core/users.ts'
import type { Input } from '../types.ts'

/**
 * Reactivates a deactivated user. Tokens revoked when it was deactivated stay revoked.
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminEnableUser.html
 */
export function adminEnableUser(input: Input, ctx: Context): Record<string, never> {
  const user = requireUser(requirePool(ctx, input.UserPoolId), input.Username)
  user.enabled = true
  user.modified = nowSeconds(ctx)
  return {}
}
