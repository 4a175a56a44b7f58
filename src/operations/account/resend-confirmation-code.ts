import type { Context } from '../../core/context.ts'
import { errors } from '../../core/errors.ts'
import type { CodeDeliveryDetails } from '../../core/outbox.ts'
import { send } from '../../core/outbox.ts'
import type { Input } from '../types.ts'
import { clientUser, unknownUser, userDisabled } from './client-user.ts'
import { issueCode } from './codes.ts'
import { signUpTarget, simulatedDelivery } from './delivery.ts'

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
  const target = signUpTarget(pool, user)
  if (!target) throw errors.invalidParameter('Cannot resend codes. Auto verification not turned on.')
  const code = issueCode(ctx, user, 'signUp')
  send(ctx, pool, user, { reason: 'ResendCode', to: target.AttributeName, code })
  return { CodeDeliveryDetails: target }
}
