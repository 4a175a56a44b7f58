import type { Context } from '../../core/context.ts'
import { errors } from '../../core/errors.ts'
import { type CodeDeliveryDetails, send } from '../../core/outbox.ts'
import { verifyAccessToken } from '../../core/tokens.ts'
import type { Input } from '../types.ts'
import { issueCode, type TrackedCode } from './codes.ts'
import { detailsFor } from './delivery.ts'
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
  const pending = (user.codes[`verify:${attribute}`] as TrackedCode | undefined)?.value
  const value = pending ?? user.attributes[attribute]
  if (!value) {
    throw errors.invalidParameter(
      attribute === 'email'
        ? 'User does not have a valid registered email address'
        : 'User does not have a valid registered phone number',
    )
  }
  const code = issueCode(ctx, user, `verify:${attribute}`, pending === undefined ? {} : { value: pending })
  const recipient = { ...user, attributes: { ...user.attributes, [attribute]: value } }
  send(ctx, pool, recipient, { reason: 'VerifyUserAttribute', to: attribute, code })
  return { CodeDeliveryDetails: detailsFor(attribute, value) }
}
