import { checkAliasUsername, checkUsernameAttributesUnique } from '../../core/aliases.ts'
import { checkAttributes, checkRequiredAttributes } from '../../core/attributes.ts'
import { type Context, nowSeconds } from '../../core/context.ts'
import { type CodeDeliveryDetails, deliverCode, signUpTarget } from '../../core/delivery.ts'
import { errors } from '../../core/errors.ts'
import { uuid } from '../../core/ids.ts'
import { addUser } from '../../core/indexes.ts'
import { requireClient } from '../../core/lookup.ts'
import { checkPasswordPolicy, hashPassword } from '../../core/passwords.ts'
import { checkSecretHash } from '../../core/secret-hash.ts'
import type { PoolRecord, UserRecord } from '../../core/state.ts'
import { newUsername, usernameAttributes } from '../../core/users.ts'
import type { Input, Output } from '../types.ts'
import { postConfirmation, preSignUp } from './sign-up-triggers.ts'

/**
 * Self-service registration: an UNCONFIRMED user, and a confirmation code to the attribute the pool verifies
 * automatically (SMS first where both phone number and email are verified, as Cognito does).
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_SignUp.html
 */
export async function signUp(input: Input, ctx: Context): Promise<Output> {
  const sub = uuid()
  const first = prepare(input, ctx, sub)
  const trigger = await preSignUp(
    ctx,
    first.pool,
    first.username,
    first.attributes,
    input,
    'PreSignUp_SignUp',
  )

  // Re-check against the state as it is now: another call may have taken the username meanwhile.
  const { pool, username, attributes } = prepare(input, ctx, sub)
  const now = nowSeconds(ctx)
  const user: UserRecord = {
    username,
    attributes: { ...attributes, ...trigger.verified },
    enabled: true,
    status: trigger.autoConfirmUser ? 'CONFIRMED' : 'UNCONFIRMED',
    created: now,
    modified: now,
    ...(input.Password === undefined
      ? {}
      : { passwordHash: hashPassword(pool.config.Id, username, input.Password) }),
    codes: {},
    groups: [],
  }
  addUser(pool, user)
  const CodeDeliveryDetails = trigger.autoConfirmUser ? undefined : sendSignUpCode(ctx, pool, user)
  if (trigger.autoConfirmUser) await postConfirmation(ctx, pool, user, 'PostConfirmation_ConfirmSignUp')
  return {
    UserConfirmed: trigger.autoConfirmUser,
    ...(CodeDeliveryDetails ? { CodeDeliveryDetails } : {}),
    UserSub: sub,
  }
}

/** Whether the pool lets users sign in without a password (EMAIL_OTP, SMS_OTP or WEB_AUTHN as a first factor). */
function passwordlessSignIn(pool: PoolRecord): boolean {
  const policy = pool.config.Policies as { SignInPolicy?: { AllowedFirstAuthFactors?: string[] } } | undefined
  return (policy?.SignInPolicy?.AllowedFirstAuthFactors ?? []).some((f) => f !== 'PASSWORD')
}

/** Every check SignUp makes before it creates the user; pure, so it can run again after the PreSignUp trigger. */
function prepare(input: Input, ctx: Context, sub: string) {
  const { pool, client } = requireClient(ctx, input.ClientId)
  checkSecretHash(client, input.SecretHash, [input.Username])
  const adminOnly = pool.config.AdminCreateUserConfig as { AllowAdminCreateUserOnly?: boolean } | undefined
  if (adminOnly?.AllowAdminCreateUserOnly)
    throw errors.notAuthorized('SignUp is not permitted for this user pool')

  const given: string = input.Username
  if (usernameAttributes(pool).length === 0) checkAliasUsername(pool, given)
  const { username, implied } = newUsername(pool, given, sub)
  const attributes = { sub, ...checkAttributes(pool, input.UserAttributes), ...implied }
  if (input.Password !== undefined) checkPasswordPolicy(pool, input.Password)
  else if (!passwordlessSignIn(pool)) {
    // Since passwordless sign-in (2024) Password is optional, but only pools that allow a passwordless first factor
    // accept a user without one.
    throw errors.invalidPassword('Password not long enough')
  }
  checkRequiredAttributes(pool, attributes)
  checkUsernameAttributesUnique(pool, attributes, undefined, 'UsernameExistsException')
  return { pool, username, attributes }
}

/** Sends (and remembers) the sign-up confirmation code, when the pool auto-verifies an attribute the user has. */
function sendSignUpCode(ctx: Context, pool: PoolRecord, user: UserRecord): CodeDeliveryDetails | undefined {
  const to = signUpTarget(pool, user)
  return to ? deliverCode(ctx, pool, user, { purpose: 'signUp', to, reason: 'SignUp' }) : undefined
}
