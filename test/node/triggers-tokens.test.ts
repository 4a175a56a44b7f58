import { createHmac } from 'node:crypto'
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

interface BigIntegerLike {
  toString(radix: number): string
}
const cij = createRequire(import.meta.url)('amazon-cognito-identity-js') as {
  AuthenticationHelper: new (
    poolName: string,
  ) => {
    generateHashDevice(groupKey: string, username: string, cb: (err: unknown) => void): void
    getSaltDevices(): string
    getVerifierDevices(): string
    getRandomPassword(): string
    getLargeAValue(cb: (err: unknown, a: BigIntegerLike) => void): void
    getPasswordAuthenticationKey(
      userId: string,
      password: string,
      B: BigIntegerLike,
      salt: BigIntegerLike,
      cb: (err: unknown, key: Uint8Array) => void,
    ): void
  }
  DateHelper: new () => { getNowString(): string }
}
const BigInteger = createRequire(import.meta.url)('amazon-cognito-identity-js/lib/BigInteger.js')
  .default as new (
  hex: string,
  radix: number,
) => BigIntegerLike
const base64 = (hex: string) => Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex').toString('base64')

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
    const setup = new cij.AuthenticationHelper('unused')
    await new Promise<void>((resolve, reject) =>
      setup.generateHashDevice(device.DeviceGroupKey!, DeviceKey, (e) => (e ? reject(e) : resolve())),
    )
    const devicePassword = setup.getRandomPassword()
    await sdk.send(
      new ConfirmDeviceCommand({
        AccessToken: first.AuthenticationResult!.AccessToken!,
        DeviceKey,
        DeviceSecretVerifierConfig: {
          Salt: base64(setup.getSaltDevices()),
          PasswordVerifier: base64(setup.getVerifierDevices()),
        },
      }),
    )
    received.length = 0

    const start = await passwordSignIn(sdk, clientId, 'alice', PASSWORD, { DEVICE_KEY: DeviceKey })
    expect(start.ChallengeName).toBe('DEVICE_SRP_AUTH')
    const helper = new cij.AuthenticationHelper(device.DeviceGroupKey!)
    const A = await new Promise<BigIntegerLike>((resolve) => helper.getLargeAValue((_, a) => resolve(a)))
    const verifier = await sdk.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: 'DEVICE_SRP_AUTH',
        Session: start.Session,
        ChallengeResponses: { USERNAME: 'alice', DEVICE_KEY: DeviceKey, SRP_A: A.toString(16) },
      }),
    )
    const params = verifier.ChallengeParameters!
    const key = await new Promise<Uint8Array>((resolve, reject) =>
      helper.getPasswordAuthenticationKey(
        DeviceKey,
        devicePassword,
        new BigInteger(params.SRP_B!, 16),
        new BigInteger(params.SALT!, 16),
        (e, k) => (e ? reject(e) : resolve(k)),
      ),
    )
    const TIMESTAMP = new cij.DateHelper().getNowString()
    const signature = createHmac('sha256', key)
      .update(
        Buffer.concat([
          Buffer.from(device.DeviceGroupKey!),
          Buffer.from(DeviceKey),
          Buffer.from(params.SECRET_BLOCK!, 'base64'),
          Buffer.from(TIMESTAMP),
        ]),
      )
      .digest('base64')
    const done = await sdk.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: 'DEVICE_PASSWORD_VERIFIER',
        Session: verifier.Session,
        ChallengeResponses: {
          USERNAME: 'alice',
          DEVICE_KEY: DeviceKey,
          PASSWORD_CLAIM_SECRET_BLOCK: params.SECRET_BLOCK!,
          TIMESTAMP,
          PASSWORD_CLAIM_SIGNATURE: signature,
        },
        ClientMetadata: { step: 'device' },
      }),
    )

    const common = {
      version: '1',
      region: 'us-east-1',
      userPoolId: poolId,
      userName: 'alice',
      callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId },
    }
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
