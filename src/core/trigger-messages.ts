import type { Context } from './context.ts'
import { type OutboxMessage, ownEntry, type PoolRecord } from './state.ts'
import {
  fireTrigger,
  hasTrigger,
  invalidLambdaResponse,
  type MessageSource,
  type TriggerEvent,
  triggerEvent,
} from './triggers.ts'

/** A message held back until the operation has written its state, for a message trigger to shape or send. */
export interface PendingMessage {
  /** The message as Cognito's own templates would have it. */
  entry: OutboxMessage
  /** What replaces `{####}`: the code, or an invitation's temporary password. */
  secret: string
  /** The user's attributes as trigger events carry them, taken when the message was sent. */
  userAttributes: Record<string, string>
}

/** The trigger source suffix of each outbox `reason`; any other (MFA and sign-in codes) is `Authentication`. */
const SOURCES: Record<string, MessageSource> = {
  SignUp: 'SignUp',
  AdminCreateUser: 'AdminCreateUser',
  ResendCode: 'ResendCode',
  ForgotPassword: 'ForgotPassword',
  UpdateUserAttributes: 'UpdateUserAttribute',
  VerifyUserAttribute: 'VerifyUserAttribute',
}

const senderOf = (entry: OutboxMessage): 'CustomEmailSender' | 'CustomSMSSender' =>
  entry.deliveryMedium === 'EMAIL' ? 'CustomEmailSender' : 'CustomSMSSender'

/** Whether a message of this pool must wait for a trigger (CustomMessage, or a custom sender for its medium). */
export function needsTrigger(ctx: Context, pool: PoolRecord, entry: OutboxMessage): boolean {
  return hasTrigger(ctx, pool, 'CustomMessage') || hasTrigger(ctx, pool, senderOf(entry))
}

/**
 * Runs the message triggers of the messages an operation held back, in order, and records each in the outbox.
 * A custom sender receives the code as is (on AWS it is encrypted with the pool's KMSKeyID); CustomMessage's
 * subject and body replace Cognito's template. Called after the operation has written its state, as Cognito
 * runs these triggers after the change they report.
 */
export async function deliverPending(ctx: Context): Promise<void> {
  const pending = ctx.call?.pending ?? []
  while (pending.length > 0) {
    const message = pending.shift() as PendingMessage
    const pool = ownEntry(ctx.state.pools, message.entry.userPoolId)
    if (!pool) continue
    const source: MessageSource = SOURCES[message.entry.reason] ?? 'Authentication'
    const sender = senderOf(message.entry)
    if (hasTrigger(ctx, pool, sender)) {
      await fireTrigger(ctx, pool, sender, () =>
        triggerEvent(
          ctx,
          pool,
          `${sender}_${source}`,
          message.entry.username,
          {
            type: sender === 'CustomEmailSender' ? 'customEmailSenderRequestV1' : 'customSMSSenderRequestV1',
            code: message.secret,
            userAttributes: message.userAttributes,
          },
          {},
        ),
      )
      ctx.state.outbox.push(message.entry)
      continue
    }
    const result = await fireTrigger(ctx, pool, 'CustomMessage', () =>
      triggerEvent(
        ctx,
        pool,
        `CustomMessage_${source}`,
        message.entry.username,
        {
          userAttributes: message.userAttributes,
          codeParameter: '{####}',
          linkParameter: '{##Click Here##}',
          usernameParameter: source === 'AdminCreateUser' ? '{username}' : null,
        },
        { smsMessage: null, emailMessage: null, emailSubject: null },
      ),
    )
    ctx.state.outbox.push(result ? customized(message, result) : message.entry)
  }
}

/** The message with CustomMessage's response applied: its body must carry `{####}`. */
function customized(message: PendingMessage, result: TriggerEvent): OutboxMessage {
  const { response } = result
  const email = message.entry.deliveryMedium === 'EMAIL'
  const body = response[email ? 'emailMessage' : 'smsMessage']
  const subject = response.emailSubject
  for (const value of [response.smsMessage, response.emailMessage, subject]) {
    if (value !== undefined && value !== null && typeof value !== 'string') throw invalidLambdaResponse()
  }
  const entry = { ...message.entry }
  if (typeof body === 'string') {
    if (!body.includes('{####}')) throw invalidLambdaResponse()
    entry.message = body.replaceAll('{username}', entry.username).replaceAll('{####}', message.secret)
  }
  if (email && typeof subject === 'string') entry.subject = subject
  return entry
}
