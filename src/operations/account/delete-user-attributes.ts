import { checkAttributes, checkRequiredAttributes } from '../../core/attributes.ts'
import { type Context, nowSeconds } from '../../core/context.ts'
import { updateAttributes } from '../../core/indexes.ts'
import { verifyAccessToken } from '../../core/tokens.ts'
import type { Input } from '../types.ts'
import { consumeCode } from './codes.ts'
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
  checkAttributes(
    pool,
    names.map((Name) => ({ Name })),
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
  for (const name of names) {
    if (name === 'email' || name === 'phone_number') consumeCode(user, `verify:${name}`)
  }
  user.modified = nowSeconds(ctx)
  return {}
}
