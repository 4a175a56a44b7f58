import { type Context, nowSeconds } from '../../core/context.ts'
import { errors } from '../../core/errors.ts'
import { checkPasswordPolicy, hashPassword, passwordMatches } from '../../core/passwords.ts'
import { verifyAccessToken } from '../../core/tokens.ts'
import type { Input } from '../types.ts'
import { requireEnabled } from './signed-in.ts'

/**
 * Changes the signed-in user's password, given the current one.
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ChangePassword.html
 */
export async function changePassword(input: Input, ctx: Context): Promise<Record<string, never>> {
  const { pool, user } = await verifyAccessToken(ctx, input.AccessToken)
  requireEnabled(user)
  const poolId = pool.config.Id
  const previous: string | undefined = input.PreviousPassword
  if (
    user.passwordHash !== undefined &&
    (previous === undefined || !passwordMatches(poolId, user.username, previous, user.passwordHash))
  ) {
    throw errors.notAuthorized('Incorrect username or password.')
  }
  checkPasswordPolicy(pool, input.ProposedPassword)
  user.passwordHash = hashPassword(poolId, user.username, input.ProposedPassword)
  user.modified = nowSeconds(ctx)
  return {}
}
