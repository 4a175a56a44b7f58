import type { Context } from '../../core/context.ts'
import {
  type CodeDeliveryDetails,
  deliverCode,
  signUpTarget,
  simulatedDelivery,
} from '../../core/delivery.ts'
import { errors } from '../../core/errors.ts'
import type { Input } from '../types.ts'
import { clientUser, unknownUser, userDisabled } from './client-user.ts'

/**
 * Sends a new sign-up confirmation code; the earlier one stops working.
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ResendConfirmationCode.html
 */
export function resendConfirmationCode(
  input: Input,
  ctx: Context,
): { CodeDeliveryDetails: CodeDeliveryDetails } {
  const { pool, user, hidesUsers } = clientUser(ctx, input)
  if (!user?.enabled) {
    if (hidesUsers) return { CodeDeliveryDetails: simulatedDelivery(pool, input.Username) }
    throw user ? userDisabled() : unknownUser()
  }
  if (user.status !== 'UNCONFIRMED') throw errors.invalidParameter('User is already confirmed.')
  const to = signUpTarget(pool, user)
  if (!to) throw errors.invalidParameter('Cannot resend codes. Auto verification not turned on.')
  return {
    CodeDeliveryDetails: deliverCode(ctx, pool, user, { purpose: 'signUp', to, reason: 'ResendCode' }),
  }
}
