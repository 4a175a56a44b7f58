/**
 * The sign-in triggers of USER_AUTH, the choice-based sign-in: PreAuthentication when InitiateAuth starts it,
 * PostAuthentication and PreTokenGeneration (`TokenGeneration_Authentication`) once the chosen first factor is
 * passed, whether that is PASSWORD, PASSWORD_SRP or an EMAIL_OTP code.
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-authentication.html
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-post-authentication.html
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-token-generation.html
 */
import { InitiateAuthCommand, RespondToAuthChallengeCommand } from '@aws-sdk/client-cognito-identity-provider'
import { Amplify } from 'aws-amplify'
import { confirmSignIn, fetchAuthSession, signIn, signOut } from 'aws-amplify/auth'
import { afterEach, describe, expect, it } from 'vitest'
import type { TriggerHandler } from '../../src/index.ts'
import { codeFor } from '../support/amplify.ts'
import { claims, createUser, failure, PASSWORD, poolWithClient } from '../support/auth-fixtures.ts'
import { sdkClient, useCognito } from '../support/cognito.ts'
import { passwordClaim, srpStart } from '../support/cognito-identity-js.ts'
import { ARN, eventBase, recordingFunctions } from '../support/trigger-recorder.ts'

/** The V2_0 PreTokenGeneration function names the source it was called for in the ID token. */
const stampSource: TriggerHandler = async (event) => {
  event.response.claimsAndScopeOverrideDetails = {
    idTokenGeneration: { claimsToAddOrOverride: { source: event.triggerSource } },
  }
  return event
}
const NAMES = ['pre-auth', 'post-auth', 'pre-token']
const { received, behaviour, functions, clear } = recordingFunctions(NAMES)
const { cognito } = useCognito({ functions })
const sdk = sdkClient()
afterEach(async () => {
  clear()
  await signOut().catch(() => undefined)
})

const SES = {
  EmailSendingAccount: 'DEVELOPER' as const,
  SourceArn: 'arn:aws:ses:us-east-1:123456789012:identity/no-reply@example.com',
  From: 'no-reply@example.com',
}

/**
 * A pool whose sign-in policy offers PASSWORD (and so PASSWORD_SRP) and EMAIL_OTP, with PreAuthentication,
 * PostAuthentication and a V2_0 PreTokenGeneration function; a client allowing USER_AUTH; alice with a verified
 * email. Also what every event of alice's sign-ins shares.
 */
