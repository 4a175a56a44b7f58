import { checkUsernameAttributesUnique } from '../../core/aliases.ts'
import { applyAttributeUpdate, checkAttributes, planAttributeUpdate } from '../../core/attributes.ts'
import { type Context, nowSeconds } from '../../core/context.ts'
import type { CodeDeliveryDetails } from '../../core/delivery.ts'
import { verifyAccessToken } from '../../core/tokens.ts'
import type { Input } from '../types.ts'
import { checkWritable } from './permissions.ts'
import { requireEnabled } from './signed-in.ts'

/**
 * Updates the signed-in user's attributes. A new email or phone number is unverified until VerifyUserAttribute;
 * where the pool auto-verifies it, a code goes to it (in the outbox) and its delivery is in CodeDeliveryDetailsList.
 * Where AttributesRequireVerificationBeforeUpdate lists it (and the old value is verified), the old value stays
 * until the code sent to the new one is verified.
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
  checkUsernameAttributesUnique(pool, attributes, user, 'AliasExistsException')

  const deliveries = applyAttributeUpdate(ctx, pool, user, planAttributeUpdate(pool, user, attributes))
  user.modified = nowSeconds(ctx)
  return deliveries.length > 0 ? { CodeDeliveryDetailsList: deliveries } : {}
}
