import { checkUsernameAttributesUnique, claimAliases } from '../../core/aliases.ts'
import { applyAttributeUpdate, checkAttributes, planAttributeUpdate } from '../../core/attributes.ts'
import { type Context, nowSeconds } from '../../core/context.ts'
import { requirePool } from '../../core/lookup.ts'
import { requireUser } from '../../core/users.ts'
import type { Input } from '../types.ts'

/**
 * Updates a user's attributes as an administrator, who may also mark email and phone number verified. A
 * verified email or phone alias moves from any other user that held it.
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminUpdateUserAttributes.html
 */
export function adminUpdateUserAttributes(input: Input, ctx: Context): Record<string, never> {
  const pool = requirePool(ctx, input.UserPoolId)
  const user = requireUser(pool, input.Username)
  const attributes = checkAttributes(pool, input.UserAttributes, { updating: true })
  const update = planAttributeUpdate(pool, user, attributes)
  checkUsernameAttributesUnique(pool, update.changes, user, 'AliasExistsException')
  const moveAliases = claimAliases(pool, { ...user.attributes, ...update.changes }, user, true)

  const now = nowSeconds(ctx)
  moveAliases(now)
  applyAttributeUpdate(ctx, pool, user, update)
  user.modified = now
  return {}
}
