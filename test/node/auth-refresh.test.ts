import {
  AdminDisableUserCommand,
  AdminInitiateAuthCommand,
  GetTokensFromRefreshTokenCommand,
  GetUserCommand,
  GlobalSignOutCommand,
  InitiateAuthCommand,
  RevokeTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider'
import { describe, expect, it } from 'vitest'
import { secretHash } from '../../src/core/secret-hash.ts'
import {
  claims,
  createUser,
  failure,
  PASSWORD,
  passwordSignIn,
  poolWithClient,
} from '../support/auth-fixtures.ts'
import { sdkClient, useCognito } from '../support/cognito.ts'

const { clock } = useCognito()
const sdk = sdkClient()

async function signedIn(client: Parameters<typeof poolWithClient>[2] = {}) {
  const { poolId, clientId, clientSecret } = await poolWithClient(sdk, {}, client)
  await createUser(sdk, poolId, 'alice')
  const { AuthenticationResult } = await passwordSignIn(sdk, clientId, 'alice')
  return { poolId, clientId, clientSecret, ...AuthenticationResult! }
}

const refreshAuth = (
  clientId: string,
  token: string | undefined,
  AuthFlow: 'REFRESH_TOKEN_AUTH' | 'REFRESH_TOKEN' = 'REFRESH_TOKEN_AUTH',
) =>
  sdk.send(
    new InitiateAuthCommand({ AuthFlow, ClientId: clientId, AuthParameters: { REFRESH_TOKEN: token! } }),
  )
const getTokens = (clientId: string, token: string | undefined, ClientSecret?: string) =>
  sdk.send(new GetTokensFromRefreshTokenCommand({ ClientId: clientId, RefreshToken: token, ClientSecret }))
const getUser = (token: string | undefined) => sdk.send(new GetUserCommand({ AccessToken: token }))

const revoked = { name: 'NotAuthorizedException', message: 'Refresh Token has been revoked' }
const accessRevoked = { name: 'NotAuthorizedException', message: 'Access Token has been revoked' }

describe('REFRESH_TOKEN_AUTH', () => {
  it('returns new ID and access tokens, keeping auth_time and origin_jti, and no refresh token', async () => {
    const first = await signedIn()
    clock.advance(60)
    const res = await refreshAuth(first.clientId, first.RefreshToken)
    expect(res.ChallengeParameters).toEqual({})
    expect(Object.keys(res.AuthenticationResult!).sort()).toEqual([
      'AccessToken',
      'ExpiresIn',
      'IdToken',
      'TokenType',
    ])
    const before = claims(first.AccessToken)
    const after = claims(res.AuthenticationResult!.AccessToken)
    expect(after.auth_time).toBe(before.auth_time)
    expect(after.origin_jti).toBe(before.origin_jti)
    expect(after.iat).toBeGreaterThanOrEqual((before.iat as number) + 60)
    expect(after.jti).not.toBe(before.jti)
    expect(after.event_id).not.toBe(before.event_id)
    const id = claims(res.AuthenticationResult!.IdToken)
    expect(id.auth_time).toBe(before.auth_time)
    expect(id.origin_jti).toBe(before.origin_jti)
    expect((await getUser(res.AuthenticationResult!.AccessToken)).Username).toBe('alice')
  })

  it('accepts REFRESH_TOKEN as the same flow', async () => {
    const { clientId, RefreshToken } = await signedIn()
    const res = await refreshAuth(clientId, RefreshToken, 'REFRESH_TOKEN')
    expect(res.AuthenticationResult?.AccessToken).toBeTypeOf('string')
  })

  it('works through AdminInitiateAuth', async () => {
    const { poolId, clientId, RefreshToken } = await signedIn()
    const res = await sdk.send(
      new AdminInitiateAuthCommand({
        UserPoolId: poolId,
        ClientId: clientId,
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        AuthParameters: { REFRESH_TOKEN: RefreshToken! },
      }),
    )
    expect(res.AuthenticationResult?.IdToken).toBeTypeOf('string')
    expect(res.AuthenticationResult?.RefreshToken).toBeUndefined()
  })

  it('requires REFRESH_TOKEN', async () => {
    const { clientId } = await signedIn()
    const res = sdk.send(
      new InitiateAuthCommand({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: clientId, AuthParameters: {} }),
    )
    expect(await failure(res)).toEqual({
      name: 'InvalidParameterException',
      message: 'Missing required parameter REFRESH_TOKEN',
    })
  })

  it('rejects an unknown refresh token and one of another client', async () => {
    const { clientId, RefreshToken } = await signedIn()
    const other = await signedIn()
    const invalid = { name: 'NotAuthorizedException', message: 'Invalid Refresh Token' }
    expect(await failure(refreshAuth(clientId, 'a.b.c.d.e'))).toEqual(invalid)
    expect(await failure(refreshAuth(other.clientId, RefreshToken))).toEqual(invalid)
  })

  it('rejects an expired refresh token', async () => {
    const { clientId, RefreshToken } = await signedIn({
      RefreshTokenValidity: 60,
      TokenValidityUnits: { RefreshToken: 'minutes' },
    })
    clock.advance(59 * 60)
    expect((await refreshAuth(clientId, RefreshToken)).AuthenticationResult?.AccessToken).toBeTypeOf('string')
    clock.advance(60)
    expect(await failure(refreshAuth(clientId, RefreshToken))).toEqual({
      name: 'NotAuthorizedException',
      message: 'Refresh Token has expired',
    })
  })

  it('does not refresh for a disabled user', async () => {
    const { poolId, clientId, RefreshToken } = await signedIn()
    await sdk.send(new AdminDisableUserCommand({ UserPoolId: poolId, Username: 'alice' }))
    expect(await failure(refreshAuth(clientId, RefreshToken))).toEqual({
      name: 'NotAuthorizedException',
      message: 'User is disabled.',
    })
  })
})

describe('GetTokensFromRefreshToken', () => {
  it('returns new tokens without a refresh token when rotation is off', async () => {
    const { clientId, RefreshToken, AccessToken } = await signedIn()
    const res = await getTokens(clientId, RefreshToken)
    expect(Object.keys(res.AuthenticationResult!).sort()).toEqual([
      'AccessToken',
      'ExpiresIn',
      'IdToken',
      'TokenType',
    ])
    expect(claims(res.AuthenticationResult!.AccessToken).origin_jti).toBe(claims(AccessToken).origin_jti)
    expect((await getTokens(clientId, RefreshToken)).AuthenticationResult?.AccessToken).toBeTypeOf('string')
  })

  it('rotates the refresh token when the client says so, and refuses the old one afterwards', async () => {
    const { clientId, RefreshToken, AccessToken } = await signedIn({
      RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 0 },
    })
    const res = await getTokens(clientId, RefreshToken)
    const rotated = res.AuthenticationResult!.RefreshToken
    expect(rotated).toBeTypeOf('string')
    expect(rotated).not.toBe(RefreshToken)
    expect(claims(res.AuthenticationResult!.AccessToken).auth_time).toBe(claims(AccessToken).auth_time)
    expect(await failure(getTokens(clientId, RefreshToken))).toEqual({
      name: 'RefreshTokenReuseException',
      message: 'Refresh token has been rotated and can no longer be used.',
    })
    expect((await getTokens(clientId, rotated)).AuthenticationResult?.RefreshToken).toBeTypeOf('string')
  })

  it('keeps a rotated-out refresh token working for the retry grace period', async () => {
    const { clientId, RefreshToken } = await signedIn({
      RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 30 },
    })
    await getTokens(clientId, RefreshToken)
    clock.advance(29)
    expect((await getTokens(clientId, RefreshToken)).AuthenticationResult?.AccessToken).toBeTypeOf('string')
    clock.advance(2)
    expect((await failure(getTokens(clientId, RefreshToken))).name).toBe('RefreshTokenReuseException')
  })

  it('counts the grace period from the instant of rotation, not from the start of its second', async () => {
    const { clientId, RefreshToken } = await signedIn({
      RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 30 },
    })
    clock.freezeIntoSecond(900)
    await getTokens(clientId, RefreshToken)
    clock.advance(29.9)
    expect((await getTokens(clientId, RefreshToken)).AuthenticationResult?.AccessToken).toBeTypeOf('string')
    clock.advance(0.1)
    expect(await failure(getTokens(clientId, RefreshToken))).toEqual({
      name: 'RefreshTokenReuseException',
      message: 'Refresh token has been rotated and can no longer be used.',
    })
  })

  it('leaves REFRESH_TOKEN_AUTH to clients without rotation', async () => {
    const { clientId, RefreshToken } = await signedIn({ RefreshTokenRotation: { Feature: 'ENABLED' } })
    expect((await failure(refreshAuth(clientId, RefreshToken))).name).toBe('InvalidParameterException')
  })

  it('requires the client secret of a client that has one', async () => {
    const { poolId, clientId, clientSecret } = await poolWithClient(sdk, {}, { GenerateSecret: true })
    await createUser(sdk, poolId, 'alice')
    const SECRET_HASH = secretHash(clientSecret!, 'alice', clientId)
    const { AuthenticationResult } = await passwordSignIn(sdk, clientId, 'alice', PASSWORD, { SECRET_HASH })
    const RefreshToken = AuthenticationResult!.RefreshToken
    expect(await failure(getTokens(clientId, RefreshToken))).toEqual({
      name: 'NotAuthorizedException',
      message: `Unable to verify secret hash for client ${clientId}`,
    })
    expect((await getTokens(clientId, RefreshToken, clientSecret)).AuthenticationResult?.IdToken).toBeTypeOf(
      'string',
    )
  })
})