async function userAuthPool() {
  behaviour['pre-token'] = stampSource
  const { poolId, clientId } = await poolWithClient(
    sdk,
    {
      Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP'] } },
      EmailConfiguration: SES,
      LambdaConfig: {
        PreAuthentication: ARN('pre-auth'),
        PostAuthentication: ARN('post-auth'),
        PreTokenGenerationConfig: { LambdaVersion: 'V2_0', LambdaArn: ARN('pre-token') },
      },
    },
    { ExplicitAuthFlows: ['ALLOW_USER_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] },
  )
  const user = await createUser(sdk, poolId, 'alice', {
    attributes: { email: 'alice@example.com', email_verified: 'true' },
  })
  const sub = user.Attributes!.find((a) => a.Name === 'sub')!.Value
  const common = eventBase(poolId, clientId)
  const userAttributes = {
    sub,
    email: 'alice@example.com',
    email_verified: 'true',
    'cognito:user_status': 'CONFIRMED',
  }
  const metadata = (clientMetadata?: Record<string, string>) => (clientMetadata ? { clientMetadata } : {})
  return {
    poolId,
    clientId,
    /** The events alice's sign-in sends each function, whole, with what ClientMetadata reached it. */
    events: {
      preAuth: (validationData?: Record<string, string>) => ({
        ...common,
        triggerSource: 'PreAuthentication_Authentication',
        request: { userAttributes, ...(validationData ? { validationData } : {}) },
        response: {},
      }),
      postAuth: (clientMetadata?: Record<string, string>) => ({
        ...common,
        triggerSource: 'PostAuthentication_Authentication',
        request: { userAttributes, newDeviceUsed: false, ...metadata(clientMetadata) },
        response: {},
      }),
      preToken: (clientMetadata?: Record<string, string>) => ({
        ...common,
        version: '2',
        triggerSource: 'TokenGeneration_Authentication',
        request: { userAttributes, ...TOKEN_REQUEST, ...metadata(clientMetadata) },
        response: { claimsAndScopeOverrideDetails: null },
      }),
    },
  }
}

/** What a V2_0 function is told about a user in no group with the default scope. */
const TOKEN_REQUEST = {
  groupConfiguration: { groupsToOverride: [], iamRolesToOverride: [], preferredRole: null },
  scopes: ['aws.cognito.signin.user.admin'],
}

const userAuth = (
  ClientId: string,
  params: Record<string, string>,
  ClientMetadata?: Record<string, string>,
) =>
  sdk.send(
    new InitiateAuthCommand({
      ClientId,
      AuthFlow: 'USER_AUTH',
      AuthParameters: { USERNAME: 'alice', ...params },
      ...(ClientMetadata ? { ClientMetadata } : {}),
    }),
  )

describe('USER_AUTH through the SDK', () => {
  it('runs PreAuthentication, PostAuthentication and TokenGeneration_Authentication within one InitiateAuth for PREFERRED_CHALLENGE PASSWORD', async () => {
    const { clientId, events } = await userAuthPool()
    const { AuthenticationResult } = await userAuth(
      clientId,
      { PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD },
      { app: 'web' },
    )
    // InitiateAuth's ClientMetadata reaches PreAuthentication only, as its validationData.
    expect(received).toEqual([events.preAuth({ app: 'web' }), events.postAuth(), events.preToken()])
    expect(claims(AuthenticationResult?.IdToken).source).toBe('TokenGeneration_Authentication')
  })

  it('runs PreAuthentication at InitiateAuth for PREFERRED_CHALLENGE PASSWORD_SRP, and the other two at PASSWORD_VERIFIER with its ClientMetadata', async () => {
    const { poolId, clientId, events } = await userAuthPool()
    const poolName = poolId.split('_')[1]!
    const { helper, SRP_A } = await srpStart(poolName)
    const verifier = await userAuth(clientId, { PREFERRED_CHALLENGE: 'PASSWORD_SRP', SRP_A }, { app: 'web' })
    expect(verifier.ChallengeName).toBe('PASSWORD_VERIFIER')
    expect(received).toEqual([events.preAuth({ app: 'web' })])
    const params = verifier.ChallengeParameters!
    const done = await sdk.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: 'PASSWORD_VERIFIER',
        ...(verifier.Session ? { Session: verifier.Session } : {}),
        ChallengeResponses: {
          USERNAME: params.USER_ID_FOR_SRP!,
          ...(await passwordClaim(helper, poolName, params.USER_ID_FOR_SRP!, PASSWORD, params)),
        },
        ClientMetadata: { step: 'srp' },
      }),
    )
    expect(received.slice(1)).toEqual([events.postAuth({ step: 'srp' }), events.preToken({ step: 'srp' })])
    expect(claims(done.AuthenticationResult?.IdToken).source).toBe('TokenGeneration_Authentication')
  })

  it('runs PreAuthentication before the EMAIL_OTP code is sent, and the other two once the code is answered', async () => {
    const { clientId, events } = await userAuthPool()
    const otp = await userAuth(clientId, { PREFERRED_CHALLENGE: 'EMAIL_OTP' }, { app: 'web' })
    expect(otp.ChallengeName).toBe('EMAIL_OTP')
    expect(received).toEqual([events.preAuth({ app: 'web' })])
    const done = await sdk.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: 'EMAIL_OTP',
        Session: otp.Session,
        ChallengeResponses: { USERNAME: 'alice', EMAIL_OTP_CODE: codeFor(cognito, 'alice', 'EMAIL_OTP') },
        ClientMetadata: { step: 'otp' },
      }),
    )
    expect(received.slice(1)).toEqual([events.postAuth({ step: 'otp' }), events.preToken({ step: 'otp' })])
    expect(claims(done.AuthenticationResult?.IdToken).source).toBe('TokenGeneration_Authentication')
  })

  it('runs PreAuthentication once, before SELECT_CHALLENGE, and not again for the factor chosen', async () => {
    const { clientId, events } = await userAuthPool()
    const select = await userAuth(clientId, {})
    expect(select).toMatchObject({
      ChallengeName: 'SELECT_CHALLENGE',
      AvailableChallenges: ['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP'],
    })
    const done = await sdk.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: 'SELECT_CHALLENGE',
        Session: select.Session,
        ChallengeResponses: { USERNAME: 'alice', ANSWER: 'PASSWORD', PASSWORD },
        ClientMetadata: { step: 'select' },
      }),
    )
    expect(done.AuthenticationResult?.AccessToken).toEqual(expect.any(String))
    expect(received).toEqual([
      events.preAuth(),
      events.postAuth({ step: 'select' }),
      events.preToken({ step: 'select' }),
    ])
  })

  it('sends no EMAIL_OTP code when PreAuthentication refuses the sign-in', async () => {
    const { clientId } = await userAuthPool()
    behaviour['pre-auth'] = () => {
      throw new Error('Sign-in blocked')
    }
    expect(await failure(userAuth(clientId, { PREFERRED_CHALLENGE: 'EMAIL_OTP' }))).toEqual({
      name: 'UserLambdaValidationException',
      message: 'PreAuthentication failed with error Sign-in blocked.',
    })
    expect(cognito.outbox.filter((m) => m.reason === 'EMAIL_OTP')).toEqual([])
    expect(received.map((e) => e.triggerSource)).toEqual(['PreAuthentication_Authentication'])
  })

  it('issues no tokens when PostAuthentication throws after a right EMAIL_OTP code', async () => {
    const { clientId } = await userAuthPool()
    behaviour['post-auth'] = () => {
      throw new Error('audit log down')
    }
    const otp = await userAuth(clientId, { PREFERRED_CHALLENGE: 'EMAIL_OTP' })
    const answer = sdk.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: 'EMAIL_OTP',
        Session: otp.Session,
        ChallengeResponses: { USERNAME: 'alice', EMAIL_OTP_CODE: codeFor(cognito, 'alice', 'EMAIL_OTP') },
      }),
    )
    expect(await failure(answer)).toEqual({
      name: 'UserLambdaValidationException',
      message: 'PostAuthentication failed with error audit log down.',
    })
    expect(received.map((e) => e.triggerSource)).toEqual([
      'PreAuthentication_Authentication',
      'PostAuthentication_Authentication',
    ])
  })
})

