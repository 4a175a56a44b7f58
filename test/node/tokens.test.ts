import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import {
  claims,
  createUser,
  header,
  PASSWORD,
  passwordSignIn,
  poolWithClient,
} from '../support/auth-fixtures.ts'
import { sdkClient, useCognito } from '../support/cognito.ts'

// The CJS build of aws-jwt-verify calls `https.request` through the module object, which MSW patches, so the
// JWKS is fetched from our handler (the ESM build would need module.syncBuiltinESMExports()).
const { CognitoJwtVerifier } = createRequire(import.meta.url)(
  'aws-jwt-verify',
) as typeof import('aws-jwt-verify')

const { clock } = useCognito()
const sdk = sdkClient()

async function signIn(pool: Parameters<typeof poolWithClient>[1] = {}) {
  const { poolId, clientId } = await poolWithClient(sdk, pool)
  const user = await createUser(sdk, poolId, 'alice', {
    attributes: {
      email: 'alice@example.com',
      email_verified: 'true',
      name: 'Alice Liddell',
      phone_number: '+15555550100',
    },
  })
  const { AuthenticationResult } = await passwordSignIn(sdk, clientId, 'alice', PASSWORD)
  const sub = user.Attributes!.find((a) => a.Name === 'sub')!.Value!
  return { poolId, clientId, sub, ...AuthenticationResult! }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

describe('token claims', () => {
  it('puts exactly Cognito’s claims and the user’s attributes in the ID token', async () => {
    const { poolId, clientId, sub, IdToken, AccessToken } = await signIn()
    const id = claims(IdToken)
    const now = Math.floor(Date.now() / 1000)
    expect(Object.keys(id).sort()).toEqual(
      [
        'sub',
        'email_verified',
        'iss',
        'cognito:username',
        'origin_jti',
        'aud',
        'event_id',
        'token_use',
        'auth_time',
        'exp',
        'iat',
        'jti',
        'email',
        'name',
        'phone_number',
      ].sort(),
    )
    expect(id).toMatchObject({
      sub,
      email_verified: true,
      email: 'alice@example.com',
      name: 'Alice Liddell',
      phone_number: '+15555550100',
      iss: `https://cognito-idp.us-east-1.amazonaws.com/${poolId}`,
      'cognito:username': 'alice',
      aud: clientId,
      token_use: 'id',
    })
    expect(id.iat).toBeGreaterThanOrEqual(now - 5)
    expect(id.iat).toBeLessThanOrEqual(now + 1)
    expect(id.auth_time).toBe(id.iat)
    expect(id.exp).toBe((id.iat as number) + 3600)
    expect(id.jti).toMatch(UUID)
    expect(id.origin_jti).toMatch(UUID)
    expect(id.event_id).toMatch(UUID)
    const access = claims(AccessToken)
    expect(id.origin_jti).toBe(access.origin_jti)
    expect(id.event_id).toBe(access.event_id)
    expect(id.jti).not.toBe(access.jti)
  })

  it('puts exactly Cognito’s claims in the access token', async () => {
    const { poolId, clientId, sub, AccessToken } = await signIn()
    const access = claims(AccessToken)
    expect(Object.keys(access).sort()).toEqual(
      [
        'sub',
        'iss',
        'client_id',
        'origin_jti',
        'event_id',
        'token_use',
        'scope',
        'auth_time',
        'exp',
        'iat',
        'jti',
        'username',
      ].sort(),
    )
    expect(access).toMatchObject({
      sub,
      iss: `https://cognito-idp.us-east-1.amazonaws.com/${poolId}`,
      client_id: clientId,
      token_use: 'access',
      scope: 'aws.cognito.signin.user.admin',
      username: 'alice',
    })
    expect(access.auth_time).toBe(access.iat)
    expect(access.exp).toBe((access.iat as number) + 3600)
    expect(access.jti).toMatch(UUID)
  })

  it('signs ID and access tokens with RS256 under two different kids, with no typ', async () => {
    const { IdToken, AccessToken } = await signIn()
    const idHeader = header(IdToken)
    const accessHeader = header(AccessToken)
    expect(Object.keys(idHeader).sort()).toEqual(['alg', 'kid'])
    expect(idHeader.alg).toBe('RS256')
    expect(accessHeader.alg).toBe('RS256')
    expect(idHeader.kid).not.toBe(accessHeader.kid)
  })

  it('uses the sub as cognito:username where email is the username attribute', async () => {
    const { poolId, clientId } = await poolWithClient(sdk, { UsernameAttributes: ['email'] })
    await createUser(sdk, poolId, 'carol@example.com')
    const { AuthenticationResult } = await passwordSignIn(sdk, clientId, 'carol@example.com')
    const id = claims(AuthenticationResult!.IdToken)
    expect(id['cognito:username']).toBe(id.sub)
    expect(id.email).toBe('carol@example.com')
    expect(claims(AuthenticationResult!.AccessToken).username).toBe(id.sub)
  })

  it('takes token lifetimes from the client’s validity settings', async () => {
    const { poolId } = await poolWithClient(sdk)
    const { CreateUserPoolClientCommand } = await import('@aws-sdk/client-cognito-identity-provider')
    const { UserPoolClient } = await sdk.send(
      new CreateUserPoolClientCommand({
        UserPoolId: poolId,
        ClientName: 'short',
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        AccessTokenValidity: 5,
        IdTokenValidity: 2,
        TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'hours' },
      }),
    )
    await createUser(sdk, poolId, 'alice')
    const { AuthenticationResult } = await passwordSignIn(sdk, UserPoolClient!.ClientId!, 'alice')
    expect(AuthenticationResult!.ExpiresIn).toBe(300)
    const access = claims(AuthenticationResult!.AccessToken)
    const id = claims(AuthenticationResult!.IdToken)
    expect((access.exp as number) - (access.iat as number)).toBe(300)
    expect((id.exp as number) - (id.iat as number)).toBe(7200)
  })
})

