import { createRequire } from 'node:module'
import {
  AdminAddUserToGroupCommand,
  ConfirmDeviceCommand,
  CreateGroupCommand,
  RespondToAuthChallengeCommand,
} from '@aws-sdk/client-cognito-identity-provider'
import { describe, expect, it } from 'vitest'
import { claims, createUser, PASSWORD, passwordSignIn, poolWithClient } from '../support/auth-fixtures.ts'
import { sdkClient, useCognito } from '../support/cognito.ts'
import { deviceSecret, passwordClaim, srpStart } from '../support/cognito-identity-js.ts'
import { eventBase } from '../support/trigger-recorder.ts'

const { CognitoJwtVerifier } = createRequire(import.meta.url)(
  'aws-jwt-verify',
) as typeof import('aws-jwt-verify')

const ARN = 'arn:aws:lambda:us-east-1:123456789012:function:pre-token'
const POST_AUTH = 'arn:aws:lambda:us-east-1:123456789012:function:post-auth'
const received: Record<string, unknown>[] = []
useCognito({
  functions: {
    [POST_AUTH]: async (event) => {
      received.push(structuredClone(event))
      return event
    },
    [ARN]: async (event) => {
      received.push(structuredClone(event))
      if (event.version === '1') {
        event.response.claimsOverrideDetails = {
          claimsToAddOrOverride: { tenant: 'acme' },
          claimsToSuppress: ['name'],
        }
        return event
      }
      event.response.claimsAndScopeOverrideDetails = {
        accessTokenGeneration: { claimsToAddOrOverride: { tenant: 'acme' }, scopesToAdd: ['orders/read'] },
        idTokenGeneration: { claimsToSuppress: ['email'] },
        groupOverrideDetails: { groupsToOverride: ['admins'] },
      }
      return event
    },
  },
})
const sdk = sdkClient()

async function signIn(LambdaVersion: 'V1_0' | 'V2_0') {
  const { poolId, clientId } = await poolWithClient(sdk, {
    LambdaConfig: { PreTokenGenerationConfig: { LambdaVersion, LambdaArn: ARN } },
  })
  const user = await createUser(sdk, poolId, 'alice', {
    attributes: { email: 'alice@example.com', email_verified: 'true', name: 'Alice' },
  })
  await sdk.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: 'readers' }))
  await sdk.send(
    new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: 'alice', GroupName: 'readers' }),
  )
  const { AuthenticationResult } = await passwordSignIn(sdk, clientId, 'alice', PASSWORD)
  const sub = user.Attributes!.find((a) => a.Name === 'sub')!.Value!
  return { poolId, clientId, sub, ...AuthenticationResult! }
}

describe('PreTokenGeneration', () => {
  it('V2_0 adds an access-token claim and scope, suppresses an ID-token claim and overrides groups; aws-jwt-verify accepts both', async () => {
    const { poolId, clientId, sub, AccessToken, IdToken } = await signIn('V2_0')
    expect(received).toEqual([
      {
        version: '2',
        triggerSource: 'TokenGeneration_Authentication',
        region: 'us-east-1',
        userPoolId: poolId,
        userName: 'alice',
        callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId },
        request: {
          userAttributes: {
            sub,
            email: 'alice@example.com',
            email_verified: 'true',
            name: 'Alice',
            'cognito:user_status': 'CONFIRMED',
          },
          groupConfiguration: { groupsToOverride: ['readers'], iamRolesToOverride: [], preferredRole: null },
          scopes: ['aws.cognito.signin.user.admin'],
        },
        response: { claimsAndScopeOverrideDetails: null },
      },
    ])
    const access = await CognitoJwtVerifier.create({
      userPoolId: poolId,
      clientId,
      tokenUse: 'access',
    }).verify(AccessToken!)
    expect(access.tenant).toBe('acme')
    expect(access.scope).toBe('aws.cognito.signin.user.admin orders/read')
    expect(access['cognito:groups']).toEqual(['admins'])
    const id = await CognitoJwtVerifier.create({ userPoolId: poolId, clientId, tokenUse: 'id' }).verify(
      IdToken!,
    )
    expect(id.email).toBeUndefined()
    expect(id.tenant).toBeUndefined()
    expect(id['cognito:groups']).toEqual(['admins'])
    expect(id.name).toBe('Alice')
  })

  it('V1_0 sends the version 1 event and changes only the ID token', async () => {
    const { AccessToken, IdToken } = await signIn('V1_0')
    expect(received.at(-1)).toMatchObject({
      version: '1',
      triggerSource: 'TokenGeneration_Authentication',
      response: { claimsOverrideDetails: null },
    })
    expect((received.at(-1) as { request: object }).request).not.toHaveProperty('scopes')
    expect(claims(IdToken)).toMatchObject({ tenant: 'acme' })
    expect(claims(IdToken)).not.toHaveProperty('name')
    expect(claims(AccessToken)).not.toHaveProperty('tenant')
    expect(claims(AccessToken)['cognito:groups']).toEqual(['readers'])
  })
})

