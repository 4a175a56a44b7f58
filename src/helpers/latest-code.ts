import type { OutboxMessage, State } from '../core/state.ts'
import { findUser } from '../core/users.ts'

/**
 * Which message `latestCode` looks at.
 *
 * @example
 * ```ts
 * const code = cognito.latestCode('alice', { reason: 'ForgotPassword' })
 * ```
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CodeDeliveryDetailsType.html
 */
export interface LatestCodeOptions {
  /** Only messages of this pool. */
  poolId?: string
  /** Only messages sent for this reason: `SignUp`, `ResendCode`, `ForgotPassword`, `SMS_MFA`, `EMAIL_OTP`, ... */
  reason?: string
}

/**
 * The code of the newest outbox message to a user, found by username, sign-in email or phone number, or the
 * address it was sent to. Throws when there is none, listing whom the outbox did write to.
 */
export function latestCode(state: State, username: string, options: LatestCodeOptions = {}): string {
  const messages = state.outbox.filter(
    (m) =>
      m.code !== undefined &&
      (options.poolId === undefined || m.userPoolId === options.poolId) &&
      (options.reason === undefined || m.reason === options.reason),
  )
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i] as OutboxMessage
    if (isFor(state, message, username)) return message.code as string
  }
  const reason = options.reason === undefined ? '' : ` with reason "${options.reason}"`
  const pool = options.poolId === undefined ? '' : ` in pool ${options.poolId}`
  const recipients = [...new Set(messages.map((m) => m.username))]
  const known = recipients.length === 0 ? 'it has none' : `it has codes for ${recipients.join(', ')}`
  throw new Error(
    `Failed to call "cognito.latestCode()": the outbox has no code${reason} for "${username}"${pool}; ${known}.`,
  )
}

function isFor(state: State, message: OutboxMessage, name: string): boolean {
  if (message.username === name || message.destination === name) return true
  const pool = state.pools[message.userPoolId]
  return pool !== undefined && findUser(pool, name)?.username === message.username
}
