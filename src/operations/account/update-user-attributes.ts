import { checkAttributes } from '../../core/attributes.ts'
import { type Context, nowSeconds } from '../../core/context.ts'
import { updateAttributes } from '../../core/indexes.ts'
import { type CodeDeliveryDetails, send } from '../../core/outbox.ts'
import type { PoolRecord, UserRecord } from '../../core/state.ts'
import { verifyAccessToken } from '../../core/tokens.ts'
import { usernameAttributes } from '../../core/users.ts'
import type { Input } from '../types.ts'
import { aliasExists, aliasHolders } from './aliases.ts'
import { consumeCode, issueCode } from './codes.ts'
import { detailsFor } from './delivery.ts'
import { checkWritable } from './permissions.ts'
import { requireEnabled, type Verifiable } from './signed-in.ts'

const autoVerified = (pool: PoolRecord, attribute: string): boolean =>
  ((pool.config.AutoVerifiedAttributes as string[] | undefined) ?? []).includes(attribute)

const verifiedBeforeUpdate = (pool: PoolRecord, attribute: string): boolean => {
  const settings = pool.config.UserAttributeUpdateSettings as
    | { AttributesRequireVerificationBeforeUpdate?: string[] }
    | undefined
  return (settings?.AttributesRequireVerificationBeforeUpdate ?? []).includes(attribute)
}

/**
 * Where the pool's AttributesRequireVerificationBeforeUpdate lists a changed email or phone number (and the old
 * value is verified), the old value stays: the code goes to the new value, kept with the code until it is verified.
 */
function holdUntilVerified(
  ctx: Context,
  pool: PoolRecord,
  user: UserRecord,
  attribute: Verifiable,
  value: string,
): CodeDeliveryDetails {
  const code = issueCode(ctx, user, `verify:${attribute}`, { value })
  const recipient = { ...user, attributes: { ...user.attributes, [attribute]: value } }
  send(ctx, pool, recipient, { reason: 'UpdateUserAttributes', to: attribute, code })
  return detailsFor(attribute, value)
}

/**
 * Updates the signed-in user's attributes. A new email or phone number is unverified until VerifyUserAttribute;
 * where the pool auto-verifies it, a code goes to it (in the outbox) and its delivery is in CodeDeliveryDetailsList.
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateUserAttributes.html
 */
export async function updateUserAttributes(
  input: Input,
  ctx: Context,
): Promise<{ CodeDeliveryDetailsList?: CodeDeliveryDetails[] }> {
  const { pool, user, claims } = await verifyAccessToken(ctx, input.AccessToken)
  requireEnabled(user)
  const given: Array<{ Name: string; Value?: string }> = input.UserAttributes
  checkWritable(
    pool,
    claims.client_id,
    given.map((a) => a.Name),
  )
  const attributes = checkAttributes(pool, given, { updating: true })
  for (const [name, value] of Object.entries(attributes)) {
    if (usernameAttributes(pool).includes(name) && aliasHolders(pool, user, name, value).length > 0) {
      throw aliasExists(name)
    }
  }

  const changes: Record<string, string | undefined> = {}
  const deliveries: CodeDeliveryDetails[] = []
  const toVerify: Verifiable[] = []
  for (const [name, value] of Object.entries(attributes)) {
    if ((name !== 'email' && name !== 'phone_number') || value === user.attributes[name]) {
      changes[name] = value
    } else if (
      autoVerified(pool, name) &&
      verifiedBeforeUpdate(pool, name) &&
      user.attributes[`${name}_verified`] === 'true'
    ) {
      deliveries.push(holdUntilVerified(ctx, pool, user, name, value))
    } else {
      changes[name] = value
      changes[`${name}_verified`] = 'false'
      consumeCode(user, `verify:${name}`)
      if (autoVerified(pool, name)) toVerify.push(name)
    }
  }
  updateAttributes(pool, user, changes)
  for (const attribute of toVerify) {
    const code = issueCode(ctx, user, `verify:${attribute}`)
    send(ctx, pool, user, { reason: 'UpdateUserAttributes', to: attribute, code })
    deliveries.push(detailsFor(attribute, user.attributes[attribute]!))
  }
  user.modified = nowSeconds(ctx)
  return deliveries.length > 0 ? { CodeDeliveryDetailsList: deliveries } : {}
}