describe('verification with aws-jwt-verify', () => {
  it('verifies ID and access tokens with the JWKS fetched from the emulator', async () => {
    const { poolId, clientId, IdToken, AccessToken } = await signIn()
    const idVerifier = CognitoJwtVerifier.create({ userPoolId: poolId, tokenUse: 'id', clientId })
    const accessVerifier = CognitoJwtVerifier.create({ userPoolId: poolId, tokenUse: 'access', clientId })
    expect((await idVerifier.verify(IdToken!))['cognito:username']).toBe('alice')
    expect((await accessVerifier.verify(AccessToken!)).username).toBe('alice')
  })

  it('rejects a token whose payload was changed', async () => {
    const { poolId, clientId, AccessToken } = await signIn()
    const [h, p, s] = AccessToken!.split('.')
    const payload = JSON.parse(Buffer.from(p!, 'base64url').toString())
    payload.username = 'mallory'
    const forged = [h, Buffer.from(JSON.stringify(payload)).toString('base64url'), s].join('.')
    const verifier = CognitoJwtVerifier.create({ userPoolId: poolId, tokenUse: 'access', clientId })
    await expect(verifier.verify(forged)).rejects.toThrow('Invalid signature')
  })

  it('rejects an expired token', async () => {
    clock.advance(-2 * 3600) // issue the tokens two hours ago
    const { poolId, clientId, IdToken } = await signIn()
    clock.advance(2 * 3600)
    const verifier = CognitoJwtVerifier.create({ userPoolId: poolId, tokenUse: 'id', clientId })
    await expect(verifier.verify(IdToken!)).rejects.toThrow(/Token expired at /)
  })

  it('rejects a token of another pool', async () => {
    const first = await signIn()
    const second = await signIn()
    const verifier = CognitoJwtVerifier.create({
      userPoolId: first.poolId,
      tokenUse: 'access',
      clientId: [first.clientId, second.clientId],
    })
    await expect(verifier.verify(second.AccessToken!)).rejects.toThrow(
      `issuer not configured: https://cognito-idp.us-east-1.amazonaws.com/${second.poolId}`,
    )
  })

  it('rejects an ID token where an access token is expected', async () => {
    const { poolId, clientId, IdToken } = await signIn()
    const verifier = CognitoJwtVerifier.create({ userPoolId: poolId, tokenUse: 'access', clientId })
    await expect(verifier.verify(IdToken!)).rejects.toThrow(/Token use not allowed/)
  })
})

describe('JWKS and OpenID configuration', () => {
  const jwksUrls = (poolId: string) => [
    `https://cognito-idp.us-east-1.amazonaws.com/${poolId}/.well-known/jwks.json`,
    `http://localhost:4566/${poolId}/.well-known/jwks.json`,
  ]

  it('serves both signing keys at the AWS issuer and at the endpoint', async () => {
    const { poolId, IdToken, AccessToken } = await signIn()
    for (const url of jwksUrls(poolId)) {
      const res = await fetch(url)
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toMatch(/^application\/json/)
      const { keys } = (await res.json()) as { keys: Record<string, string>[] }
      expect(keys).toHaveLength(2)
      for (const key of keys) {
        expect(Object.keys(key).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use'])
        expect(key).toMatchObject({ alg: 'RS256', e: 'AQAB', kty: 'RSA', use: 'sig' })
        expect(key.n).toMatch(/^[A-Za-z0-9_-]{342}$/)
      }
      expect(keys.map((k) => k.kid).sort()).toEqual([header(IdToken).kid, header(AccessToken).kid].sort())
    }
  })

  it('gives each pool its own keys', async () => {
    const first = await signIn()
    const second = await signIn()
    expect(header(first.AccessToken).kid).not.toBe(header(second.AccessToken).kid)
    expect(header(first.IdToken).kid).not.toBe(header(second.IdToken).kid)
  })

  it('serves the OpenID configuration beside the JWKS', async () => {
    const { poolId } = await signIn()
    const iss = `https://cognito-idp.us-east-1.amazonaws.com/${poolId}`
    for (const base of [iss, `http://localhost:4566/${poolId}`]) {
      const res = await fetch(`${base}/.well-known/openid-configuration`)
      expect(res.status).toBe(200)
      const config = (await res.json()) as Record<string, unknown>
      expect(config.issuer).toBe(iss)
      expect(config.jwks_uri).toBe(`${iss}/.well-known/jwks.json`)
      expect(config.id_token_signing_alg_values_supported).toEqual(['RS256'])
    }
  })

  it('answers 404 for the JWKS of an unknown pool', async () => {
    const res = await fetch(
      'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_nopool123/.well-known/jwks.json',
    )
    expect(res.status).toBe(404)
  })
})
