/**
 * CUSTOM_AUTH from a remembered device: the DEVICE_KEY the client sends (in AuthParameters, in ChallengeResponses,
 * or both, as amazon-cognito-identity-js and Amplify do) changes nothing in the DefineAuthChallenge,
 * CreateAuthChallenge and VerifyAuthChallengeResponse events; once DefineAuthChallenge issues tokens the device
 * proves itself with DEVICE_SRP_AUTH and DEVICE_PASSWORD_VERIFIER, and only then do PostAuthentication and
 * PreTokenGeneration (`TokenGeneration_AuthenticateDevice`) run, with the device key in the access token.
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-challenge.html
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-device-tracking.html
 */
import {
  ConfirmDeviceCommand,
  InitiateAuthCommand,
  type NewDeviceMetadataType,
  RespondToAuthChallengeCommand,
} from '@aws-sdk/client-cognito-identity-provider'
import { Amplify } from 'aws-amplify'
import { confirmSignIn, fetchAuthSession, signIn, signOut } from 'aws-amplify/auth'
import { afterEach, describe, expect, it } from 'vitest'
import type { TriggerHandler } from '../../src/index.ts'
import { claims, createUser, failure, poolWithClient } from '../support/auth-fixtures.ts'
import { sdkClient, useCognito } from '../support/cognito.ts'
import { deviceSecret, passwordClaim, srpStart } from '../support/cognito-identity-js.ts'
import { eventBase } from '../support/trigger-recorder.ts'

interface ChallengeResult {
  challengeName: string
  challengeResult: boolean
  challengeMetadata: string | null
}

