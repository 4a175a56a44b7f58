import { checkAttributes } from '../../core/attributes.ts'
import type { Context } from '../../core/context.ts'
import { nowSeconds } from '../../core/context.ts'
import { CognitoError, errors } from '../../core/errors.ts'
import { getUserByUsername, updateAttributes } from '../../core/indexes.ts'
import { checkPasswordPolicy, hashPassword } from '../../core/passwords.ts'
import { checkSecretHash } from '../../core/secret-hash.ts'
import type { ClientRecord, PoolRecord } from '../../core/state.ts'
import { findUser } from '../../core/users.ts'
import type { ChallengeAnswer } from './challenge-answer.ts'
import { answerCustomChallenge } from './custom-auth.ts'
import { answerDevicePasswordVerifier, answerDeviceSrpAuth } from './device-auth.ts'
import { afterFirstFactor, answerMfaCode, answerMfaSetup, answerSelectMfaType } from './second-factor.ts'
import { closeSession, findSession } from './sessions.ts'
import { type AuthOutput, missingRequired, requireEnabled, requireParameter } from './sign-in.ts'
import { answerPasswordVerifier } from './srp-auth.ts'
import { answerSelectChallenge } from './user-auth.ts'

const NOT_EMULATED = new Set(['WEB_AUTHN', 'PASSWORD', 'PASSWORD_SRP', 'ADMIN_NO_SRP_AUTH'])

/**
 * Answers a challenge, shared by RespondToAuthChallenge and AdminRespondToAuthChallenge: the session must be live
 * and issued for this client and challenge, USERNAME must name the session's user, SECRET_HASH is checked.
 */
export function answerChallenge(
  ctx: Context,
  pool: PoolRecord,
  client: ClientRecord,
  challengeName: string,
  sessionKey: string | undefined,
  responses: Record<string, string> | undefined,
): AuthOutput | Promise<AuthOutput> {
  if (NOT_EMULATED.has(challengeName)) {
    throw new CognitoError(
      'NotImplementedException',
      `Challenge ${challengeName} is not emulated by cognito-msw yet.`,
      501,
    )
  }
  if (challengeName === 'CUSTOM_CHALLENGE') {
    return answerCustomChallenge(ctx, pool, client, sessionKey, responses)
  }
  // A PASSWORD_VERIFIER answer carries no Session: its SECRET_BLOCK identifies the exchange.
  const key =
    challengeName === 'PASSWORD_VERIFIER'
      ? requireParameter(responses, 'PASSWORD_CLAIM_SECRET_BLOCK')
      : sessionKey
  const session = findSession(ctx, client, key, challengeName)
  const name = requireParameter(responses, 'USERNAME')
  checkSecretHash(client, responses?.SECRET_HASH, [name, session.username])
  const user = getUserByUsername(pool, session.username)
  if (challengeName === 'PASSWORD_VERIFIER') {
    closeSession(ctx, key as string) // one attempt per SRP exchange
    if (!user) throw incorrect() // a hidden unknown user, or one deleted meanwhile
  }
  if (!user || findUser(pool, name) !== user) {
    throw new CognitoError('NotAuthorizedException', 'Invalid session for the user.')
  }
  requireEnabled(user)
  const answer: ChallengeAnswer = {
    ctx,
    pool,
    client,
    user,
    sessionKey: key as string,
    session,
    responses: responses ?? {},
  }
  switch (challengeName) {
    case 'NEW_PASSWORD_REQUIRED':
      return newPassword(answer)
    case 'PASSWORD_VERIFIER':
      return answerPasswordVerifier(answer)
    case 'SMS_MFA':
    case 'EMAIL_OTP':
    case 'SOFTWARE_TOKEN_MFA':
    case 'SMS_OTP':
      return answerMfaCode(answer, challengeName)
    case 'SELECT_MFA_TYPE':
      return answerSelectMfaType(answer)
    case 'MFA_SETUP':
      return answerMfaSetup(answer)
    case 'DEVICE_SRP_AUTH':
      return answerDeviceSrpAuth(answer)
    case 'DEVICE_PASSWORD_VERIFIER':
      return answerDevicePasswordVerifier(answer)
    case 'SELECT_CHALLENGE':
      return answerSelectChallenge(answer)
    default:
      throw errors.invalidParameter(`Invalid challenge name: ${challengeName}`)
  }
}

const incorrect = () => new CognitoError('NotAuthorizedException', 'Incorrect username or password.')

/**
 * NEW_PASSWORD_REQUIRED: the new password meets the pool's policy, `userAttributes.<name>` answers are valid
 * attributes, and every required attribute is present afterwards. The user is then CONFIRMED.
 */
function newPassword(call: ChallengeAnswer): AuthOutput | Promise<AuthOutput> {
  const { ctx, pool, client, user, sessionKey, responses } = call
  const password = requireParameter(responses, 'NEW_PASSWORD')
  const given = Object.entries(responses)
    .filter(([key]) => key.startsWith('userAttributes.'))
    .map(([key, Value]) => ({ Name: key.slice('userAttributes.'.length), Value }))
  const attributes = checkAttributes(pool, given)
  const missing = missingRequired(pool, { ...user.attributes, ...attributes })
  if (missing.length > 0)
    throw errors.invalidParameter(`Invalid attributes given, ${missing.join(' and ')} is missing`)
  checkPasswordPolicy(pool, password)

  closeSession(ctx, sessionKey)
  if (Object.keys(attributes).length > 0) updateAttributes(pool, user, attributes)
  user.passwordHash = hashPassword(pool.config.Id, user.username, password)
  user.temporaryPasswordExpires = undefined
  user.status = 'CONFIRMED'
  user.modified = nowSeconds(ctx)
  return afterFirstFactor(ctx, pool, client, user, responses.DEVICE_KEY, 'NewPasswordChallenge')
}
