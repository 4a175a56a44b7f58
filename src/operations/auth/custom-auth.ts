import type { Context } from '../../core/context.ts'
import { CognitoError, errors } from '../../core/errors.ts'
import { getUserByUsername } from '../../core/indexes.ts'
import { checkSecretHash } from '../../core/secret-hash.ts'
import type { AuthSession, ClientRecord, PoolRecord, UserRecord } from '../../core/state.ts'
import {
  booleanMember,
  eventAttributes,
  fireTrigger,
  hasTrigger,
  invalidLambdaResponse,
  type TriggerEvent,
  triggerEvent,
} from '../../core/triggers.ts'
import { findUser } from '../../core/users.ts'
import { afterMfa } from './second-factor.ts'
import { closeSession, findSession, openSession } from './sessions.ts'
import { type AuthOutput, requireEnabled, requireParameter, signInUser } from './sign-in.ts'
import { preAuthentication } from './sign-in-triggers.ts'
import { startSrpAuth } from './srp-auth.ts'

/** One entry of DefineAuthChallenge's `request.session`: a challenge presented and how it went. */
export interface ChallengeResult {
  challengeName: string
  challengeResult: boolean
  challengeMetadata: string | null
}

/** What a CUSTOM_AUTH sign-in carries from round to round in its session. */
export interface CustomAuthState {
  results: ChallengeResult[]
  /** The user's name as given, for an unknown user the client hides (`userNotFound`). */
  userNotFound?: boolean
  /** The pending CUSTOM_CHALLENGE's private parameters and metadata, from CreateAuthChallenge. */
  privateChallengeParameters?: Record<string, string>
  challengeMetadata?: string | null
  deviceKey?: string
}

const incorrect = () => new CognitoError('NotAuthorizedException', 'Incorrect username or password.')

/**
 * AuthFlow CUSTOM_AUTH: the pool's DefineAuthChallenge, CreateAuthChallenge and VerifyAuthChallengeResponse
 * functions decide the challenges. With `CHALLENGE_NAME: 'SRP_A'` and SRP_A in AuthParameters the session starts
 * with a passed SRP_A, and DefineAuthChallenge may ask for PASSWORD_VERIFIER (Cognito's own password check) first.
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-challenge.html
 */
export async function startCustomAuth(
  ctx: Context,
  pool: PoolRecord,
  client: ClientRecord,
  params: Record<string, string> | undefined,
): Promise<AuthOutput> {
  if (!hasTrigger(ctx, pool, 'DefineAuthChallenge')) {
    throw errors.invalidParameter('Custom auth lambda trigger is not configured for the user pool.')
  }
  const name = requireParameter(params, 'USERNAME')
  const withSrp = params?.CHALLENGE_NAME === 'SRP_A'
  if (withSrp) requireParameter(params, 'SRP_A')
  const found = findUser(pool, name)
  checkSecretHash(client, params?.SECRET_HASH, [name, found?.username])
  const hidden = !found && client.PreventUserExistenceErrors === 'ENABLED'
  const first = hidden ? undefined : signInUser(pool, client, name)
  if (first) requireEnabled(first)
  if (first?.status === 'UNCONFIRMED') {
    throw new CognitoError('UserNotConfirmedException', 'User is not confirmed.')
  }
  await preAuthentication(ctx, pool, client, name, first)
  const state: CustomAuthState = {
    results: withSrp ? [{ challengeName: 'SRP_A', challengeResult: true, challengeMetadata: null }] : [],
    ...(hidden ? { userNotFound: true } : {}),
    ...(params?.DEVICE_KEY ? { deviceKey: params.DEVICE_KEY } : {}),
  }
  return nextRound(ctx, pool, client, hidden ? name : (first as UserRecord).username, state, params ?? {})
}

