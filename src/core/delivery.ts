import { type CodePurpose, issueCode } from './codes.ts'
import type { Context } from './context.ts'
import { type CognitoError, errors } from './errors.ts'
import { send } from './outbox.ts'
import { sha256 } from './sha256.ts'
import type { PoolRecord, UserRecord } from './state.ts'
import { EMAIL, PHONE } from './users.ts'

/** The contacts Cognito delivers codes and invitations to. */
export type Contact = 'email' | 'phone_number'

/**
 * Where and how a code went, as Cognito reports it (CodeDeliveryDetailsType).
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CodeDeliveryDetailsType.html
 */
export interface CodeDeliveryDetails {
  Destination: string
  DeliveryMedium: 'EMAIL' | 'SMS'
  AttributeName: Contact
}

/** `jane@example.com` → `j***@e***`, as Cognito masks destinations. */
export function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@')
  return `${local.slice(0, 1)}***@${domain.slice(0, 1)}***`
}

/** `+15555550123` → `+*******0123`. */
export function maskPhone(phone: string): string {
  return `+${'*'.repeat(Math.max(phone.length - 5, 0))}${phone.slice(-4)}`
}

/** The delivery details Cognito reports for a code sent to `value` of `attribute`. */
export function detailsFor(attribute: Contact, value: string): CodeDeliveryDetails {
  return attribute === 'email'
    ? { Destination: maskEmail(value), DeliveryMedium: 'EMAIL', AttributeName: 'email' }
    : { Destination: maskPhone(value), DeliveryMedium: 'SMS', AttributeName: 'phone_number' }
}

const autoVerified = (pool: PoolRecord): string[] =>
  (pool.config.AutoVerifiedAttributes as string[] | undefined) ?? []

/**
 * Where a sign-up confirmation code goes (SignUp, ResendConfirmationCode): an auto-verified contact the user has,
 * the phone number first when both are auto-verified. None when the pool auto-verifies nothing the user has.
 */
export function signUpTarget(pool: PoolRecord, user: UserRecord): Contact | undefined {
  return (['phone_number', 'email'] as const).find(
    (attribute) => user.attributes[attribute] && autoVerified(pool).includes(attribute),
  )
}

interface RecoveryMechanism {
  Priority?: number
  Name?: string
}

/**
 * Where a password-reset code goes (ForgotPassword, AdminResetUserPassword): the first verified contact in the
 * pool's AccountRecoverySetting order, or, for a pool without one, Cognito's legacy order (phone number before
 * email). `admin_only` allows none.
 */
export function recoveryTarget(pool: PoolRecord, user: UserRecord): Contact | undefined {
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
    if (attribute && user.attributes[attribute] && user.attributes[`${attribute}_verified`] === 'true') {
      return attribute
    }
  }
  return undefined
}

/** The error of ForgotPassword and AdminResetUserPassword for a user `recoveryTarget` finds no contact for. */
export const noRecoveryContact = (): CognitoError =>
  errors.invalidParameter(
    'Cannot reset password for the user as there is no registered/verified email or phone_number',
  )

/**
 * Where an AdminCreateUser invitation goes. DesiredDeliveryMediums defaults to SMS (as the API reference says),
 * which sends nothing to a user without a phone number; a medium asked for explicitly must have its attribute.
 */
export function invitationDestinations(
  attributes: Record<string, string>,
  mediums: string[] | undefined,
): Contact[] {
  if (mediums === undefined) return attributes.phone_number ? ['phone_number'] : []
  return [...new Set(mediums)].map((medium) => {
    const destination: Contact = medium === 'EMAIL' ? 'email' : 'phone_number'
    if (!attributes[destination]) {
      throw errors.invalidParameter(
        medium === 'EMAIL'
          ? 'No email provided but desired delivery medium was Email'
          : 'No phone_number provided but desired delivery medium was Sms',
      )
    }
    return destination
  })
}

export interface DeliverCodeOptions {
  purpose: CodePurpose
  to: Contact
  /** The outbox `reason`. */
  reason: string
  /** A new value the code goes to instead of the current attribute (kept with the code until verified). */
  value?: string
}

/**
 * Issues a code for `purpose`, records the message that carries it in the outbox and returns what Cognito reports
 * about the delivery. The user must have the contact (or `value` must be given).
 */
export function deliverCode(
  ctx: Context,
  pool: PoolRecord,
  user: UserRecord,
  { purpose, to, reason, value }: DeliverCodeOptions,
): CodeDeliveryDetails {
  const code = issueCode(ctx, user, purpose, { value })
  const recipient = value === undefined ? user : { ...user, attributes: { ...user.attributes, [to]: value } }
  send(ctx, pool, recipient, { reason, to, code })
  return detailsFor(to, recipient.attributes[to]!)
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
