import type { Context } from '../../core/context.ts'
import { CognitoError, errors } from '../../core/errors.ts'
import type { ClientRecord, PoolRecord, UserRecord } from '../../core/state.ts'
import { matchTotp } from '../../core/totp.ts'
import type { TokenSource } from '../../core/trigger-tokens.ts'
import { type MfaFactor, poolFactors, poolMfaMode, usableFactors, userMfa } from '../mfa/mfa-settings.ts'
import type { ChallengeAnswer } from './challenge-answer.ts'
import { deviceSrpChallenge, findDevice, finishSignIn, rememberedSkipsMfa } from './device-auth.ts'
import { closeSession, openSession } from './sessions.ts'
import type { AuthOutput } from './sign-in.ts'
import { requireParameter } from './sign-in.ts'
import { sendSignInCode } from './sign-in-codes.ts'

/** What an MFA or setup session carries between the challenge and its answer. */
export interface SecondFactorData {
  deviceKey?: string
  /** The code sent by SMS or email. */
  code?: string
  /** Wrong answers so far. */
  attempts?: number
  /** MFA_SETUP: the secret AssociateSoftwareToken handed out, and whether VerifySoftwareToken accepted it. */
  secret?: string
  verified?: boolean
}

/** Wrong codes one challenge session accepts before it ends. */
const MAX_WRONG_CODES = 5

/**
 * What follows a correct first factor (password, SRP, new password): a remembered device that stands in for
 * MFA, else the MFA challenge the pool and user call for, else device SRP for a known device, else tokens.
 */
export function afterFirstFactor(
  ctx: Context,
  pool: PoolRecord,
  client: ClientRecord,
  user: UserRecord,
  deviceKey?: string,
  source?: TokenSource,
): AuthOutput | Promise<AuthOutput> {
  const device = findDevice(user, deviceKey)
  if (device?.verifier && device.remembered && rememberedSkipsMfa(pool)) {
    return deviceSrpChallenge(ctx, pool, client, user, device)
  }
  return (
    mfaChallenge(ctx, pool, client, user, deviceKey) ?? afterMfa(ctx, pool, client, user, deviceKey, source)
  )
}

/** After MFA (or without it): device SRP for a confirmed device, else tokens. */
export function afterMfa(
  ctx: Context,
  pool: PoolRecord,
  client: ClientRecord,
  user: UserRecord,
  deviceKey?: string,
  source?: TokenSource,
): AuthOutput | Promise<AuthOutput> {
  const device = findDevice(user, deviceKey)
  if (device?.verifier) return deviceSrpChallenge(ctx, pool, client, user, device)
  return finishSignIn(ctx, pool, client, user, device, source)
}

/**
 * The MFA step, if any. MFA OFF: none. A user with usable factors: the preferred one or the only one, else
 * SELECT_MFA_TYPE. A user without: none where MFA is OPTIONAL; where it is ON, SMS or email MFA when the pool
 * offers it and the user has the contact, else MFA_SETUP.
 */
function mfaChallenge(
  ctx: Context,
  pool: PoolRecord,
  client: ClientRecord,
  user: UserRecord,
  deviceKey: string | undefined,
): AuthOutput | undefined {
  const mode = poolMfaMode(pool)
  if (mode === 'OFF') return undefined
  const data: SecondFactorData = deviceKey ? { deviceKey } : {}
  const factors = usableFactors(pool, user)
  if (factors.length === 0) {
    if (mode !== 'ON') return undefined
    const offered = poolFactors(pool)
    if (offered.includes('SMS_MFA') && user.attributes.phone_number) {
      return startFactor(ctx, pool, client, user, 'SMS_MFA', data)
    }
    if (offered.includes('EMAIL_OTP') && user.attributes.email) {
      return startFactor(ctx, pool, client, user, 'EMAIL_OTP', data)
    }
    return {
      ChallengeName: 'MFA_SETUP',
      Session: openSession(ctx, pool, client, user.username, 'MFA_SETUP', { ...data }),
      ChallengeParameters: {
        MFAS_CAN_SETUP: JSON.stringify(offered.filter((f) => f !== 'EMAIL_OTP')),
      },
    }
  }
  const preferred = user.mfa?.preferred
  const chosen =
    factors.length === 1 ? factors[0] : preferred && factors.includes(preferred) ? preferred : undefined
  if (chosen) return startFactor(ctx, pool, client, user, chosen, data)
  return {
    ChallengeName: 'SELECT_MFA_TYPE',
    Session: openSession(ctx, pool, client, user.username, 'SELECT_MFA_TYPE', { ...data }),
    ChallengeParameters: { MFAS_CAN_CHOOSE: JSON.stringify(factors) },
  }
}