/** CUSTOM_AUTH after a correct PASSWORD_VERIFIER: the password check joins the session, and the next round starts. */
export function passwordVerified(
  ctx: Context,
  pool: PoolRecord,
  client: ClientRecord,
  user: UserRecord,
  state: CustomAuthState,
  responses: Record<string, string>,
): Promise<AuthOutput> {
  const results = [
    ...state.results,
    { challengeName: 'PASSWORD_VERIFIER', challengeResult: true, challengeMetadata: null },
  ]
  const deviceKey = responses.DEVICE_KEY || state.deviceKey
  return nextRound(ctx, pool, client, user.username, { results, ...(deviceKey ? { deviceKey } : {}) }, {})
}

/**
 * The CUSTOM_CHALLENGE answer (ANSWER): VerifyAuthChallengeResponse judges it with CreateAuthChallenge's private
 * parameters, the result joins the session, and DefineAuthChallenge decides what follows. Each round has a new
 * Session; the answered one is spent.
 */
export async function answerCustomChallenge(
  ctx: Context,
  pool: PoolRecord,
  client: ClientRecord,
  sessionKey: string | undefined,
  responses: Record<string, string> | undefined,
): Promise<AuthOutput> {
  const session = findSession(ctx, client, sessionKey, 'CUSTOM_CHALLENGE')
  const name = requireParameter(responses, 'USERNAME')
  const answer = requireParameter(responses, 'ANSWER')
  checkSecretHash(client, responses?.SECRET_HASH, [name, session.username])
  const state = (session.data?.custom ?? { results: [] }) as CustomAuthState
  const user = state.userNotFound ? undefined : sessionUser(pool, session, name)
  closeSession(ctx, sessionKey as string) // one answer per round
  const verified = await fireTrigger(ctx, pool, 'VerifyAuthChallengeResponse', () =>
    triggerEvent(
      ctx,
      pool,
      'VerifyAuthChallengeResponse_Authentication',
      session.username,
      {
        userAttributes: userAttributes(pool, user),
        privateChallengeParameters: state.privateChallengeParameters ?? {},
        challengeAnswer: answer,
        ...(state.userNotFound ? { userNotFound: true } : {}),
      },
      { answerCorrect: null },
    ),
  )
  const answerCorrect = verified ? booleanMember(verified.response, 'answerCorrect') : false
  const deviceKey = responses?.DEVICE_KEY || state.deviceKey
  const next: CustomAuthState = {
    results: [
      ...state.results,
      {
        challengeName: 'CUSTOM_CHALLENGE',
        challengeResult: answerCorrect,
        challengeMetadata: state.challengeMetadata ?? null,
      },
    ],
    ...(state.userNotFound ? { userNotFound: true } : {}),
    ...(deviceKey ? { deviceKey } : {}),
  }
  return nextRound(ctx, pool, client, session.username, next, responses ?? {})
}

/** The session's user, who must be the one USERNAME names and still able to sign in. */
function sessionUser(pool: PoolRecord, session: AuthSession, name: string): UserRecord {
  const user = getUserByUsername(pool, session.username)
  if (!user || findUser(pool, name) !== user) {
    throw new CognitoError('NotAuthorizedException', 'Invalid session for the user.')
  }
  requireEnabled(user)
  return user
}

/** The user a round is about, read again after each trigger; `undefined` for a hidden unknown user. */
function currentUser(pool: PoolRecord, username: string, state: CustomAuthState): UserRecord | undefined {
  if (state.userNotFound) return undefined
  const user = getUserByUsername(pool, username)
  if (!user) throw incorrect()
  requireEnabled(user)
  return user
}

const userAttributes = (pool: PoolRecord, user: UserRecord | undefined) =>
  user ? eventAttributes(pool, user) : {}

/**
 * One round of DefineAuthChallenge: `failAuthentication` ends the sign-in (`Incorrect username or password.`),
 * `issueTokens` signs the user in (through device SRP where the client sent a confirmed device), a
 * `challengeName` of PASSWORD_VERIFIER (after SRP_A) starts Cognito's password check and CUSTOM_CHALLENGE asks
 * CreateAuthChallenge for the question.
 */
