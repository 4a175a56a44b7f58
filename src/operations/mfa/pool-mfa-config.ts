import { errors } from '../../core/errors.ts'
import type { PoolMfaConfig, PoolRecord } from '../../core/state.ts'
import type { Input } from '../types.ts'
import { poolMfaConfig, poolMfaMode } from './mfa-settings.ts'

/** The body of SetUserPoolMfaConfig and GetUserPoolMfaConfig. */
export type MfaConfigOutput = PoolMfaConfig & { MfaConfiguration: 'OFF' | 'ON' | 'OPTIONAL' }

export function mfaConfigOutput(pool: PoolRecord): MfaConfigOutput {
  return { ...structuredClone(poolMfaConfig(pool)), MfaConfiguration: poolMfaMode(pool) }
}

/**
 * The factor settings a SetUserPoolMfaConfig input asks for, checked as AWS checks them. A factor left out is
 * turned off, as on AWS (so `MfaConfiguration: 'OPTIONAL'` alone fails).
 *
 * @note Email MFA needs the pool to send email through SES; see decisions/0008-mfa-and-devices.md.
 */
export function requestedMfaConfig(pool: PoolRecord, input: Input): PoolMfaConfig {
  const mode = (input.MfaConfiguration as string | undefined) ?? poolMfaMode(pool)
  const config: PoolMfaConfig = {}
  if (input.SmsMfaConfiguration) config.SmsMfaConfiguration = structuredClone(input.SmsMfaConfiguration)
  if (input.SoftwareTokenMfaConfiguration?.Enabled) config.SoftwareTokenMfaConfiguration = { Enabled: true }
  if (input.EmailMfaConfiguration) config.EmailMfaConfiguration = structuredClone(input.EmailMfaConfiguration)
  const factors = Boolean(
    config.SmsMfaConfiguration || config.SoftwareTokenMfaConfiguration || config.EmailMfaConfiguration,
  )
  if (mode === 'OFF' && factors) {
    throw errors.invalidParameter(
      "Invalid MFA configuration given, can't turn off MFA and configure an MFA together.",
    )
  }
  if (mode !== 'OFF' && !factors) {
    throw errors.invalidParameter(
      "Invalid MFA configuration given, can't disable all MFAs with a required or optional configuration.",
    )
  }
  const emailConfiguration = pool.config.EmailConfiguration as { EmailSendingAccount?: string } | undefined
  if (config.EmailMfaConfiguration && emailConfiguration?.EmailSendingAccount !== 'DEVELOPER') {
    throw errors.invalidParameter(
      'Email MFA requires the user pool to send email with Amazon SES (EmailSendingAccount DEVELOPER).',
    )
  }
  const message = config.EmailMfaConfiguration?.Message as string | undefined
  if (message !== undefined && !message.includes('{####}')) {
    throw errors.invalidParameter('The email message must contain the {####} placeholder.')
  }
  if (input.WebAuthnConfiguration) {
    config.WebAuthnConfiguration = { UserVerification: 'preferred', ...input.WebAuthnConfiguration }
  }
  return config
}