describe('RevokeToken', () => {
  it('revokes the refresh token and the access tokens it minted, not other sessions', async () => {
    const { clientId, RefreshToken, AccessToken } = await signedIn()
    const refreshed = (await refreshAuth(clientId, RefreshToken)).AuthenticationResult!
    const other = (await passwordSignIn(sdk, clientId, 'alice')).AuthenticationResult!
    expect(await sdk.send(new RevokeTokenCommand({ ClientId: clientId, Token: RefreshToken }))).toMatchObject(
      {},
    )
    expect(await failure(refreshAuth(clientId, RefreshToken))).toEqual(revoked)
    expect(await failure(getTokens(clientId, RefreshToken))).toEqual(revoked)
    expect(await failure(getUser(AccessToken))).toEqual(accessRevoked)
    expect(await failure(getUser(refreshed.AccessToken))).toEqual(accessRevoked)
    expect((await getUser(other.AccessToken)).Username).toBe('alice')
    expect((await refreshAuth(clientId, other.RefreshToken)).AuthenticationResult?.AccessToken).toBeTypeOf(
      'string',
    )
  })

  it('refuses to revoke an access token', async () => {
    const { clientId, AccessToken } = await signedIn()
    expect(
      await failure(sdk.send(new RevokeTokenCommand({ ClientId: clientId, Token: AccessToken }))),
    ).toEqual({
      name: 'UnsupportedTokenTypeException',
      message: 'Only refresh tokens can be revoked.',
    })
  })

  it('is unsupported when the client has token revocation disabled', async () => {
    const { clientId, RefreshToken } = await signedIn({ EnableTokenRevocation: false })
    expect(
      await failure(sdk.send(new RevokeTokenCommand({ ClientId: clientId, Token: RefreshToken }))),
    ).toEqual({
      name: 'UnsupportedOperationException',
      message: 'Token revocation is not enabled for this app client.',
    })
  })

  it('refuses a token of another client', async () => {
    const { RefreshToken, poolId } = await signedIn()
    const { CreateUserPoolClientCommand } = await import('@aws-sdk/client-cognito-identity-provider')
    const { UserPoolClient } = await sdk.send(
      new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'other' }),
    )
    const res = sdk.send(new RevokeTokenCommand({ ClientId: UserPoolClient!.ClientId, Token: RefreshToken }))
    expect((await failure(res)).name).toBe('UnauthorizedException')
  })
})

