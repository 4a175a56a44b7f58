import { errors } from '../../core/errors.ts'
import type { UserMfa, UserRecord } from '../../core/state.ts'
import type { Input } from '../types.ts'
import { deliverable, type MfaFactor } from './mfa-settings.ts'

interface MfaSettings {
  Enabled?: boolean
  PreferredMfa?: boolean
}

const MEMBERS = [
  ['SMSMfaSettings', 'SMS_MFA', 'sms'],
  ['SoftwareTokenMfaSettings', 'SOFTWARE_TOKEN_MFA', 'softwareToken'],
  ['EmailMfaSettings', 'EMAIL_OTP', 'email'],
] as const

/**
 * Applies SetUserMFAPreference / AdminSetUserMFAPreference: each given factor is turned on or off, and at most
 * one is preferred. A factor can be turned on only when the user can receive it (a phone number, an email
 * address, a verified software token); otherwise nothing changes.
 */
export function applyMfaPreference(user: UserRecord, input: Input): void {
  const next: UserMfa = { ...(user.mfa ?? {}) }
  for (const [member, factor, key] of MEMBERS) {
    const settings = input[member] as MfaSettings | undefined
    if (!settings) continue
    const enabled = settings.Enabled ?? settings.PreferredMfa ?? false
    if (enabled && !deliverable(user, factor)) {
      throw errors.invalidParameter(`User does not have delivery config set to turn on ${factor}`)
    }
    next[key] = enabled
    if (enabled && settings.PreferredMfa) next.preferred = factor as MfaFactor
    else if (next.preferred === factor) delete next.preferred
  }
  const preferred = MEMBERS.filter(([member]) => (input[member] as MfaSettings | undefined)?.PreferredMfa)
  if (preferred.length > 1) throw errors.invalidParameter('Only one MFA method can be preferred.')
  user.mfa = next
}