describe('USER_AUTH through Amplify v6', () => {
  const configure = async () => {
    const pool = await userAuthPool()
    Amplify.configure({
      Auth: { Cognito: { userPoolId: pool.poolId, userPoolClientId: pool.clientId } },
    })
    return pool
  }

  it('fires the three triggers for signIn with preferredChallenge EMAIL_OTP and confirmSignIn with the code', async () => {
    const { events } = await configure()
    const first = await signIn({
      username: 'alice',
      options: {
        authFlowType: 'USER_AUTH',
        preferredChallenge: 'EMAIL_OTP',
        clientMetadata: { app: 'amplify' },
      },
    })
    expect(first.nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_EMAIL_CODE')
    const done = await confirmSignIn({
      challengeResponse: codeFor(cognito, 'alice', 'EMAIL_OTP'),
      options: { clientMetadata: { step: 'otp' } },
    })
    expect(done).toEqual({ isSignedIn: true, nextStep: { signInStep: 'DONE' } })
    expect(received).toEqual([
      events.preAuth({ app: 'amplify' }),
      events.postAuth({ step: 'otp' }),
      events.preToken({ step: 'otp' }),
    ])
    const { tokens } = await fetchAuthSession()
    expect(tokens?.idToken?.payload.source).toBe('TokenGeneration_Authentication')
  })

  it('fires the three triggers for signIn with preferredChallenge PASSWORD_SRP, passing its clientMetadata along', async () => {
    const { events } = await configure()
    const done = await signIn({
      username: 'alice',
      password: PASSWORD,
      options: {
        authFlowType: 'USER_AUTH',
        preferredChallenge: 'PASSWORD_SRP',
        clientMetadata: { app: 'amplify' },
      },
    })
    expect(done).toEqual({ isSignedIn: true, nextStep: { signInStep: 'DONE' } })
    expect(received).toEqual([
      events.preAuth({ app: 'amplify' }),
      events.postAuth({ app: 'amplify' }),
      events.preToken({ app: 'amplify' }),
    ])
  })
})
