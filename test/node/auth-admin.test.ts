import {
  AdminInitiateAuthCommand,
  type AdminInitiateAuthCommandInput,
  AdminRespondToAuthChallengeCommand,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider'
import { describe, expect, it } from 'vitest'
import { secretHash } from '../../src/core/secret-hash.ts'
import { claims, createUser, failure, PASSWORD, poolWithClient } from '../support/auth-fixtures.ts'
import { sdkClient, useCognito } from '../support/cognito.ts'

useCognito()
const sdk = sdkClient()

const adminSignIn = (
  poolId: string,
  clientId: string,
  AuthFlow: AdminInitiateAuthCommandInput['AuthFlow'],
  params: Record<string, string>,
) =>
  sdk.send(
    new AdminInitiateAuthCommand({
      UserPoolId: poolId,
      ClientId: clientId,
      AuthFlow,
      AuthParameters: params,
    }),
  )

const notEnabled = { name: 'InvalidParameterException', message: 'Auth flow not enabled for this client' }

describe('AdminInitiateAuth', () => {
  it('signs in with ADMIN_USER_PASSWORD_AUTH when the client allows it', async () => {
    const { poolId, clientId } = await poolWithClient(
      sdk,
      {},
      { ExplicitAuthFlows: ['ALLOW_ADMIN_USER_PASSWORD_AUTH'] },
    )
    await createUser(sdk, poolId, 'alice')
    const res = await adminSignIn(poolId, clientId, 'ADMIN_USER_PASSWORD_AUTH', {
      USERNAME: 'alice',
      PASSWORD,
    })
    expect(res.ChallengeParameters).toEqual({})
    expect(res.AuthenticationResult?.ExpiresIn).toBe(3600)
    expect(res.AuthenticationResult?.TokenType).toBe('Bearer')
    expect(claims(res.AuthenticationResult?.AccessToken).username).toBe('alice')
  })

  it('signs in with ADMIN_NO_SRP_AUTH under the same permission', async () => {
    const { poolId, clientId } = await poolWithClient(
      sdk,
      {},
      { ExplicitAuthFlows: ['ALLOW_ADMIN_USER_PASSWORD_AUTH'] },
    )
    await createUser(sdk, poolId, 'alice')
    const res = await adminSignIn(poolId, clientId, 'ADMIN_NO_SRP_AUTH', { USERNAME: 'alice', PASSWORD })
    expect(res.AuthenticationResult?.IdToken).toBeTypeOf('string')
  })

  it('accepts the legacy ADMIN_NO_SRP_AUTH name in ExplicitAuthFlows', async () => {
    const { poolId, clientId } = await poolWithClient(sdk, {}, { ExplicitAuthFlows: ['ADMIN_NO_SRP_AUTH'] })
    await createUser(sdk, poolId, 'alice')
    const res = await adminSignIn(poolId, clientId, 'ADMIN_USER_PASSWORD_AUTH', {
      USERNAME: 'alice',
      PASSWORD,
    })
    expect(res.AuthenticationResult?.IdToken).toBeTypeOf('string')
  })

  it('refuses the admin password flows when the client does not allow them', async () => {
    const { poolId, clientId } = await poolWithClient(sdk)
    await createUser(sdk, poolId, 'alice')
    for (const flow of ['ADMIN_USER_PASSWORD_AUTH', 'ADMIN_NO_SRP_AUTH'] as const) {
      expect(await failure(adminSignIn(poolId, clientId, flow, { USERNAME: 'alice', PASSWORD }))).toEqual(
        notEnabled,
      )
    }
  })

  it('refuses USER_PASSWORD_AUTH, a client-side flow', async () => {
    const { poolId, clientId } = await poolWithClient(sdk)
    await createUser(sdk, poolId, 'alice')
    expect(
      await failure(adminSignIn(poolId, clientId, 'USER_PASSWORD_AUTH', { USERNAME: 'alice', PASSWORD })),
    ).toEqual({
      name: 'InvalidParameterException',
      message: 'Initiate Auth method not supported.',
    })
  })

  it('does not let InitiateAuth use the admin flows', async () => {
    const { poolId, clientId } = await poolWithClient(
      sdk,
      {},
      { ExplicitAuthFlows: ['ALLOW_ADMIN_USER_PASSWORD_AUTH'] },
    )
    await createUser(sdk, poolId, 'alice')
    const res = sdk.send(
      new InitiateAuthCommand({
        AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
        ClientId: clientId,
        AuthParameters: { USERNAME: 'alice', PASSWORD },
      }),
    )
    expect(await failure(res)).toEqual({
      name: 'InvalidParameterException',
      message: 'Initiate Auth method not supported.',
    })
  })

  it('rejects a wrong password and an unknown user as InitiateAuth does', async () => {
    const { poolId, clientId } = await poolWithClient(
      sdk,
      {},
      { ExplicitAuthFlows: ['ALLOW_ADMIN_USER_PASSWORD_AUTH'] },
    )
    await createUser(sdk, poolId, 'alice')
    expect(
      await failure(
        adminSignIn(poolId, clientId, 'ADMIN_USER_PASSWORD_AUTH', {
          USERNAME: 'alice',
          PASSWORD: 'Nope-Nope-1',
        }),
      ),
    ).toEqual({
      name: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    })
    expect(
      await failure(adminSignIn(poolId, clientId, 'ADMIN_USER_PASSWORD_AUTH', { USERNAME: 'bob', PASSWORD })),
    ).toEqual({
      name: 'UserNotFoundException',
      message: 'User does not exist.',
    })
  })

  it('answers ResourceNotFoundException for an unknown pool or client', async () => {
    const { poolId } = await poolWithClient(sdk)
    expect(
      await failure(
        adminSignIn('us-east-1_unknown12', 'abcdefghijklmnopqrstuvwxyz', 'ADMIN_USER_PASSWORD_AUTH', {
          USERNAME: 'a',
          PASSWORD,
        }),
      ),
    ).toEqual({
      name: 'ResourceNotFoundException',
      message: 'User pool us-east-1_unknown12 does not exist.',
    })
    expect(
      await failure(
        adminSignIn(poolId, 'abcdefghijklmnopqrstuvwxyz', 'ADMIN_USER_PASSWORD_AUTH', {
          USERNAME: 'a',
          PASSWORD,
        }),
      ),
    ).toEqual({
      name: 'ResourceNotFoundException',
      message: 'User pool client abcdefghijklmnopqrstuvwxyz does not exist.',
    })
  })

  it('checks SECRET_HASH for a client with a secret', async () => {
    const { poolId, clientId, clientSecret } = await poolWithClient(
      sdk,
      {},
      {
        GenerateSecret: true,
        ExplicitAuthFlows: ['ALLOW_ADMIN_USER_PASSWORD_AUTH'],
      },
    )
    await createUser(sdk, poolId, 'alice')
    expect(
      await failure(
        adminSignIn(poolId, clientId, 'ADMIN_USER_PASSWORD_AUTH', { USERNAME: 'alice', PASSWORD }),
      ),
    ).toEqual({
      name: 'NotAuthorizedException',
      message: `Client ${clientId} is configured with secret but SECRET_HASH was not received`,
    })
    const SECRET_HASH = secretHash(clientSecret!, 'alice', clientId)
    const res = await adminSignIn(poolId, clientId, 'ADMIN_USER_PASSWORD_AUTH', {
      USERNAME: 'alice',
      PASSWORD,
      SECRET_HASH,
    })
    expect(res.AuthenticationResult?.AccessToken).toBeTypeOf('string')
  })
})

describe('AdminRespondToAuthChallenge', () => {
  it('completes NEW_PASSWORD_REQUIRED for a user with a temporary password', async () => {
    const { poolId, clientId } = await poolWithClient(
      sdk,
      {},
      { ExplicitAuthFlows: ['ALLOW_ADMIN_USER_PASSWORD_AUTH'] },
    )
    await createUser(sdk, poolId, 'alice', { permanent: false })
    const challenge = await adminSignIn(poolId, clientId, 'ADMIN_USER_PASSWORD_AUTH', {
      USERNAME: 'alice',
      PASSWORD,
    })
    expect(challenge.ChallengeName).toBe('NEW_PASSWORD_REQUIRED')
    expect(challenge.ChallengeParameters).toEqual({
      USER_ID_FOR_SRP: 'alice',
      requiredAttributes: '[]',
      userAttributes: '{}',
    })
    const res = await sdk.send(
      new AdminRespondToAuthChallengeCommand({
        UserPoolId: poolId,
        ClientId: clientId,
        ChallengeName: 'NEW_PASSWORD_REQUIRED',
        Session: challenge.Session,
        ChallengeResponses: { USERNAME: 'alice', NEW_PASSWORD: 'Brand-New-Pass-2' },
      }),
    )
    expect(res.ChallengeParameters).toEqual({})
    expect(res.AuthenticationResult?.RefreshToken).toBeTypeOf('string')
    const again = await adminSignIn(poolId, clientId, 'ADMIN_USER_PASSWORD_AUTH', {
      USERNAME: 'alice',
      PASSWORD: 'Brand-New-Pass-2',
    })
    expect(again.AuthenticationResult?.AccessToken).toBeTypeOf('string')
  })

  it('refuses a session issued to another client', async () => {
    const { poolId, clientId } = await poolWithClient(
      sdk,
      {},
      { ExplicitAuthFlows: ['ALLOW_ADMIN_USER_PASSWORD_AUTH'] },
    )
    const other = await poolWithClient(sdk)
    await createUser(sdk, poolId, 'alice', { permanent: false })
    const { Session } = await adminSignIn(poolId, clientId, 'ADMIN_USER_PASSWORD_AUTH', {
      USERNAME: 'alice',
      PASSWORD,
    })
    const res = sdk.send(
      new AdminRespondToAuthChallengeCommand({
        UserPoolId: other.poolId,
        ClientId: other.clientId,
        ChallengeName: 'NEW_PASSWORD_REQUIRED',
        Session,
        ChallengeResponses: { USERNAME: 'alice', NEW_PASSWORD: 'Brand-New-Pass-2' },
      }),
    )
    expect(await failure(res)).toEqual({
      name: 'NotAuthorizedException',
      message: 'Invalid session for the user.',
    })
  })

  it('refuses an answer naming another user', async () => {
    const { poolId, clientId } = await poolWithClient(
      sdk,
      {},
      { ExplicitAuthFlows: ['ALLOW_ADMIN_USER_PASSWORD_AUTH'] },
    )
    await createUser(sdk, poolId, 'alice', { permanent: false })
    await createUser(sdk, poolId, 'bob', { permanent: false })
    const { Session } = await adminSignIn(poolId, clientId, 'ADMIN_USER_PASSWORD_AUTH', {
      USERNAME: 'alice',
      PASSWORD,
    })
    const res = sdk.send(
      new AdminRespondToAuthChallengeCommand({
        UserPoolId: poolId,
        ClientId: clientId,
        ChallengeName: 'NEW_PASSWORD_REQUIRED',
        Session,
        ChallengeResponses: { USERNAME: 'bob', NEW_PASSWORD: 'Brand-New-Pass-2' },
      }),
    )
    expect(await failure(res)).toEqual({
      name: 'NotAuthorizedException',
      message: 'Invalid session for the user.',
    })
  })
})
