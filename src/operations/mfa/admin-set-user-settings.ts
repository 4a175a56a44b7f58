import type { Context } from '../../core/context.ts'
import { errors } from '../../core/errors.ts'
import { requirePool } from '../../core/lookup.ts'
import { requireUser } from '../../core/users.ts'
import type { Input } from '../types.ts'
import { userMfa } from './mfa-settings.ts'

/**
 * The legacy way to set SMS MFA: MFAOptions with an SMS entry for phone_number turns SMS MFA on, an empty list
 * turns it off.
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminSetUserSettings.html
 */
export function adminSetUserSettings(input: Input, ctx: Context): Record<string, never> {
  const user = requireUser(requirePool(ctx, input.UserPoolId), input.Username)
  const options = input.MFAOptions as { DeliveryMedium?: string; AttributeName?: string }[]
  if (options.some((o) => o.DeliveryMedium !== 'SMS')) {
    throw errors.invalidParameter('Only SMS is supported as MFA delivery medium.')
  }
  const mfa = userMfa(user)
  mfa.sms = options.length > 0
  if (!mfa.sms && mfa.preferred === 'SMS_MFA') delete mfa.preferred
  return {}
}
