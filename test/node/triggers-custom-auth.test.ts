import {
  AdminInitiateAuthCommand,
  AdminRespondToAuthChallengeCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
} from '@aws-sdk/client-cognito-identity-provider'
import { Amplify } from 'aws-amplify'
import { confirmSignIn, fetchAuthSession, signIn, signOut } from 'aws-amplify/auth'
import { afterEach, describe, expect, it } from 'vitest'
import type { TriggerHandler } from '../../src/index.ts'
import { claims, createUser, failure, PASSWORD, poolWithClient } from '../support/auth-fixtures.ts'
import { sdkClient, useCognito } from '../support/cognito.ts'
import { eventBase } from '../support/trigger-recorder.ts'

interface ChallengeResult {
  challengeName: string
  challengeResult: boolean
  challengeMetadata: string | null
}

/** What the three functions saw, in order. */
const received: Record<string, unknown>[] = []
/** The one-time password the test's own CreateAuthChallenge made last. */
let lastCode = ''

/** A three-trigger OTP challenge, as apps write it: password first when the client asks for SRP, then one code. */
const defineAuthChallenge: TriggerHandler = async (event) => {
  received.push(structuredClone(event))
  const session = event.request.session as ChallengeResult[]
  const last = session.at(-1)
  if (event.request.userNotFound) {
    event.response.failAuthentication = true
  } else if (last?.challengeName === 'SRP_A') {
    event.response.challengeName = 'PASSWORD_VERIFIER'
  } else if (last?.challengeName === 'CUSTOM_CHALLENGE' && last.challengeResult) {
    event.response.issueTokens = true
  } else if (session.filter((c) => c.challengeName === 'CUSTOM_CHALLENGE').length >= 3) {
    event.response.failAuthentication = true
  } else {
    event.response.challengeName = 'CUSTOM_CHALLENGE'
  }
  event.response.issueTokens ??= false
  event.response.failAuthentication ??= false
  return event
}
const createAuthChallenge: TriggerHandler = async (event) => {
  received.push(structuredClone(event))
  lastCode = String(100000 + Math.floor(Math.random() * 900000))
  event.response.publicChallengeParameters = { delivery: 'email' }
  event.response.privateChallengeParameters = { answer: lastCode }
  event.response.challengeMetadata = `OTP-${(event.request.session as unknown[]).length}`
  return event
}
const verifyAuthChallengeResponse: TriggerHandler = async (event) => {
  received.push(structuredClone(event))
  event.response.answerCorrect =
    event.request.challengeAnswer === event.request.privateChallengeParameters.answer
  return event
}

useCognito({
  triggers: { defineAuthChallenge, createAuthChallenge, verifyAuthChallengeResponse },
})
const sdk = sdkClient()
afterEach(async () => {
  received.length = 0
  await signOut().catch(() => undefined)
})

