import type { Context } from '../../core/context.ts'
import { verifyAccessToken } from '../../core/tokens.ts'
import { removeUserAndTokens } from '../../core/users.ts'
import type { Input } from '../types.ts'
import { requireEnabled } from './signed-in.ts'

/**
 * Deletes the signed-in user. Its refresh tokens go with it; its access tokens then fail with `User does not exist.`
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DeleteUser.html
 */
export async function deleteUser(input: Input, ctx: Context): Promise<Record<string, never>> {
  const { pool, user } = await verifyAccessToken(ctx, input.AccessToken)
  requireEnabled(user)
  removeUserAndTokens(pool, user)
  return {}
}
