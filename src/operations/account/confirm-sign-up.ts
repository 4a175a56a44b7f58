import { claimVerifiedContact } from '../../core/aliases.ts'
import { checkCode, clearCode } from '../../core/codes.ts'
import { type Context, nowSeconds } from '../../core/context.ts'
import { CognitoError, errors } from '../../core/errors.ts'
import { updateAttributes } from '../../core/indexes.ts'
import type { UserRecord } from '../../core/state.ts'
import type { Input } from '../types.ts'
import { postConfirmation } from '../users/sign-up-triggers.ts'
import { clientUser, unknownUser } from './client-user.ts'

/** The contact the pending sign-up code was delivered to, read from the outbox entry that carried it. */
function deliveredTo(ctx: Context, poolId: string, user: UserRecord, code: string) {
  const sent = ctx.state.outbox.findLast(
    (m) => m.userPoolId === poolId && m.username === user.username && m.code === code,
  )
  if (!sent) return undefined
  const attribute = sent.deliveryMedium === 'EMAIL' ? 'email' : 'phone_number'
  return user.attributes[attribute] === sent.destination ? attribute : undefined
}

/**
 * Confirms a signed-up user with the code Cognito sent, verifying the email or phone number it went to.
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ConfirmSignUp.html
 */
export async function confirmSignUp(input: Input, ctx: Context): Promise<Record<string, never>> {
  const { pool, user, hidesUsers } = clientUser(ctx, input)
  if (!user) throw hidesUsers ? errors.codeMismatch() : unknownUser()
  if (user.status !== 'UNCONFIRMED') {
    throw new CognitoError(
      'NotAuthorizedException',
      `User cannot be confirmed. Current status is ${user.status}`,
    )
  }
  const record = checkCode(ctx, user, 'signUp', input.ConfirmationCode)
  const verified = deliveredTo(ctx, pool.config.Id, user, record.code)
  const moveAlias = verified
    ? claimVerifiedContact(
        pool,
        user,
        verified,
        user.attributes[verified]!,
        input.ForceAliasCreation === true,
      )
    : () => {}

  const now = nowSeconds(ctx)
  moveAlias(now)
  clearCode(user, 'signUp')
  if (verified) updateAttributes(pool, user, { [`${verified}_verified`]: 'true' })
  user.status = 'CONFIRMED'
  user.modified = now
  await postConfirmation(ctx, pool, user, 'PostConfirmation_ConfirmSignUp')
  return {}
}
