import type { Context } from '../../core/context.ts'
import { CognitoError, errors } from '../../core/errors.ts'
import { checkSecretHash } from '../../core/secret-hash.ts'
import type { ClientRecord, PoolRecord, UserRecord } from '../../core/state.ts'
import { findUser } from '../../core/users.ts'
import type { ChallengeAnswer } from './challenge-answer.ts'
import { closeSession, openSession } from './sessions.ts'
import {
  type AuthOutput,
  afterPassword,
  checkPassword,
  requireEnabled,
  requireParameter,
  signInUser,
} from './sign-in.ts'
import { sendSignInCode } from './sign-in-codes.ts'
import { startSrpAuth } from './srp-auth.ts'

/** The first factors USER_AUTH can offer. WEB_AUTHN (passkeys) is not emulated. */
export type FirstFactor = 'PASSWORD' | 'PASSWORD_SRP' | 'EMAIL_OTP' | 'SMS_OTP'

/** The pool's Policies.SignInPolicy.AllowedFirstAuthFactors (PASSWORD by default). */
export function allowedFirstFactors(pool: PoolRecord): string[] {
  const policies = pool.config.Policies as
    | { SignInPolicy?: { AllowedFirstAuthFactors?: string[] } }
    | undefined
  return policies?.SignInPolicy?.AllowedFirstAuthFactors ?? ['PASSWORD']
}

/**
 * The first factors this user can sign in with under the pool's sign-in policy: PASSWORD and PASSWORD_SRP when
 * the user has a password, EMAIL_OTP with an email address, SMS_OTP with a phone number.
 */
export function availableFirstFactors(pool: PoolRecord, user: UserRecord): FirstFactor[] {
  const allowed = allowedFirstFactors(pool)
  const factors: FirstFactor[] = []
  if (allowed.includes('PASSWORD') && user.passwordHash) factors.push('PASSWORD', 'PASSWORD_SRP')
  if (allowed.includes('EMAIL_OTP') && user.attributes.email) factors.push('EMAIL_OTP')
  if (allowed.includes('SMS_OTP') && user.attributes.phone_number) factors.push('SMS_OTP')
  return factors
}

/**
 * AuthFlow USER_AUTH, the choice-based sign-in: with a PREFERRED_CHALLENGE the user can use, that challenge
 * starts at once (PASSWORD checks AuthParameters.PASSWORD, PASSWORD_SRP answers SRP_A, EMAIL_OTP and SMS_OTP send
 * a code); otherwise SELECT_CHALLENGE lists AvailableChallenges.
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/authentication-flows-selection-sdk.html
 */
export function startUserAuth(
  ctx: Context,
  pool: PoolRecord,
  client: ClientRecord,
  params: Record<string, string> | undefined,
): AuthOutput | Promise<AuthOutput> {
  const name = requireParameter(params, 'USERNAME')
  checkSecretHash(client, params?.SECRET_HASH, [name, findUser(pool, name)?.username])
  const user = signInUser(pool, client, name)
  requireEnabled(user)
  const available = availableFirstFactors(pool, user)
  const preferred = params?.PREFERRED_CHALLENGE as FirstFactor | undefined
  if (preferred && available.includes(preferred)) {
    return startFirstFactor(ctx, pool, client, user, preferred, params ?? {})
  }
  return {
    ChallengeName: 'SELECT_CHALLENGE',
    Session: openSession(ctx, pool, client, user.username, 'SELECT_CHALLENGE'),
    AvailableChallenges: available,
    ChallengeParameters: {},
  }
}

/** The SELECT_CHALLENGE answer: ANSWER names an available first factor, with PASSWORD or SRP_A where needed. */
export function answerSelectChallenge(call: ChallengeAnswer): AuthOutput | Promise<AuthOutput> {
  const { ctx, pool, client, user, sessionKey, responses } = call
  const answer = requireParameter(responses, 'ANSWER') as FirstFactor
  if (!availableFirstFactors(pool, user).includes(answer)) {
    throw errors.invalidParameter(`Invalid challenge answer: ${answer}`)
  }
  const output = startFirstFactor(ctx, pool, client, user, answer, responses)
  closeSession(ctx, sessionKey)
  return output
}

function startFirstFactor(
  ctx: Context,
  pool: PoolRecord,
  client: ClientRecord,
  user: UserRecord,
  factor: FirstFactor,
  params: Record<string, string>,
): AuthOutput | Promise<AuthOutput> {
  switch (factor) {
    case 'PASSWORD':
      checkPassword(ctx, pool, user, requireParameter(params, 'PASSWORD'))
      return afterPassword(ctx, pool, client, user, params.DEVICE_KEY)
    case 'PASSWORD_SRP':
      return startSrpAuth(ctx, pool, client, { ...params, USERNAME: user.username })
    default: {
      if (user.status === 'UNCONFIRMED') {
        throw new CognitoError('UserNotConfirmedException', 'User is not confirmed.')
      }
      const { code, parameters } = sendSignInCode(ctx, pool, user, factor)
      return {
        ChallengeName: factor,
        Session: openSession(ctx, pool, client, user.username, factor, {
          code,
          ...(params.DEVICE_KEY ? { deviceKey: params.DEVICE_KEY } : {}),
        }),
        ChallengeParameters: parameters,
      }
    }
  }
}
