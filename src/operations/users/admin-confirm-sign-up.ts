import { clearCode } from '../../core/codes.ts'
import { type Context, nowSeconds } from '../../core/context.ts'
import { errors } from '../../core/errors.ts'
import { requirePool } from '../../core/lookup.ts'
import { requireUser } from '../../core/users.ts'
import type { Input } from '../types.ts'
import { postConfirmation } from './sign-up-triggers.ts'

/**
 * Confirms a signed-up (UNCONFIRMED) user without a code.
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminConfirmSignUp.html
 */
export async function adminConfirmSignUp(input: Input, ctx: Context): Promise<Record<string, never>> {
  const pool = requirePool(ctx, input.UserPoolId)
  const user = requireUser(pool, input.Username)
  if (user.status !== 'UNCONFIRMED') {
    throw errors.notAuthorized(`User cannot be confirmed. Current status is ${user.status}`)
  }
  user.status = 'CONFIRMED'
  clearCode(user, 'signUp')
  user.modified = nowSeconds(ctx)
  await postConfirmation(ctx, pool, user, 'PostConfirmation_ConfirmSignUp')
  return {}
}
