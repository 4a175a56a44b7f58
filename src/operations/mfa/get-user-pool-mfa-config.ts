import type { Context } from '../../core/context.ts'
import { requirePool } from '../../core/lookup.ts'
import type { Input } from '../types.ts'
import { type MfaConfigOutput, mfaConfigOutput } from './pool-mfa-config.ts'

/**
 * The pool's MFA mode and factor settings.
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetUserPoolMfaConfig.html
 */
export function getUserPoolMfaConfig(input: Input, ctx: Context): MfaConfigOutput {
  return mfaConfigOutput(requirePool(ctx, input.UserPoolId))
}
