import type { Context } from '../../core/context.ts'
import { requirePool } from '../../core/lookup.ts'
import type { Input } from '../types.ts'
import { type MfaConfigOutput, mfaConfigOutput, requestedMfaConfig } from './pool-mfa-config.ts'

/**
 * Sets the pool's MFA mode (OFF, ON, OPTIONAL) and its factors (SMS, software token, email). DescribeUserPool's
 * MfaConfiguration (and SmsAuthenticationMessage / SmsConfiguration) follow.
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_SetUserPoolMfaConfig.html
 */
export function setUserPoolMfaConfig(input: Input, ctx: Context): MfaConfigOutput {
  const pool = requirePool(ctx, input.UserPoolId)
  const config = requestedMfaConfig(pool, input)
  if (input.MfaConfiguration) pool.config.MfaConfiguration = input.MfaConfiguration
  const sms = config.SmsMfaConfiguration
  if (sms?.SmsAuthenticationMessage !== undefined) {
    pool.config.SmsAuthenticationMessage = sms.SmsAuthenticationMessage
  }
  if (sms?.SmsConfiguration !== undefined)
    pool.config.SmsConfiguration = structuredClone(sms.SmsConfiguration)
  pool.mfaConfig = config
  return mfaConfigOutput(pool)
}
