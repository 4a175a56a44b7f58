import type { Context } from './context.ts'
import { code as newCode } from './ids.ts'
import type { OutboxMessage, PoolRecord, UserRecord } from './state.ts'

export interface CodeDeliveryDetails {
  Destination: string
  DeliveryMedium: 'EMAIL' | 'SMS'
  AttributeName: 'email' | 'phone_number'
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

/**
 * Where Cognito would deliver a code for this user: email when `prefer` allows it and the user has one, else SMS.
 * Returns undefined when the user has neither.
 */
export function deliveryTarget(
  user: UserRecord,
  prefer: ReadonlyArray<'email' | 'phone_number'> = ['email', 'phone_number'],
): CodeDeliveryDetails | undefined {
  for (const attribute of prefer) {
    const value = user.attributes[attribute]
    if (!value) continue
    return attribute === 'email'
      ? { Destination: maskEmail(value), DeliveryMedium: 'EMAIL', AttributeName: 'email' }
      : { Destination: maskPhone(value), DeliveryMedium: 'SMS', AttributeName: 'phone_number' }
  }
  return undefined
}

/** Cognito's default texts when the pool has no message templates. */
const DEFAULT_CODE_MESSAGE = 'Your verification code is {####}. '
const DEFAULT_CODE_SUBJECT = 'Your verification code'
const DEFAULT_INVITE_MESSAGE = 'Your username is {username} and temporary password is {####}. '
const DEFAULT_INVITE_SUBJECT = 'Your temporary password'

function template(pool: PoolRecord, kind: 'code' | 'invite', medium: 'EMAIL' | 'SMS') {
  const cfg = pool.config as Record<string, Record<string, unknown> | undefined>
  if (kind === 'invite') {
    const invite = (cfg.AdminCreateUserConfig?.InviteMessageTemplate ?? {}) as Record<string, string>
    return {
      message: (medium === 'EMAIL' ? invite.EmailMessage : invite.SMSMessage) ?? DEFAULT_INVITE_MESSAGE,
      subject: invite.EmailSubject ?? DEFAULT_INVITE_SUBJECT,
    }
  }
  const verification = (cfg.VerificationMessageTemplate ?? {}) as Record<string, string>
  return {
    message:
      (medium === 'EMAIL'
        ? (verification.EmailMessage ?? (cfg.EmailVerificationMessage as unknown as string))
        : (verification.SmsMessage ?? (cfg.SmsVerificationMessage as unknown as string))) ??
      DEFAULT_CODE_MESSAGE,
    subject:
      verification.EmailSubject ??
      (cfg.EmailVerificationSubject as unknown as string) ??
      DEFAULT_CODE_SUBJECT,
  }
}

export interface SendOptions {
  reason: string
  /** The attribute to deliver to. */
  to: 'email' | 'phone_number'
  /** A code to send; one is generated when `true`. */
  code?: string | true
  /** Sends an invitation with this temporary password instead of a code. */
  temporaryPassword?: string
}

/**
 * Records in the outbox the message Cognito would have sent, and returns the code it carried (if any).
 */
export function send(
  ctx: Context,
  pool: PoolRecord,
  user: UserRecord,
  options: SendOptions,
): string | undefined {
  const destination = user.attributes[options.to]
  if (!destination) return undefined
  const medium = options.to === 'email' ? 'EMAIL' : 'SMS'
  const code = options.code === true ? newCode() : options.code
  const invite = options.temporaryPassword !== undefined
  const { message, subject } = template(pool, invite ? 'invite' : 'code', medium)
  const text = message
    .replaceAll('{username}', user.username)
    .replaceAll('{####}', (invite ? options.temporaryPassword : code) ?? '')
  const entry: OutboxMessage = {
    userPoolId: pool.config.Id,
    username: user.username,
    deliveryMedium: medium,
    destination,
    reason: options.reason,
    ...(code !== undefined ? { code } : {}),
    ...(invite ? { temporaryPassword: options.temporaryPassword } : {}),
    ...(medium === 'EMAIL' ? { subject } : {}),
    message: text,
    sentAt: ctx.now().getTime(),
  }
  ctx.state.outbox.push(entry)
  return code
}
