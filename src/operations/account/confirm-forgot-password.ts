import { checkCode, clearCode } from '../../core/codes.ts'
import { type Context, nowSeconds } from '../../core/context.ts'
import { errors } from '../../core/errors.ts'
import { checkPasswordPolicy, hashPassword } from '../../core/passwords.ts'
import type { Input } from '../types.ts'
import { postConfirmation } from '../users/sign-up-triggers.ts'
import { clientUser, unknownUser, userDisabled } from './client-user.ts'

/**
 * Sets a new password with the code ForgotPassword sent. The user ends CONFIRMED, whatever reset it was waiting for.
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ConfirmForgotPassword.html
 */
export async function confirmForgotPassword(input: Input, ctx: Context): Promise<Record<string, never>> {
  const { pool, user, hidesUsers } = clientUser(ctx, input)
  if (!user?.enabled) {
    if (hidesUsers) throw errors.codeMismatch()
    throw user ? userDisabled() : unknownUser()
  }
  checkPasswordPolicy(pool, input.Password)
  checkCode(ctx, user, 'forgotPassword', input.ConfirmationCode)

  clearCode(user, 'forgotPassword')
  user.passwordHash = hashPassword(pool.config.Id, user.username, input.Password)
  user.temporaryPasswordExpires = undefined
  user.status = 'CONFIRMED'
  user.modified = nowSeconds(ctx)
  await postConfirmation(ctx, pool, user, 'PostConfirmation_ConfirmForgotPassword')
  return {}
}
