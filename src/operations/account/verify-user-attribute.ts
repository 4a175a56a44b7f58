import { claimVerifiedContact } from '../../core/aliases.ts'
import { checkCode, clearCode } from '../../core/codes.ts'
import { type Context, nowSeconds } from '../../core/context.ts'
import { updateAttributes } from '../../core/indexes.ts'
import { verifyAccessToken } from '../../core/tokens.ts'
import type { Input } from '../types.ts'
import { requireEnabled, requireVerifiable } from './signed-in.ts'

/**
 * Verifies the signed-in user's email or phone number with the code Cognito sent, setting `email_verified` or
 * `phone_number_verified` to true (and applying a new value that waited for verification).
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_VerifyUserAttribute.html
 */
export async function verifyUserAttribute(input: Input, ctx: Context): Promise<Record<string, never>> {
  const { pool, user } = await verifyAccessToken(ctx, input.AccessToken)
  requireEnabled(user)
  const attribute = requireVerifiable(input.AttributeName)
  const record = checkCode(ctx, user, `verify:${attribute}`, input.Code)
  const value = record.value ?? user.attributes[attribute]
  const moveAlias = value ? claimVerifiedContact(pool, user, attribute, value, false) : () => {}

  const now = nowSeconds(ctx)
  moveAlias(now)
  clearCode(user, `verify:${attribute}`)
  updateAttributes(pool, user, {
    ...(value ? { [attribute]: value } : {}),
    [`${attribute}_verified`]: 'true',
  })
  user.modified = now
  return {}
}