/** Opens the challenge of one factor, sending the code for SMS and email. */
function startFactor(
  ctx: Context,
  pool: PoolRecord,
  client: ClientRecord,
  user: UserRecord,
  factor: MfaFactor,
  data: SecondFactorData,
): AuthOutput {
  if (factor === 'SOFTWARE_TOKEN_MFA') {
    return {
      ChallengeName: factor,
      Session: openSession(ctx, pool, client, user.username, factor, { ...data }),
      ChallengeParameters: {},
    }
  }
  const { code, parameters } = sendSignInCode(ctx, pool, user, factor)
  return {
    ChallengeName: factor,
    Session: openSession(ctx, pool, client, user.username, factor, { ...data, code }),
    ChallengeParameters: parameters,
  }
}

/** Counts a wrong code; the session ends after MAX_WRONG_CODES. */
function wrongCode(ctx: Context, sessionKey: string, data: SecondFactorData, error: CognitoError): never {
  data.attempts = (data.attempts ?? 0) + 1
  if (data.attempts >= MAX_WRONG_CODES) closeSession(ctx, sessionKey)
  throw error
}

/**
 * SMS_MFA, EMAIL_OTP and SOFTWARE_TOKEN_MFA answers (and SMS_OTP of a passwordless sign-in); a right code ends
 * the second factor.
 */
export function answerMfaCode(
  call: ChallengeAnswer,
  challenge: 'SMS_MFA' | 'EMAIL_OTP' | 'SOFTWARE_TOKEN_MFA' | 'SMS_OTP',
): AuthOutput | Promise<AuthOutput> {
  const { ctx, pool, client, user, sessionKey, session, responses } = call
  const data = (session.data ?? {}) as SecondFactorData
  const code = requireParameter(responses, `${challenge}_CODE`)
  if (challenge === 'SOFTWARE_TOKEN_MFA') {
    const mfa = userMfa(user)
    if (!mfa.totpSecret) {
      throw new CognitoError(
        'SoftwareTokenMFANotFoundException',
        'Software Token MFA does not exist for the user.',
      )
    }
    const step = matchTotp(mfa.totpSecret, code, ctx.now().getTime(), mfa.totpUsedStep)
    if (step === undefined) {
      wrongCode(
        ctx,
        sessionKey,
        data,
        new CognitoError('CodeMismatchException', 'Invalid code received for user'),
      )
    }
    mfa.totpUsedStep = step
  } else if (data.code !== code) {
    wrongCode(
      ctx,
      sessionKey,
      data,
      new CognitoError('CodeMismatchException', 'Invalid code or auth state for the user.'),
    )
  }
  closeSession(ctx, sessionKey)
  return afterMfa(ctx, pool, client, user, responses.DEVICE_KEY || data.deviceKey)
}

/** SELECT_MFA_TYPE: ANSWER names one of the offered factors; its challenge follows. */
export function answerSelectMfaType(call: ChallengeAnswer): AuthOutput {
  const { ctx, pool, client, user, sessionKey, session, responses } = call
  const answer = requireParameter(responses, 'ANSWER')
  const factors = usableFactors(pool, user)
  if (!factors.includes(answer as MfaFactor)) {
    throw errors.invalidParameter(`Invalid MFA type: ${answer}`)
  }
  closeSession(ctx, sessionKey)
  const data = (session.data ?? {}) as SecondFactorData
  return startFactor(ctx, pool, client, user, answer as MfaFactor, {
    ...(data.deviceKey ? { deviceKey: data.deviceKey } : {}),
  })
}

/**
 * MFA_SETUP: answered once VerifySoftwareToken has accepted a code for this session (which turned TOTP MFA on
 * for the user); then sign-in continues as after MFA.
 */
export function answerMfaSetup(call: ChallengeAnswer): AuthOutput | Promise<AuthOutput> {
  const { ctx, pool, client, user, sessionKey, session, responses } = call
  const data = (session.data ?? {}) as SecondFactorData
  if (!data.verified) {
    throw new CognitoError(
      'InvalidParameterException',
      'Software token MFA has not been set up for the user.',
    )
  }
  closeSession(ctx, sessionKey)
  return afterMfa(ctx, pool, client, user, responses.DEVICE_KEY || data.deviceKey)
}
