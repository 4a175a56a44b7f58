import type { Context } from '../../core/context.ts'
import type { PoolRecord, UserRecord } from '../../core/state.ts'
import {
  attributeMap,
  booleanMember,
  eventAttributes,
  fireTrigger,
  triggerEvent,
} from '../../core/triggers.ts'
import type { Input } from '../types.ts'

export interface PreSignUpOutcome {
  autoConfirmUser: boolean
  /** `email_verified` / `phone_number_verified` the trigger set (autoVerifyEmail, autoVerifyPhone). */
  verified: Record<string, string>
}

/**
 * The PreSignUp trigger of SignUp (`PreSignUp_SignUp`) and AdminCreateUser (`PreSignUp_AdminCreateUser`): the
 * attributes given (no `sub`), ValidationData and ClientMetadata in; autoConfirmUser, autoVerifyEmail and
 * autoVerifyPhone out. Without a trigger nothing changes.
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-sign-up.html
 */
export async function preSignUp(
  ctx: Context,
  pool: PoolRecord,
  username: string,
  attributes: Record<string, string>,
  input: Input,
  source: 'PreSignUp_SignUp' | 'PreSignUp_AdminCreateUser',
): Promise<PreSignUpOutcome> {
  const { sub: _sub, ...userAttributes } = attributes
  const result = await fireTrigger(ctx, pool, 'PreSignUp', () =>
    triggerEvent(
      ctx,
      pool,
      source,
      username,
      { userAttributes, validationData: attributeMap(input.ValidationData) },
      { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false },
    ),
  )
  if (!result) return { autoConfirmUser: false, verified: {} }
  const autoConfirmUser = booleanMember(result.response, 'autoConfirmUser')
  const verified: Record<string, string> = {}
  if (booleanMember(result.response, 'autoVerifyEmail') && attributes.email) verified.email_verified = 'true'
  if (booleanMember(result.response, 'autoVerifyPhone') && attributes.phone_number) {
    verified.phone_number_verified = 'true'
  }
  return { autoConfirmUser, verified }
}

/**
 * The PostConfirmation trigger, after the confirmation is written (a failing function fails the call, but the
 * user stays confirmed, as on AWS).
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-post-confirmation.html
 */
export async function postConfirmation(
  ctx: Context,
  pool: PoolRecord,
  user: UserRecord,
  source: 'PostConfirmation_ConfirmSignUp' | 'PostConfirmation_ConfirmForgotPassword',
): Promise<void> {
  await fireTrigger(ctx, pool, 'PostConfirmation', () =>
    triggerEvent(ctx, pool, source, user.username, { userAttributes: eventAttributes(pool, user) }, {}),
  )
}
