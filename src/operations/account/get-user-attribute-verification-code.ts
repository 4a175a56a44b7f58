import { pendingCode } from '../../core/codes.ts'
import type { Context } from '../../core/context.ts'
import { type CodeDeliveryDetails, deliverCode } from '../../core/delivery.ts'
import { errors } from '../../core/errors.ts'
import { verifyAccessToken } from '../../core/tokens.ts'
import type { Input } from '../types.ts'
import { requireEnabled, requireVerifiable } from './signed-in.ts'

/**
 * Sends the signed-in user a code to verify their email or phone number (a pending new value, if an update waits
 * for verification).
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetUserAttributeVerificationCode.html
 */
export async function getUserAttributeVerificationCode(
  input: Input,
  ctx: Context,
): Promise<{ CodeDeliveryDetails: CodeDeliveryDetails }> {
  const { pool, user } = await verifyAccessToken(ctx, input.AccessToken)
  requireEnabled(user)
  const attribute = requireVerifiable(input.AttributeName)
  const pending = pendingCode(user, `verify:${attribute}`)?.value
  const value = pending ?? user.attributes[attribute]
  if (!value) {
    throw errors.invalidParameter(
      attribute === 'email'
        ? 'User does not have a valid registered email address'
        : 'User does not have a valid registered phone number',
    )
  }
  return {
    CodeDeliveryDetails: deliverCode(ctx, pool, user, {
      purpose: `verify:${attribute}`,
      to: attribute,
      reason: 'VerifyUserAttribute',
      value: pending,
    }),
  }
}
