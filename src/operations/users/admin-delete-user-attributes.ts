import { checkAttributes, checkRequiredAttributes } from '../../core/attributes.ts'
import { type Context, nowSeconds } from '../../core/context.ts'
import { updateAttributes } from '../../core/indexes.ts'
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
  const names: string[] = input.UserAttributeNames
  // Only existence and mutability matter here; a well-formed value keeps the flags' value check quiet.
  checkAttributes(
    pool,
    names.map((Name) => ({ Name, Value: Name.endsWith('_verified') ? 'false' : '' })),
    { updating: true },
  )
  const changes: Record<string, undefined> = {}
  for (const name of names) {
    changes[name] = undefined
    if (name === 'email' || name === 'phone_number') changes[`${name}_verified`] = undefined
  }
  const remaining = Object.fromEntries(Object.entries(user.attributes).filter(([name]) => !(name in changes)))
  checkRequiredAttributes(pool, remaining)

  updateAttributes(pool, user, changes)
  for (const name of names) delete user.codes[`verify:${name}`]
  user.modified = nowSeconds(ctx)
  return {}
}
