import type { PoolMfaConfig, PoolRecord, UserMfa, UserRecord } from '../../core/state.ts'

/** The MFA factors Cognito knows, by their challenge names. */
export type MfaFactor = 'SMS_MFA' | 'SOFTWARE_TOKEN_MFA' | 'EMAIL_OTP'

/** OFF, ON (required) or OPTIONAL, as DescribeUserPool and GetUserPoolMfaConfig report it. */
export const poolMfaMode = (pool: PoolRecord): 'OFF' | 'ON' | 'OPTIONAL' =>
  (pool.config.MfaConfiguration as 'OFF' | 'ON' | 'OPTIONAL' | undefined) ?? 'OFF'

/**
 * The pool's factor settings. A pool created with MfaConfiguration ON or OPTIONAL and an SmsConfiguration (the
 * only way CreateUserPool turns MFA on) has SMS MFA until SetUserPoolMfaConfig says otherwise.
 */
export function poolMfaConfig(pool: PoolRecord): PoolMfaConfig {
  if (pool.mfaConfig) return pool.mfaConfig
  if (poolMfaMode(pool) === 'OFF' || !pool.config.SmsConfiguration) return {}
  return {
    SmsMfaConfiguration: {
      ...(pool.config.SmsAuthenticationMessage === undefined
        ? {}
        : { SmsAuthenticationMessage: pool.config.SmsAuthenticationMessage }),
      SmsConfiguration: pool.config.SmsConfiguration,
    },
  }
}

/** The factors the pool offers, in Cognito's order. */
export function poolFactors(pool: PoolRecord): MfaFactor[] {
  if (poolMfaMode(pool) === 'OFF') return []
  const config = poolMfaConfig(pool)
  const factors: MfaFactor[] = []
  if (config.SmsMfaConfiguration) factors.push('SMS_MFA')
  if (config.SoftwareTokenMfaConfiguration?.Enabled) factors.push('SOFTWARE_TOKEN_MFA')
  if (config.EmailMfaConfiguration) factors.push('EMAIL_OTP')
  return factors
}

/** The user's MFA settings, created on first write. */
export function userMfa(user: UserRecord): UserMfa {
  user.mfa ??= {}
  return user.mfa
}

/** The factors the user turned on, whatever the pool allows (UserMFASettingList), in Cognito's order. */
export function userFactors(user: UserRecord): MfaFactor[] {
  const mfa = user.mfa ?? {}
  const factors: MfaFactor[] = []
  if (mfa.sms) factors.push('SMS_MFA')
  if (mfa.softwareToken) factors.push('SOFTWARE_TOKEN_MFA')
  if (mfa.email) factors.push('EMAIL_OTP')
  return factors
}

/**
 * The factors a sign-in can challenge the user with: turned on by the user, offered by the pool, and deliverable
 * (a phone number for SMS, an email address for email, a verified secret for TOTP).
 */
export function usableFactors(pool: PoolRecord, user: UserRecord): MfaFactor[] {
  const offered = poolFactors(pool)
  return userFactors(user).filter((factor) => offered.includes(factor) && deliverable(user, factor))
}

export function deliverable(user: UserRecord, factor: MfaFactor): boolean {
  switch (factor) {
    case 'SMS_MFA':
      return Boolean(user.attributes.phone_number)
    case 'EMAIL_OTP':
      return Boolean(user.attributes.email)
    default:
      return Boolean(user.mfa?.totpSecret)
  }
}

/**
 * The MFA members of GetUser and AdminGetUser: MFAOptions (the legacy SMS setting), PreferredMfaSetting and
 * UserMFASettingList, each present only when it has something to say, as on AWS.
 */
export function mfaMembers(user: UserRecord): {
  MFAOptions?: { DeliveryMedium: 'SMS'; AttributeName: 'phone_number' }[]
  PreferredMfaSetting?: MfaFactor
  UserMFASettingList?: MfaFactor[]
} {
  const factors = userFactors(user)
  return {
    ...(user.mfa?.sms ? { MFAOptions: [{ DeliveryMedium: 'SMS', AttributeName: 'phone_number' }] } : {}),
    ...(user.mfa?.preferred ? { PreferredMfaSetting: user.mfa.preferred } : {}),
    ...(factors.length > 0 ? { UserMFASettingList: factors } : {}),
  }
}
