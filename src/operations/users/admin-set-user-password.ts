import { clearCode } from '../../core/codes.ts'
import { type Context, nowSeconds } from '../../core/context.ts'
import { requirePool } from '../../core/lookup.ts'
import { checkPasswordPolicy, hashPassword } from '../../core/passwords.ts'
import { requireUser } from '../../core/users.ts'
import type { Input } from '../types.ts'
import { setTemporaryPassword } from './temporary-password.ts'

/**
 * Sets a user's password: permanent (the user becomes CONFIRMED) or temporary (FORCE_CHANGE_PASSWORD, to be
 * changed at the next sign-in). The pool's password policy applies to both.
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminSetUserPassword.html
 */
export function adminSetUserPassword(input: Input, ctx: Context): Record<string, never> {
  const pool = requirePool(ctx, input.UserPoolId)
  const user = requireUser(pool, input.Username)
  checkPasswordPolicy(pool, input.Password)
  if (input.Permanent === true) {
    user.passwordHash = hashPassword(pool.config.Id, user.username, input.Password)
    user.status = 'CONFIRMED'
    user.temporaryPasswordExpires = undefined
  } else {
    setTemporaryPassword(ctx, pool, user, input.Password)
  }
  clearCode(user, 'signUp')
  user.modified = nowSeconds(ctx)
  return {}
}
