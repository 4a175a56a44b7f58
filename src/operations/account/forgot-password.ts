import type { Context } from '../../core/context.ts'
import { CognitoError, errors } from '../../core/errors.ts'
import type { CodeDeliveryDetails } from '../../core/outbox.ts'
import { send } from '../../core/outbox.ts'
import type { Input } from '../types.ts'
import { clientUser, unknownUser, userDisabled } from './client-user.ts'
import { issueCode } from './codes.ts'
import { recoveryTarget, simulatedDelivery } from './delivery.ts'

/**
 * Sends a password-reset code to the user's verified email or phone number, as the pool's AccountRecoverySetting
 * orders them. The code is valid for one hour.
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ForgotPassword.html
 */
export function forgotPassword(input: Input, ctx: Context): { CodeDeliveryDetails: CodeDeliveryDetails } {
  const { pool, user, hidesUsers } = clientUser(ctx, input)
  const simulated = () => ({ CodeDeliveryDetails: simulatedDelivery(pool, input.Username) })
  if (!user) {
    if (hidesUsers) return simulated()
    throw unknownUser()
  }
  if (!user.enabled) {
    if (hidesUsers) return simulated()
    throw userDisabled()
  }
  if (user.status === 'FORCE_CHANGE_PASSWORD') {
    throw new CognitoError('NotAuthorizedException', 'User password cannot be reset in the current state.')
  }
  const target = recoveryTarget(pool, user)
  if (!target) {
    if (hidesUsers) return simulated()
    throw errors.invalidParameter(
      'Cannot reset password for the user as there is no registered/verified email or phone_number',
    )
  }
  const code = issueCode(ctx, user, 'forgotPassword')
  send(ctx, pool, user, { reason: 'ForgotPassword', to: target.AttributeName, code })
  return { CodeDeliveryDetails: target }
}