async function nextRound(
  ctx: Context,
  pool: PoolRecord,
  client: ClientRecord,
  username: string,
  state: CustomAuthState,
  params: Record<string, string>,
): Promise<AuthOutput> {
  const before = currentUser(pool, username, state)
  const defined = await fireTrigger(ctx, pool, 'DefineAuthChallenge', () =>
    triggerEvent(
      ctx,
      pool,
      'DefineAuthChallenge_Authentication',
      username,
      {
        userAttributes: userAttributes(pool, before),
        session: state.results,
        ...(state.userNotFound ? { userNotFound: true } : {}),
      },
      { challengeName: null, issueTokens: null, failAuthentication: null },
    ),
  )
  if (!defined)
    throw errors.invalidParameter('Custom auth lambda trigger is not configured for the user pool.')
  const { response } = defined
  const challengeName = response.challengeName
  if (challengeName !== undefined && challengeName !== null && typeof challengeName !== 'string') {
    throw invalidLambdaResponse()
  }
  if (booleanMember(response, 'failAuthentication')) throw incorrect()
  if (booleanMember(response, 'issueTokens')) {
    const user = currentUser(pool, username, state)
    if (!user) throw incorrect()
    return afterMfa(ctx, pool, client, user, state.deviceKey)
  }
  if (challengeName === 'PASSWORD_VERIFIER' && state.results.at(-1)?.challengeName === 'SRP_A') {
    if (!params.SRP_A) throw errors.invalidParameter('Missing required parameter SRP_A')
    return startSrpAuth(
      ctx,
      pool,
      client,
      { ...params, USERNAME: username },
      {
        results: state.results,
        ...(state.deviceKey ? { deviceKey: state.deviceKey } : {}),
      },
    )
  }
  if (challengeName !== 'CUSTOM_CHALLENGE') throw invalidLambdaResponse()
  return createChallenge(ctx, pool, client, username, state)
}

/** CreateAuthChallenge: its public parameters are the ChallengeParameters; the private ones wait for the answer. */
async function createChallenge(
  ctx: Context,
  pool: PoolRecord,
  client: ClientRecord,
  username: string,
  state: CustomAuthState,
): Promise<AuthOutput> {
  const before = currentUser(pool, username, state)
  const created: TriggerEvent | undefined = await fireTrigger(ctx, pool, 'CreateAuthChallenge', () =>
    triggerEvent(
      ctx,
      pool,
      'CreateAuthChallenge_Authentication',
      username,
      {
        userAttributes: userAttributes(pool, before),
        challengeName: 'CUSTOM_CHALLENGE',
        session: state.results,
        ...(state.userNotFound ? { userNotFound: true } : {}),
      },
      { publicChallengeParameters: null, privateChallengeParameters: null, challengeMetadata: null },
    ),
  )
  const response = created?.response ?? {}
  const publicParameters = stringMap(response.publicChallengeParameters)
  const privateParameters = stringMap(response.privateChallengeParameters)
  const metadata = response.challengeMetadata
  if (metadata !== undefined && metadata !== null && typeof metadata !== 'string')
    throw invalidLambdaResponse()
  currentUser(pool, username, state) // still there after the trigger
  return {
    ChallengeName: 'CUSTOM_CHALLENGE',
    Session: openSession(ctx, pool, client, username, 'CUSTOM_CHALLENGE', {
      custom: {
        ...state,
        privateChallengeParameters: privateParameters,
        challengeMetadata: (metadata as string | null | undefined) ?? null,
      },
    }),
    ChallengeParameters: publicParameters,
  }
}

/** A map of strings from a function's response (`null` or absent: empty). */
function stringMap(value: unknown): Record<string, string> {
  if (value === undefined || value === null) return {}
  if (typeof value !== 'object' || Array.isArray(value)) throw invalidLambdaResponse()
  const entries = Object.entries(value as Record<string, unknown>)
  if (entries.some(([, v]) => typeof v !== 'string')) throw invalidLambdaResponse()
  return Object.fromEntries(entries) as Record<string, string>
}