const ARN = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`
/** What the functions saw, in order. */
const received: Record<string, unknown>[] = []
/** The one-time password the test's own CreateAuthChallenge made last. */
let lastCode = ''
const recording =
  (handler: TriggerHandler): TriggerHandler =>
  (event, context, callback) => {
    received.push(structuredClone(event))
    return handler(event, context, callback)
  }

/** One code, then tokens. */
const defineAuthChallenge: TriggerHandler = async (event) => {
  const last = (event.request.session as ChallengeResult[]).at(-1)
  const passed = last?.challengeName === 'CUSTOM_CHALLENGE' && last.challengeResult
  event.response.issueTokens = passed
  event.response.failAuthentication = last !== undefined && !passed
  if (!last) event.response.challengeName = 'CUSTOM_CHALLENGE'
  return event
}
const createAuthChallenge: TriggerHandler = async (event) => {
  lastCode = String(100000 + Math.floor(Math.random() * 900000))
  event.response.publicChallengeParameters = { delivery: 'email' }
  event.response.privateChallengeParameters = { answer: lastCode }
  event.response.challengeMetadata = 'OTP'
  return event
}
const verifyAuthChallengeResponse: TriggerHandler = async (event) => {
  event.response.answerCorrect =
    event.request.challengeAnswer === event.request.privateChallengeParameters.answer
  return event
}
const FUNCTIONS: Record<string, TriggerHandler> = {
  define: defineAuthChallenge,
  create: createAuthChallenge,
  verify: verifyAuthChallengeResponse,
  'post-auth': async (event) => event,
  'pre-token': async (event) => event,
}
useCognito({
  functions: Object.fromEntries(Object.entries(FUNCTIONS).map(([name, f]) => [ARN(name), recording(f)])),
})
const sdk = sdkClient()
afterEach(async () => {
  received.length = 0
  await signOut().catch(() => undefined)
})

/**
 * A pool that remembers every device and lets a remembered one stand in for MFA, with the three custom
 * challenge functions, PostAuthentication and a V1_0 PreTokenGeneration; a client allowing CUSTOM_AUTH; alice.
 * Also what every event of alice's sign-ins shares.
 */
async function devicePool() {
  const { poolId, clientId } = await poolWithClient(
    sdk,
    {
      DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: false },
      LambdaConfig: {
        DefineAuthChallenge: ARN('define'),
        CreateAuthChallenge: ARN('create'),
        VerifyAuthChallengeResponse: ARN('verify'),
        PostAuthentication: ARN('post-auth'),
        PreTokenGeneration: ARN('pre-token'),
      },
    },
    { ExplicitAuthFlows: ['ALLOW_CUSTOM_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] },
  )
  const user = await createUser(sdk, poolId, 'alice')
  const sub = user.Attributes!.find((a) => a.Name === 'sub')!.Value
  return {
    poolId,
    clientId,
    common: eventBase(poolId, clientId),
    userAttributes: { sub, 'cognito:user_status': 'CONFIRMED' },
  }
}

const customStart = (ClientId: string, extra: Record<string, string> = {}) =>
  sdk.send(
    new InitiateAuthCommand({
      ClientId,
      AuthFlow: 'CUSTOM_AUTH',
      AuthParameters: { USERNAME: 'alice', ...extra },
    }),
  )
const answer = (
  ClientId: string,
  Session: string | undefined,
  extra: Record<string, string> = {},
  ClientMetadata?: Record<string, string>,
) =>
  sdk.send(
    new RespondToAuthChallengeCommand({
      ClientId,
      ChallengeName: 'CUSTOM_CHALLENGE',
      Session,
      ChallengeResponses: { USERNAME: 'alice', ANSWER: lastCode, ...extra },
      ...(ClientMetadata ? { ClientMetadata } : {}),
    }),
  )

/** A first CUSTOM_AUTH sign-in on a new device, whose NewDeviceMetadata the client then confirms. */
async function rememberDevice(clientId: string) {
  const challenge = await customStart(clientId)
  const { AuthenticationResult } = await answer(clientId, challenge.Session)
  const device = AuthenticationResult!.NewDeviceMetadata as Required<NewDeviceMetadataType>
  const { password, config } = await deviceSecret(device.DeviceGroupKey, device.DeviceKey)
  await sdk.send(
    new ConfirmDeviceCommand({
      AccessToken: AuthenticationResult!.AccessToken!,
      DeviceKey: device.DeviceKey,
      DeviceName: 'laptop',
      DeviceSecretVerifierConfig: config,
    }),
  )
  return { ...device, password, firstAccessToken: AuthenticationResult!.AccessToken! }
}

/** DEVICE_SRP_AUTH and DEVICE_PASSWORD_VERIFIER, as the clients answer them, after `step` asked for them. */
async function deviceSrp(
  clientId: string,
  step: { ChallengeName?: string; Session?: string },
  device: { DeviceKey: string; DeviceGroupKey: string; password: string },
  ClientMetadata?: Record<string, string>,
) {
  const { DeviceKey, DeviceGroupKey } = device
  const { helper, SRP_A } = await srpStart(DeviceGroupKey)
  const verifier = await sdk.send(
    new RespondToAuthChallengeCommand({
      ClientId: clientId,
      ChallengeName: 'DEVICE_SRP_AUTH',
      Session: step.Session,
      ChallengeResponses: { USERNAME: 'alice', DEVICE_KEY: DeviceKey, SRP_A },
    }),
  )
  expect(verifier.ChallengeName).toBe('DEVICE_PASSWORD_VERIFIER')
  const params = verifier.ChallengeParameters!
  expect(params).toMatchObject({ USERNAME: 'alice', DEVICE_KEY: DeviceKey })
  return sdk.send(
    new RespondToAuthChallengeCommand({
      ClientId: clientId,
      ChallengeName: 'DEVICE_PASSWORD_VERIFIER',
      Session: verifier.Session,
      ChallengeResponses: {
        USERNAME: 'alice',
        DEVICE_KEY: DeviceKey,
        ...(await passwordClaim(helper, DeviceGroupKey, DeviceKey, device.password, params)),
      },
      ...(ClientMetadata ? { ClientMetadata } : {}),
    }),
  )
}

const DEFINE_RESPONSE = { challengeName: null, issueTokens: null, failAuthentication: null }
const CREATE_RESPONSE = {
  publicChallengeParameters: null,
  privateChallengeParameters: null,
  challengeMetadata: null,
}
const TOKEN_REQUEST = {
  groupConfiguration: { groupsToOverride: [], iamRolesToOverride: [], preferredRole: null },
}

describe('CUSTOM_AUTH with a remembered device, through the SDK', () => {
  it('tells PostAuthentication of the new device on the first sign-in, and hands out NewDeviceMetadata', async () => {
    const { clientId, common, userAttributes } = await devicePool()
    const challenge = await customStart(clientId)
    const done = await answer(clientId, challenge.Session)
    const device = done.AuthenticationResult?.NewDeviceMetadata
    expect(device).toEqual({
      DeviceKey: expect.stringMatching(/^us-east-1_[0-9a-f-]{36}$/),
      DeviceGroupKey: expect.stringMatching(/^-[A-Za-z0-9]{9}$/),
    })
    expect(claims(done.AuthenticationResult?.AccessToken).device_key).toBe(device?.DeviceKey)
    expect(received.slice(-2)).toEqual([
      {
        ...common,
        triggerSource: 'PostAuthentication_Authentication',
        request: { userAttributes, newDeviceUsed: true },
        response: {},
      },
      {
        ...common,
        triggerSource: 'TokenGeneration_Authentication',
        request: { userAttributes, ...TOKEN_REQUEST },
        response: { claimsOverrideDetails: null },
      },
    ])
  })

  it('runs Define, Create and Verify unchanged by the DEVICE_KEY, then device SRP, then PostAuthentication and TokenGeneration_AuthenticateDevice', async () => {
    const { clientId, common, userAttributes } = await devicePool()
    const device = await rememberDevice(clientId)
    received.length = 0

    const challenge = await customStart(clientId, { DEVICE_KEY: device.DeviceKey })
    expect(challenge).toMatchObject({
      ChallengeName: 'CUSTOM_CHALLENGE',
      ChallengeParameters: { delivery: 'email' },
    })
    const issued = await answer(
      clientId,
      challenge.Session,
      { DEVICE_KEY: device.DeviceKey },
      { step: 'otp' },
    )
    // DefineAuthChallenge issued tokens, but the remembered device must prove itself first.
    expect(issued).toMatchObject({
      ChallengeName: 'DEVICE_SRP_AUTH',
      ChallengeParameters: { USERNAME: 'alice', DEVICE_KEY: device.DeviceKey },
    })
    expect(issued.AuthenticationResult).toBeUndefined()
    const answered = { challengeName: 'CUSTOM_CHALLENGE', challengeResult: true, challengeMetadata: 'OTP' }
    expect(received).toEqual([
      {
        ...common,
        triggerSource: 'DefineAuthChallenge_Authentication',
        request: { userAttributes, session: [] },
        response: DEFINE_RESPONSE,
      },
      {
        ...common,
        triggerSource: 'CreateAuthChallenge_Authentication',
        request: { userAttributes, challengeName: 'CUSTOM_CHALLENGE', session: [] },
        response: CREATE_RESPONSE,
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
        response: DEFINE_RESPONSE,
      },
    ])

    received.length = 0
    const done = await deviceSrp(clientId, issued, device, { step: 'device' })
    expect(received).toEqual([
      {
        ...common,
        triggerSource: 'PostAuthentication_Authentication',
        request: { userAttributes, newDeviceUsed: false, clientMetadata: { step: 'device' } },
        response: {},
      },
      {
        ...common,
        triggerSource: 'TokenGeneration_AuthenticateDevice',
        request: { userAttributes, ...TOKEN_REQUEST, clientMetadata: { step: 'device' } },
        response: { claimsOverrideDetails: null },
      },
    ])
    expect(done.AuthenticationResult).not.toHaveProperty('NewDeviceMetadata')
    expect(claims(done.AuthenticationResult?.AccessToken).device_key).toBe(device.DeviceKey)
  })

  it('takes the DEVICE_KEY from the InitiateAuth alone, or from the answer alone', async () => {
    const { clientId } = await devicePool()
    const device = await rememberDevice(clientId)
    for (const [start, reply] of [
      [{ DEVICE_KEY: device.DeviceKey }, {}],
      [{}, { DEVICE_KEY: device.DeviceKey }],
    ] as const) {
      received.length = 0
      const challenge = await customStart(clientId, start)
      const issued = await answer(clientId, challenge.Session, reply)
      expect(issued.ChallengeName).toBe('DEVICE_SRP_AUTH')
      const done = await deviceSrp(clientId, issued, device)
      expect(claims(done.AuthenticationResult?.AccessToken).device_key).toBe(device.DeviceKey)
      expect(received.map((e) => e.triggerSource)).toEqual([
        'DefineAuthChallenge_Authentication',
        'CreateAuthChallenge_Authentication',
        'VerifyAuthChallengeResponse_Authentication',
        'DefineAuthChallenge_Authentication',
        'PostAuthentication_Authentication',
        'TokenGeneration_AuthenticateDevice',
      ])
    }
  })

  it('runs no PostAuthentication and issues no tokens when the device fails DEVICE_PASSWORD_VERIFIER', async () => {
    const { clientId } = await devicePool()
    const device = await rememberDevice(clientId)
    received.length = 0
    const challenge = await customStart(clientId, { DEVICE_KEY: device.DeviceKey })
    const issued = await answer(clientId, challenge.Session, { DEVICE_KEY: device.DeviceKey })
    const wrong = deviceSrp(clientId, issued, { ...device, password: 'not-the-device-secret' })
    expect(await failure(wrong)).toEqual({
      name: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    })
    expect(received.map((e) => e.triggerSource)).toEqual([
      'DefineAuthChallenge_Authentication',
      'CreateAuthChallenge_Authentication',
      'VerifyAuthChallengeResponse_Authentication',
      'DefineAuthChallenge_Authentication',
    ])
  })
})

describe('CUSTOM_AUTH with a remembered device, through Amplify v6', () => {
  it('remembers the device of a CUSTOM_WITHOUT_SRP sign-in and authenticates it with device SRP on the next one', async () => {
    const { poolId, clientId } = await devicePool()
    Amplify.configure({ Auth: { Cognito: { userPoolId: poolId, userPoolClientId: clientId } } })
    const custom = { username: 'alice', options: { authFlowType: 'CUSTOM_WITHOUT_SRP' as const } }

    expect((await signIn(custom)).nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE')
    expect(await confirmSignIn({ challengeResponse: lastCode })).toEqual({
      isSignedIn: true,
      nextStep: { signInStep: 'DONE' },
    })
    const deviceKey = (await fetchAuthSession()).tokens?.accessToken.payload.device_key
    expect(deviceKey).toMatch(/^us-east-1_[0-9a-f-]{36}$/)
    await signOut()
    received.length = 0

    expect((await signIn(custom)).nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE')
    expect(await confirmSignIn({ challengeResponse: lastCode })).toEqual({
      isSignedIn: true,
      nextStep: { signInStep: 'DONE' },
    })
    expect((await fetchAuthSession()).tokens?.accessToken.payload.device_key).toBe(deviceKey)
    expect(received.map((e) => e.triggerSource)).toEqual([
      'DefineAuthChallenge_Authentication',
      'CreateAuthChallenge_Authentication',
      'VerifyAuthChallengeResponse_Authentication',
      'DefineAuthChallenge_Authentication',
      'PostAuthentication_Authentication',
      'TokenGeneration_AuthenticateDevice',
    ])
    expect(received.at(-2)).toMatchObject({ request: { newDeviceUsed: false } })
  })
})
