import { checkAttributes } from '../../core/attributes.ts'
import { type Context, nowSeconds } from '../../core/context.ts'
import { updateAttributes } from '../../core/indexes.ts'
import { requirePool } from '../../core/lookup.ts'
import { send } from '../../core/outbox.ts'
import type { CodeRecord, PoolRecord, UserRecord } from '../../core/state.ts'
import { requireUser } from '../../core/users.ts'
import type { Input } from '../types.ts'
import { checkUsernameAttributesUnique, claimAliases } from './aliases.ts'

type Contact = 'email' | 'phone_number'

/** A verification code is valid for 24 hours. */
const VERIFY_CODE_LIFETIME_MS = 24 * 60 * 60 * 1000

const listed = (pool: PoolRecord, member: string, attribute: string): boolean => {
  if (member === 'AutoVerifiedAttributes') {
    return ((pool.config.AutoVerifiedAttributes as string[] | undefined) ?? []).includes(attribute)
  }
  const settings = pool.config.UserAttributeUpdateSettings as
    | { AttributesRequireVerificationBeforeUpdate?: string[] }
    | undefined
  return (settings?.AttributesRequireVerificationBeforeUpdate ?? []).includes(attribute)
}

interface Plan {
  changes: Record<string, string | undefined>
  /** Contacts to send a verification code to, with the value it verifies when that is not yet the attribute's. */
  codes: Array<{ attribute: Contact; pending?: string }>
}

/**
 * What an update does to email and phone_number, as Cognito documents: given with its `*_verified` flag, it is
 * taken as is; otherwise it becomes unverified and, where the pool auto-verifies it, a code goes to it. Where
 * AttributesRequireVerificationBeforeUpdate lists it and the old value is verified, the old value stays until the
 * code is confirmed.
 */
function plan(pool: PoolRecord, user: UserRecord, attributes: Record<string, string>): Plan {
  const changes: Record<string, string | undefined> = { ...attributes }
  const codes: Plan['codes'] = []
  for (const attribute of ['email', 'phone_number'] as const) {
    const value = attributes[attribute]
    const flag = `${attribute}_verified`
    if (value === undefined || value === user.attributes[attribute] || flag in attributes) continue
    const autoVerified = listed(pool, 'AutoVerifiedAttributes', attribute)
    if (
      autoVerified &&
      listed(pool, 'UserAttributeUpdateSettings', attribute) &&
      user.attributes[flag] === 'true'
    ) {
      delete changes[attribute]
      codes.push({ attribute, pending: value })
      continue
    }
    changes[flag] = 'false'
    if (autoVerified) codes.push({ attribute })
  }
  return { changes, codes }
}

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
  const { changes, codes } = plan(pool, user, attributes)
  const result = { ...user.attributes, ...changes }
  checkUsernameAttributesUnique(pool, changes, user, 'AliasExistsException')
  const moveAliases = claimAliases(pool, result, user, true)

  const now = nowSeconds(ctx)
  moveAliases(now)
  updateAttributes(pool, user, changes)
  for (const { attribute, pending } of codes) {
    const recipient = pending ? { ...user, attributes: { ...user.attributes, [attribute]: pending } } : user
    const code = send(ctx, pool, recipient, { reason: 'UpdateUserAttributes', to: attribute, code: true })!
    const record: CodeRecord & { value?: string } = {
      code,
      expires: ctx.now().getTime() + VERIFY_CODE_LIFETIME_MS,
      ...(pending ? { value: pending } : {}),
    }
    user.codes[`verify:${attribute}`] = record
  }
  user.modified = now
  return {}
}
