import type { Context } from '../../core/context.ts'
import {
  type CodeDeliveryDetails,
  deliverCode,
  noRecoveryContact,
  recoveryTarget,
  simulatedDelivery,
} from '../../core/delivery.ts'
import { CognitoError } from '../../core/errors.ts'
import { migrates, migrateUser } from '../auth/user-migration.ts'
import type { Input } from '../types.ts'
import { clientUser, unknownUser, userDisabled } from './client-user.ts'

/**
 * Sends a password-reset code to the user's verified email or phone number, as the pool's AccountRecoverySetting
 * orders them. The code is valid for one hour.
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ForgotPassword.html
 */
export async function forgotPassword(
  input: Input,
  ctx: Context,
): Promise<{ CodeDeliveryDetails: CodeDeliveryDetails }> {
  const { pool, user: found, hidesUsers } = clientUser(ctx, input)
  // An unknown user goes to the UserMigration trigger, if any (UserMigration_ForgotPassword).
  const user =
    found ??
    (migrates(ctx, pool)
      ? await migrateUser(ctx, pool, input.Username, 'UserMigration_ForgotPassword')
      : undefined)
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
  const to = recoveryTarget(pool, user)
  if (!to) {
    if (hidesUsers) return simulated()
    throw noRecoveryContact()
  }
  return {
    CodeDeliveryDetails: deliverCode(ctx, pool, user, {
      purpose: 'forgotPassword',
      to,
      reason: 'ForgotPassword',
    }),
  }
}
