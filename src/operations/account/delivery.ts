import { type CodeDeliveryDetails, maskEmail, maskPhone } from '../../core/outbox.ts'
import { sha256 } from '../../core/sha256.ts'
import type { PoolRecord, UserRecord } from '../../core/state.ts'

type Contact = 'email' | 'phone_number'

const EMAIL = /^[^@\s]+@[^@\s]+$/
const PHONE = /^\+[0-9]{4,15}$/

/** The delivery details Cognito reports for a code sent to `value` of `attribute`. */
export function detailsFor(attribute: Contact, value: string): CodeDeliveryDetails {
  return attribute === 'email'
    ? { Destination: maskEmail(value), DeliveryMedium: 'EMAIL', AttributeName: 'email' }
    : { Destination: maskPhone(value), DeliveryMedium: 'SMS', AttributeName: 'phone_number' }
}

const autoVerified = (pool: PoolRecord): string[] =>
  (pool.config.AutoVerifiedAttributes as string[] | undefined) ?? []

/**
 * Where a sign-up confirmation code goes: an auto-verified contact the user has, the phone number first when both
 * are auto-verified.
 */
export function signUpTarget(pool: PoolRecord, user: UserRecord): CodeDeliveryDetails | undefined {
  for (const attribute of ['phone_number', 'email'] as const) {
    const value = user.attributes[attribute]
    if (value && autoVerified(pool).includes(attribute)) return detailsFor(attribute, value)
  }
  return undefined
}

interface RecoveryMechanism {
  Priority?: number
  Name?: string
}

/**
 * Where a password-reset code goes: the first verified contact in the pool's AccountRecoverySetting order, or, for a
 * pool without one, Cognito's legacy order (phone number before email). `admin_only` allows none.
 */
export function recoveryTarget(pool: PoolRecord, user: UserRecord): CodeDeliveryDetails | undefined {
  const setting = pool.config.AccountRecoverySetting as
    | { RecoveryMechanisms?: RecoveryMechanism[] }
    | undefined
  const mechanisms = setting?.RecoveryMechanisms
    ? [...setting.RecoveryMechanisms].sort((a, b) => (a.Priority ?? 0) - (b.Priority ?? 0))
    : [{ Name: 'verified_phone_number' }, { Name: 'verified_email' }]
  for (const { Name } of mechanisms) {
    if (Name === 'admin_only') return undefined
    const attribute: Contact | undefined =
      Name === 'verified_email' ? 'email' : Name === 'verified_phone_number' ? 'phone_number' : undefined
    const value = attribute ? user.attributes[attribute] : undefined
    if (attribute && value && user.attributes[`${attribute}_verified`] === 'true') {
      return detailsFor(attribute, value)
    }
  }
  return undefined
}

/**
 * The plausible delivery details Cognito returns for a user it must not reveal (PreventUserExistenceErrors
 * ENABLED): shaped by the name given (an email or a phone number) and else by the pool's verification settings;
 * the same for the same name.
 */
export function simulatedDelivery(pool: PoolRecord, username: string): CodeDeliveryDetails {
  if (EMAIL.test(username)) return detailsFor('email', username)
  if (PHONE.test(username)) return detailsFor('phone_number', username)
  const seed = sha256(`${pool.config.Id}/${username}`)
  const letter = (i: number) => String.fromCharCode(97 + (seed[i]! % 26))
  if (autoVerified(pool).includes('phone_number') && !autoVerified(pool).includes('email')) {
    const digits = Array.from(seed.slice(0, 4), (b) => String(b % 10)).join('')
    return detailsFor('phone_number', `+1555555${digits}`)
  }
  return detailsFor('email', `${letter(0)}@${letter(1)}.com`)
}