const FLOWS = ['ALLOW_CUSTOM_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] as const
const customPool = (client: Record<string, unknown> = {}) =>
  poolWithClient(sdk, {}, { ExplicitAuthFlows: [...FLOWS], ...client })
const sources = () => received.map((e) => e.triggerSource)

describe('CUSTOM_AUTH through the SDK', () => {
  it('runs Define, Create and Verify with Cognito’s events and signs in with the right answer', async () => {
    const { poolId, clientId } = await customPool()
    const user = await createUser(sdk, poolId, 'alice')
    const sub = user.Attributes!.find((a) => a.Name === 'sub')!.Value
    const userAttributes = { sub, 'cognito:user_status': 'CONFIRMED' }
    const common = eventBase(poolId, clientId)
    const challenge = await sdk.send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: 'CUSTOM_AUTH',
        AuthParameters: { USERNAME: 'alice' },
        ClientMetadata: { not: 'forwarded' },
      }),
    )
    expect(challenge.ChallengeName).toBe('CUSTOM_CHALLENGE')
    expect(challenge.ChallengeParameters).toEqual({ delivery: 'email' })
    expect(challenge.Session).toEqual(expect.any(String))
    const done = await sdk.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: 'CUSTOM_CHALLENGE',
        Session: challenge.Session,
        ChallengeResponses: { USERNAME: 'alice', ANSWER: lastCode },
        ClientMetadata: { step: 'otp' },
      }),
    )
    expect(claims(done.AuthenticationResult?.AccessToken).username).toBe('alice')
    const answered = { challengeName: 'CUSTOM_CHALLENGE', challengeResult: true, challengeMetadata: 'OTP-0' }
    expect(received).toEqual([
      {
        ...common,
        triggerSource: 'DefineAuthChallenge_Authentication',
        request: { userAttributes, session: [] },
        response: { challengeName: null, issueTokens: null, failAuthentication: null },
      },
      {
        ...common,
        triggerSource: 'CreateAuthChallenge_Authentication',
        request: { userAttributes, challengeName: 'CUSTOM_CHALLENGE', session: [] },
        response: {
          publicChallengeParameters: null,
          privateChallengeParameters: null,
          challengeMetadata: null,
        },
      },
      {
        ...common,
        triggerSource: 'VerifyAuthChallengeResponse_Authentication',
        request: {
          userAttributes,
          privateChallengeParameters: { answer: lastCode },
          challengeAnswer: lastCode,
          clientMetadata: { step: 'otp' },
        },
        response: { answerCorrect: null },
      },
      {
        ...common,
        triggerSource: 'DefineAuthChallenge_Authentication',
        request: { userAttributes, session: [answered], clientMetadata: { step: 'otp' } },
        response: { challengeName: null, issueTokens: null, failAuthentication: null },
      },
    ])
  })

  it('asks again after a wrong answer with a new Session, and fails the third wrong one as Cognito does', async () => {
    const { poolId, clientId } = await customPool()
    await createUser(sdk, poolId, 'alice')
    let step = await sdk.send(
      new AdminInitiateAuthCommand({
        UserPoolId: poolId,
        ClientId: clientId,
        AuthFlow: 'CUSTOM_AUTH',
        AuthParameters: { USERNAME: 'alice' },
      }),
    )
    const answer = (session: string | undefined, ANSWER: string) =>
      sdk.send(
        new AdminRespondToAuthChallengeCommand({
          UserPoolId: poolId,
          ClientId: clientId,
          ChallengeName: 'CUSTOM_CHALLENGE',
          Session: session,
          ChallengeResponses: { USERNAME: 'alice', ANSWER },
        }),
      )
    for (let round = 1; round <= 2; round++) {
      const previous = step.Session
      step = await answer(previous, 'wrong')
      expect(step.ChallengeName).toBe('CUSTOM_CHALLENGE')
      expect(step.Session).not.toBe(previous)
      // The spent session cannot be answered again.
      expect(await failure(answer(previous, lastCode))).toEqual({
        name: 'NotAuthorizedException',
        message: 'Invalid session for the user.',
      })
    }
    expect(await failure(answer(step.Session, 'wrong'))).toEqual({
      name: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    })
    const lastDefine = received.filter((e) => e.triggerSource === 'DefineAuthChallenge_Authentication').at(-1)
    expect((lastDefine as { request: { session: ChallengeResult[] } }).request.session).toEqual([
      { challengeName: 'CUSTOM_CHALLENGE', challengeResult: false, challengeMetadata: 'OTP-0' },
      { challengeName: 'CUSTOM_CHALLENGE', challengeResult: false, challengeMetadata: 'OTP-1' },
      { challengeName: 'CUSTOM_CHALLENGE', challengeResult: false, challengeMetadata: 'OTP-2' },
    ])
    expect(lastDefine).toMatchObject({ callerContext: { clientId } })
  })

  it('tells Define about an unknown user with userNotFound where the client hides users', async () => {
    const { clientId } = await customPool({ PreventUserExistenceErrors: 'ENABLED' })
    expect(
      await failure(
        sdk.send(
          new InitiateAuthCommand({
            ClientId: clientId,
            AuthFlow: 'CUSTOM_AUTH',
            AuthParameters: { USERNAME: 'nobody' },
          }),
        ),
      ),
    ).toEqual({ name: 'NotAuthorizedException', message: 'Incorrect username or password.' })
    expect(received).toMatchObject([
      { userName: 'nobody', request: { userAttributes: {}, session: [], userNotFound: true } },
    ])
  })

  it('needs ALLOW_CUSTOM_AUTH on the client', async () => {
    const { poolId, clientId } = await poolWithClient(sdk)
    await createUser(sdk, poolId, 'alice')
    const start = (id: string) =>
      sdk.send(
        new InitiateAuthCommand({
          ClientId: id,
          AuthFlow: 'CUSTOM_AUTH',
          AuthParameters: { USERNAME: 'alice' },
        }),
      )
    expect(await failure(start(clientId))).toEqual({
      name: 'InvalidParameterException',
      message: 'Auth flow not enabled for this client',
    })
  })
})

