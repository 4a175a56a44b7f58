import { type Context, nowSeconds } from '../../core/context.ts'
import { deliverCode, noRecoveryContact, recoveryTarget } from '../../core/delivery.ts'
import { requirePool } from '../../core/lookup.ts'
import { requireUser } from '../../core/users.ts'
import type { Input } from '../types.ts'

/**
 * Invalidates a user's password: the user is RESET_REQUIRED (sign-in fails with PasswordResetRequiredException)
 * and gets a reset code, to be used with ConfirmForgotPassword. The code goes where ForgotPassword would send it.
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminResetUserPassword.html
 */
export function adminResetUserPassword(input: Input, ctx: Context): Record<string, never> {
  const pool = requirePool(ctx, input.UserPoolId)
  const user = requireUser(pool, input.Username)
  const to = recoveryTarget(pool, user)
  if (!to) throw noRecoveryContact()
  user.status = 'RESET_REQUIRED'
  user.modified = nowSeconds(ctx)
  deliverCode(ctx, pool, user, { purpose: 'forgotPassword', to, reason: 'ForgotPassword' })
  return {}
}
