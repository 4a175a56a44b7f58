import type { Context } from '../../core/context.ts'
import { detailsFor } from '../../core/delivery.ts'
import { longCode, code as sixDigitCode } from '../../core/ids.ts'
import type { OutboxMessage, PoolRecord, UserRecord } from '../../core/state.ts'
import { needsTrigger } from '../../core/trigger-messages.ts'
import { eventAttributes } from '../../core/triggers.ts'
import { poolMfaConfig } from '../mfa/mfa-settings.ts'

/** The challenges whose code Cognito sends by SMS or email. */
export type CodeChallenge = 'SMS_MFA' | 'EMAIL_OTP' | 'SMS_OTP'

const DEFAULT_MESSAGE = 'Your authentication code is {####}. '
const DEFAULT_SUBJECT = 'Your authentication code'

/**
 * Sends a sign-in code (MFA or passwordless) to the user's phone or email, records it in the outbox, and returns
 * the code and the challenge parameters that tell the client where it went. SMS codes have six digits, email
 * codes eight. The texts come from SetUserPoolMfaConfig (SmsAuthenticationMessage, EmailMfaConfiguration).
 *
 * @note See decisions/0008-mfa-and-devices.md for the defaults and lengths.
 */
export function sendSignInCode(
  ctx: Context,
  pool: PoolRecord,
  user: UserRecord,
  challenge: CodeChallenge,
): { code: string; parameters: Record<string, string> } {
  const email = challenge === 'EMAIL_OTP'
  const attribute = email ? 'email' : 'phone_number'
  const destination = user.attributes[attribute] as string
  const config = poolMfaConfig(pool)
  const code = email ? longCode() : sixDigitCode()
  const template = email
    ? ((config.EmailMfaConfiguration?.Message as string | undefined) ?? DEFAULT_MESSAGE)
    : ((config.SmsMfaConfiguration?.SmsAuthenticationMessage as string | undefined) ??
      (pool.config.SmsAuthenticationMessage as string | undefined) ??
      DEFAULT_MESSAGE)
  const entry: OutboxMessage = {
    userPoolId: pool.config.Id,
    username: user.username,
    deliveryMedium: email ? 'EMAIL' : 'SMS',
    destination,
    reason: challenge,
    code,
    ...(email
      ? { subject: (config.EmailMfaConfiguration?.Subject as string | undefined) ?? DEFAULT_SUBJECT }
      : {}),
    message: template.replaceAll('{####}', code),
    sentAt: ctx.now().getTime(),
  }
  if (ctx.call && needsTrigger(ctx, pool, entry)) {
    // CustomMessage_Authentication or a custom sender shapes it once the call has written its state.
    ctx.call.pending.push({ entry, secret: code, userAttributes: eventAttributes(pool, user) })
  } else {
    ctx.state.outbox.push(entry)
  }
  const details = detailsFor(attribute, destination)
  return {
    code,
    parameters: {
      CODE_DELIVERY_DELIVERY_MEDIUM: details.DeliveryMedium,
      CODE_DELIVERY_DESTINATION: details.Destination,
    },
  }
}