describe('CUSTOM_AUTH through Amplify v6', () => {
  const configure = async () => {
    const { poolId, clientId } = await customPool()
    Amplify.configure({ Auth: { Cognito: { userPoolId: poolId, userPoolClientId: clientId } } })
    await createUser(sdk, poolId, 'alice')
    return { poolId, clientId }
  }

  it('signs in with CUSTOM_WITHOUT_SRP and the code the test reads from its own trigger', async () => {
    await configure()
    const first = await signIn({ username: 'alice', options: { authFlowType: 'CUSTOM_WITHOUT_SRP' } })
    expect(first).toEqual({
      isSignedIn: false,
      nextStep: {
        signInStep: 'CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE',
        additionalInfo: { delivery: 'email' },
      },
    })
    const wrong = await confirmSignIn({ challengeResponse: '000000' })
    expect(wrong.nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE')
    const done = await confirmSignIn({ challengeResponse: lastCode })
    expect(done).toEqual({ isSignedIn: true, nextStep: { signInStep: 'DONE' } })
    const { tokens } = await fetchAuthSession()
    expect(tokens?.accessToken.payload.username).toBe('alice')
  })

  it('signs in with CUSTOM_WITH_SRP: SRP_A and PASSWORD_VERIFIER first, then the code', async () => {
    await configure()
    const first = await signIn({
      username: 'alice',
      password: PASSWORD,
      options: { authFlowType: 'CUSTOM_WITH_SRP' },
    })
    expect(first.nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE')
    const done = await confirmSignIn({ challengeResponse: lastCode })
    expect(done.isSignedIn).toBe(true)
    const defines = received.filter((e) => e.triggerSource === 'DefineAuthChallenge_Authentication')
    expect(defines.map((e) => (e.request as { session: ChallengeResult[] }).session)).toEqual([
      [{ challengeName: 'SRP_A', challengeResult: true, challengeMetadata: null }],
      [
        { challengeName: 'SRP_A', challengeResult: true, challengeMetadata: null },
        { challengeName: 'PASSWORD_VERIFIER', challengeResult: true, challengeMetadata: null },
      ],
      [
        { challengeName: 'SRP_A', challengeResult: true, challengeMetadata: null },
        { challengeName: 'PASSWORD_VERIFIER', challengeResult: true, challengeMetadata: null },
        { challengeName: 'CUSTOM_CHALLENGE', challengeResult: true, challengeMetadata: 'OTP-2' },
      ],
    ])
    expect(sources()).toEqual([
      'DefineAuthChallenge_Authentication',
      'DefineAuthChallenge_Authentication',
      'CreateAuthChallenge_Authentication',
      'VerifyAuthChallengeResponse_Authentication',
      'DefineAuthChallenge_Authentication',
    ])
  })

  it('refuses a wrong password in CUSTOM_WITH_SRP before any custom challenge', async () => {
    await configure()
    await expect(
      signIn({ username: 'alice', password: 'Wrong-Pass-9', options: { authFlowType: 'CUSTOM_WITH_SRP' } }),
    ).rejects.toMatchObject({ name: 'NotAuthorizedException', message: 'Incorrect username or password.' })
    expect(sources()).toEqual(['DefineAuthChallenge_Authentication'])
  })
})