describe('GlobalSignOut', () => {
  it('revokes every refresh and access token of the user', async () => {
    const { clientId, RefreshToken, AccessToken } = await signedIn()
    const second = (await passwordSignIn(sdk, clientId, 'alice')).AuthenticationResult!
    expect(await sdk.send(new GlobalSignOutCommand({ AccessToken }))).toMatchObject({})
    for (const token of [RefreshToken, second.RefreshToken]) {
      expect(await failure(refreshAuth(clientId, token))).toEqual(revoked)
    }
    for (const token of [AccessToken, second.AccessToken]) {
      expect(await failure(getUser(token))).toEqual(accessRevoked)
    }
    expect(await failure(sdk.send(new GlobalSignOutCommand({ AccessToken })))).toEqual(accessRevoked)
    const fresh = (await passwordSignIn(sdk, clientId, 'alice')).AuthenticationResult!
    expect((await getUser(fresh.AccessToken)).Username).toBe('alice')
  })

  it('needs a valid access token', async () => {
    const { IdToken } = await signedIn()
    expect(await failure(sdk.send(new GlobalSignOutCommand({ AccessToken: IdToken })))).toEqual({
      name: 'NotAuthorizedException',
      message: 'Invalid Access Token',
    })
  })
})

describe('access-token checks', () => {
  it('rejects an expired access token', async () => {
    const { AccessToken } = await signedIn()
    clock.advance(3600)
    expect(await failure(getUser(AccessToken))).toEqual({
      name: 'NotAuthorizedException',
      message: 'Access Token has expired',
    })
  })

  it('rejects a forged, a malformed and another pool’s token with "Invalid Access Token"', async () => {
    const { AccessToken } = await signedIn()
    const [h, p, s] = AccessToken!.split('.')
    const payload = JSON.parse(Buffer.from(p!, 'base64url').toString())
    const forged = [
      h,
      Buffer.from(JSON.stringify({ ...payload, username: 'root' })).toString('base64url'),
      s,
    ].join('.')
    const invalid = { name: 'NotAuthorizedException', message: 'Invalid Access Token' }
    expect(await failure(getUser(forged))).toEqual(invalid)
    expect(await failure(getUser('not.a.jwt'))).toEqual(invalid)
    const other = await signedIn()
    const otherPayload = claims(other.AccessToken)
    const swapped = [
      other.AccessToken!.split('.')[0],
      Buffer.from(JSON.stringify({ ...otherPayload, iss: payload.iss })).toString('base64url'),
      other.AccessToken!.split('.')[2],
    ].join('.')
    expect(await failure(getUser(swapped))).toEqual(invalid)
  })
})