describe('a remembered device signing in', () => {
  it('sends TokenGeneration_AuthenticateDevice after DEVICE_PASSWORD_VERIFIER, and PostAuthentication before it', async () => {
    const { poolId, clientId } = await poolWithClient(sdk, {
      DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: false },
      LambdaConfig: {
        PreTokenGenerationConfig: { LambdaVersion: 'V2_0', LambdaArn: ARN },
        PostAuthentication: POST_AUTH,
      },
    })
    const user = await createUser(sdk, poolId, 'alice')
    const sub = user.Attributes!.find((a) => a.Name === 'sub')!.Value!
    const first = await passwordSignIn(sdk, clientId, 'alice')
    const device = first.AuthenticationResult!.NewDeviceMetadata!
    const DeviceKey = device.DeviceKey!
    const { password: devicePassword, config } = await deviceSecret(device.DeviceGroupKey!, DeviceKey)
    await sdk.send(
      new ConfirmDeviceCommand({
        AccessToken: first.AuthenticationResult!.AccessToken!,
        DeviceKey,
        DeviceSecretVerifierConfig: config,
      }),
    )
    received.length = 0

    const start = await passwordSignIn(sdk, clientId, 'alice', PASSWORD, { DEVICE_KEY: DeviceKey })
    expect(start.ChallengeName).toBe('DEVICE_SRP_AUTH')
    const { helper, SRP_A } = await srpStart(device.DeviceGroupKey!)
    const verifier = await sdk.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: 'DEVICE_SRP_AUTH',
        Session: start.Session,
        ChallengeResponses: { USERNAME: 'alice', DEVICE_KEY: DeviceKey, SRP_A },
      }),
    )
    const params = verifier.ChallengeParameters!
    const claim = await passwordClaim(helper, device.DeviceGroupKey!, DeviceKey, devicePassword, params)
    const done = await sdk.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: 'DEVICE_PASSWORD_VERIFIER',
        Session: verifier.Session,
        ChallengeResponses: {
          USERNAME: 'alice',
          DEVICE_KEY: DeviceKey,
          ...claim,
        },
        ClientMetadata: { step: 'device' },
      }),
    )

    const common = eventBase(poolId, clientId)
    const userAttributes = { sub, 'cognito:user_status': 'CONFIRMED' }
    expect(received).toEqual([
      {
        ...common,
        triggerSource: 'PostAuthentication_Authentication',
        request: { userAttributes, newDeviceUsed: false, clientMetadata: { step: 'device' } },
        response: {},
      },
      {
        ...common,
        version: '2',
        triggerSource: 'TokenGeneration_AuthenticateDevice',
        request: {
          userAttributes,
          groupConfiguration: { groupsToOverride: [], iamRolesToOverride: [], preferredRole: null },
          scopes: ['aws.cognito.signin.user.admin'],
          clientMetadata: { step: 'device' },
        },
        response: { claimsAndScopeOverrideDetails: null },
      },
    ])
    const access = claims(done.AuthenticationResult?.AccessToken)
    expect(access.device_key).toBe(DeviceKey)
    expect(access.tenant).toBe('acme')
    expect(access.scope).toBe('aws.cognito.signin.user.admin orders/read')
  })
})
