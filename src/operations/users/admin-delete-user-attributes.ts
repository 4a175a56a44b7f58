import { deleteAttributes } from '../../core/attributes.ts'
import { type Context, nowSeconds } from '../../core/context.ts'
import { requirePool } from '../../core/lookup.ts'
import { requireUser } from '../../core/users.ts'
import type { Input } from '../types.ts'

/**
 * Deletes attributes of a user as an administrator. Deleting email or phone_number also drops its verified flag
 * and any pending verification code; immutable and required attributes cannot be deleted.
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminDeleteUserAttributes.html
 */
export function adminDeleteUserAttributes(input: Input, ctx: Context): Record<string, never> {
  const pool = requirePool(ctx, input.UserPoolId)
  const user = requireUser(pool, input.Username)
  deleteAttributes(pool, user, input.UserAttributeNames)
  user.modified = nowSeconds(ctx)
  return {}
}
