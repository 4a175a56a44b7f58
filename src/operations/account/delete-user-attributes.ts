import { deleteAttributes } from '../../core/attributes.ts'
import { type Context, nowSeconds } from '../../core/context.ts'
import { verifyAccessToken } from '../../core/tokens.ts'
import type { Input } from '../types.ts'
import { checkWritable } from './permissions.ts'
import { requireEnabled } from './signed-in.ts'

/**
 * Deletes attributes of the signed-in user. Deleting email or phone_number also drops its verified flag.
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DeleteUserAttributes.html
 */
export async function deleteUserAttributes(input: Input, ctx: Context): Promise<Record<string, never>> {
  const { pool, user, claims } = await verifyAccessToken(ctx, input.AccessToken)
  requireEnabled(user)
  const names: string[] = input.UserAttributeNames
  checkWritable(pool, claims.client_id, names)
  deleteAttributes(pool, user, names)
  user.modified = nowSeconds(ctx)
  return {}
}
