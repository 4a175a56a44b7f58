import type { Context } from './context.ts'
import type { OutboxMessage, PoolRecord, UserRecord } from './state.ts'
import { needsTrigger } from './trigger-messages.ts'
import { eventAttributes } from './triggers.ts'

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
  /** The code to send (see `issueCode`). */
  code?: string
  /** Sends an invitation with this temporary password instead of a code. */
  temporaryPassword?: string
}

/** Records in the outbox the message Cognito would have sent (nothing when the user lacks the contact). */
export function send(ctx: Context, pool: PoolRecord, user: UserRecord, options: SendOptions): void {
  const destination = user.attributes[options.to]
  if (!destination) return
  const medium = options.to === 'email' ? 'EMAIL' : 'SMS'
  const { code } = options
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
  if (ctx.call && needsTrigger(ctx, pool, entry)) {
    // A message trigger shapes or sends it once the operation has written its state (see trigger-messages.ts).
    const secret = (invite ? options.temporaryPassword : code) ?? ''
    ctx.call.pending.push({ entry, secret, userAttributes: eventAttributes(pool, user) })
    return
  }
  ctx.state.outbox.push(entry)
}
