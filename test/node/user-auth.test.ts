import {
  AdminGetUserAuthFactorsCommand,
  type ExplicitAuthFlowsType,
  GetUserAuthFactorsCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
} from '@aws-sdk/client-cognito-identity-provider'
import { describe, expect, it } from 'vitest'
import { createUser, failure, PASSWORD, poolWithClient } from '../support/auth-fixtures.ts'
import { sdkClient, useCognito } from '../support/cognito.ts'

const { cognito } = useCognito()
const sdk = sdkClient()

async function passwordlessPool(
  flows: ExplicitAuthFlowsType[] = ['ALLOW_USER_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
) {
  const { poolId, clientId } = await poolWithClient(
    sdk,
    { Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP', 'SMS_OTP'] } } },
    { ExplicitAuthFlows: flows },
  )
  await createUser(sdk, poolId, 'alice', {
    attributes: { email: 'alice@example.com', phone_number: '+15555550123' },
  })
  return { poolId, clientId }
}

const userAuth = (ClientId: string, params: Record<string, string> = {}) =>
  sdk.send(
    new InitiateAuthCommand({
      ClientId,
      AuthFlow: 'USER_AUTH',
      AuthParameters: { USERNAME: 'alice', ...params },
    }),
  )

describe('USER_AUTH, the choice-based sign-in', () => {
  it('lists the available first factors in SELECT_CHALLENGE', async () => {
    const { clientId } = await passwordlessPool()
    const out = await userAuth(clientId)
    expect(out).toMatchObject({
      ChallengeName: 'SELECT_CHALLENGE',
      AvailableChallenges: ['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP', 'SMS_OTP'],
      ChallengeParameters: {},
    })
    expect(out.Session).toBeDefined()
  })

  it('signs in with the EMAIL_OTP code chosen in SELECT_CHALLENGE', async () => {
    const { clientId } = await passwordlessPool()
    const select = await userAuth(clientId)
    const otp = await sdk.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: 'SELECT_CHALLENGE',
        Session: select.Session,
        ChallengeResponses: { USERNAME: 'alice', ANSWER: 'EMAIL_OTP' },
      }),
    )
    expect(otp).toMatchObject({
      ChallengeName: 'EMAIL_OTP',
      ChallengeParameters: { CODE_DELIVERY_DELIVERY_MEDIUM: 'EMAIL', CODE_DELIVERY_DESTINATION: 'a***@e***' },
    })
    const done = await sdk.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: 'EMAIL_OTP',
        Session: otp.Session,
        ChallengeResponses: { USERNAME: 'alice', EMAIL_OTP_CODE: cognito.outbox.at(-1)!.code! },
      }),
    )
    expect(done.AuthenticationResult?.AccessToken).toBeDefined()
  })

  it('starts the preferred challenge at once: SMS_OTP, or PASSWORD with the password', async () => {
    const { clientId } = await passwordlessPool()
    const sms = await userAuth(clientId, { PREFERRED_CHALLENGE: 'SMS_OTP' })
    expect(sms.ChallengeName).toBe('SMS_OTP')
    expect(cognito.outbox.at(-1)).toMatchObject({ reason: 'SMS_OTP', destination: '+15555550123' })
    const wrong = sdk.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: 'SMS_OTP',
        Session: sms.Session,
        ChallengeResponses: { USERNAME: 'alice', SMS_OTP_CODE: '00000000' },
      }),
    )
    expect(await failure(wrong)).toEqual({
      name: 'CodeMismatchException',
      message: 'Invalid code or auth state for the user.',
    })
    const password = await userAuth(clientId, { PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD })
    expect(password.AuthenticationResult?.IdToken).toBeDefined()
  })

  it('needs ALLOW_USER_AUTH on the app client', async () => {
    const { clientId } = await passwordlessPool(['ALLOW_USER_PASSWORD_AUTH'])
    expect(await failure(userAuth(clientId))).toEqual({
      name: 'InvalidParameterException',
      message: 'Auth flow not enabled for this client',
    })
  })

  it('reports the configured first factors in GetUserAuthFactors and AdminGetUserAuthFactors', async () => {
    const { poolId, clientId } = await passwordlessPool()
    const done = await userAuth(clientId, { PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD })
    const expected = {
      Username: 'alice',
      ConfiguredUserAuthFactors: ['PASSWORD', 'EMAIL_OTP', 'SMS_OTP'],
    }
    const AccessToken = done.AuthenticationResult!.AccessToken!
    expect(await sdk.send(new GetUserAuthFactorsCommand({ AccessToken }))).toMatchObject(expected)
    expect(
      await sdk.send(new AdminGetUserAuthFactorsCommand({ UserPoolId: poolId, Username: 'alice' })),
    ).toMatchObject(expected)
  })
})
