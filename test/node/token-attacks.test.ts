import * as sdk from '@aws-sdk/client-cognito-identity-provider'
import { decodeJwt, decodeProtectedHeader, exportSPKI, generateKeyPair, importJWK, SignJWT } from 'jose'
import { describe, expect, it } from 'vitest'
import { MODEL } from '../../src/model/generated.ts'
import type { Shape } from '../../src/model/shape.ts'
import { operations } from '../../src/operations/index.ts'
import { createUser, failure, PASSWORD, passwordSignIn, poolWithClient } from '../support/auth-fixtures.ts'
import { sdkClient, useCognito } from '../support/cognito.ts'

// Every emulated operation whose input carries an access token must refuse forged, misused, expired and revoked
// tokens with Cognito's NotAuthorizedException and its messages. The list is read from the API model, so
// operations added later are attacked too.

const { cognito, clock } = useCognito()
const client = sdkClient()

const ACCESS_TOKEN_OPERATIONS = Object.keys(operations)
  .filter((op) => {
    const input = MODEL.shapes[MODEL.operations[op]![0]] as Shape
    return 'AccessToken' in (input.m as Record<string, string>)
  })
  .sort()

/** Inputs that pass validation, so that the token is what the operation judges. */
const VALID_MEMBERS: Record<string, unknown> = {
  PreviousPassword: PASSWORD,
  ProposedPassword: 'Another-Horse-2',
  UserAttributes: [{ Name: 'name', Value: 'Mallory' }],
  UserAttributeNames: ['name'],
  AttributeName: 'email',
  Code: '123456',
  UserCode: '123456',
  DeviceKey: 'us-east-1_00000000-0000-0000-0000-000000000000',
  FriendlyDeviceName: 'phone',
  DeviceRememberedStatus: 'remembered',
  Credential: {},
  CredentialId: 'abc',
}

function validInput(op: string, AccessToken: string): Record<string, unknown> {
  const shape = MODEL.shapes[MODEL.operations[op]![0]] as Shape
  const input: Record<string, unknown> = { AccessToken }
  for (const member of shape.r ?? []) {
    if (member === 'AccessToken') continue
    if (!(member in VALID_MEMBERS)) throw new Error(`Add a valid ${member} for ${op} to VALID_MEMBERS.`)
    input[member] = VALID_MEMBERS[member]
  }
  return input
}

function send(op: string, AccessToken: string) {
  const Command = (sdk as unknown as Record<string, new (input: unknown) => sdk.GetUserCommand>)[
    `${op}Command`
  ]!
  return client.send(new Command(validInput(op, AccessToken)))
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')

async function signedIn() {
  const a = await poolWithClient(client, { PoolName: 'victim' })
  const b = await poolWithClient(client, { PoolName: 'attacker' })
  await createUser(client, a.poolId, 'alice', { attributes: { email: 'alice@example.com' } })
  await createUser(client, a.poolId, 'bob')
  await createUser(client, b.poolId, 'alice')
  const alice = (await passwordSignIn(client, a.clientId, 'alice')).AuthenticationResult!
  const otherPool = (await passwordSignIn(client, b.clientId, 'alice')).AuthenticationResult!
  const state = cognito.snapshot()
  const keys = { a: state.pools[a.poolId]!.keys!, b: state.pools[b.poolId]!.keys! }
  return { a, b, alice, otherPool, keys }
}

type Setup = Awaited<ReturnType<typeof signedIn>>

async function signWith(
  jwk: Record<string, unknown>,
  header: Record<string, unknown>,
  claims: Record<string, unknown>,
) {
  const key = await importJWK(jwk as Parameters<typeof importJWK>[0], 'RS256')
  return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', ...header }).sign(key)
}

/** Forged or misused tokens that must each be answered `Invalid Access Token`. */
const FORGERIES: [string, (s: Setup) => Promise<string> | string][] = [
  [
    'an unsigned token (alg none)',
    ({ alice }) => {
      const payload = alice.AccessToken!.split('.')[1]
      return `${b64({ ...decodeProtectedHeader(alice.AccessToken!), alg: 'none' })}.${payload}.`
    },
  ],
  [
    'a token signed with HS256 using the public key as the secret',
    async ({ alice, keys }) => {
      const publicKey = await importJWK(keys.a.access.publicJwk as Parameters<typeof importJWK>[0], 'RS256')
      const pem = await exportSPKI(publicKey as CryptoKey)
      return new SignJWT(decodeJwt(alice.AccessToken!))
        .setProtectedHeader({ alg: 'HS256', kid: keys.a.access.kid })
        .sign(new TextEncoder().encode(pem))
    },
  ],
  [
    'a token whose kid was changed to the ID token key',
    ({ alice, keys }) => {
      const [, p, s] = alice.AccessToken!.split('.')
      return `${b64({ kid: keys.a.id.kid, alg: 'RS256' })}.${p}.${s}`
    },
  ],
  [
    'a token signed by an unknown key under an unknown kid',
    async ({ alice }) => {
      const { privateKey } = await generateKeyPair('RS256')
      return new SignJWT(decodeJwt(alice.AccessToken!))
        .setProtectedHeader({ alg: 'RS256', kid: 'attacker-kid' })
        .sign(privateKey)
    },
  ],
  [
    'a token signed by an unknown key under the pool’s kid',
    async ({ alice, keys }) => {
      const { privateKey } = await generateKeyPair('RS256')
      return new SignJWT(decodeJwt(alice.AccessToken!))
        .setProtectedHeader({ alg: 'RS256', kid: keys.a.access.kid })
        .sign(privateKey)
    },
  ],
  [
    'access claims signed with the pool’s own ID token key',
    ({ alice, keys }) =>
      signWith(
        keys.a.id.privateJwk,
        { kid: keys.a.id.kid },
        decodeJwt(alice.AccessToken!) as Record<string, unknown>,
      ),
  ],
  [
    'another pool’s key signing claims for this pool',
    ({ alice, keys }) =>
      signWith(
        keys.b.access.privateJwk,
        { kid: keys.b.access.kid },
        decodeJwt(alice.AccessToken!) as Record<string, unknown>,
      ),
  ],
  [
    'another pool’s token with this pool as issuer and its signature kept',
    ({ otherPool, a }) => {
      const [h, p, s] = otherPool.AccessToken!.split('.')
      const claims = JSON.parse(Buffer.from(p!, 'base64url').toString())
      claims.iss = claims.iss.replace(/[^/]+$/, a.poolId)
      return `${h}.${b64(claims)}.${s}`
    },
  ],
  ['an ID token where an access token belongs', ({ alice }) => alice.IdToken!],
  [
    'a token whose payload was changed to another user',
    ({ alice }) => {
      const [h, p, s] = alice.AccessToken!.split('.')
      const claims = JSON.parse(Buffer.from(p!, 'base64url').toString())
      return `${h}.${b64({ ...claims, username: 'bob' })}.${s}`
    },
  ],
  [
    'a token whose expiry was pushed back',
    ({ alice }) => {
      const [h, p, s] = alice.AccessToken!.split('.')
      const claims = JSON.parse(Buffer.from(p!, 'base64url').toString())
      return `${h}.${b64({ ...claims, exp: claims.exp + 86_400 })}.${s}`
    },
  ],
  [
    'a token whose issuer names a property every object inherits',
    ({ alice }) => {
      const [h, p, s] = alice.AccessToken!.split('.')
      const claims = JSON.parse(Buffer.from(p!, 'base64url').toString())
      return `${h}.${b64({ ...claims, iss: claims.iss.replace(/[^/]+$/, 'constructor') })}.${s}`
    },
  ],
  ['a token with its signature cut off', ({ alice }) => alice.AccessToken!.split('.').slice(0, 2).join('.')],
  [
    'a token with padding inside its signature',
    ({ alice }) => {
      const [h, p, s] = alice.AccessToken!.split('.')
      return `${h}.${p}.${s!.slice(0, 10)}=${s!.slice(10)}`
    },
  ],
  [
    'a token whose payload is JSON null',
    ({ alice }) => {
      const [h, , s] = alice.AccessToken!.split('.')
      return `${h}.${Buffer.from('null').toString('base64url')}.${s}`
    },
  ],
  ['a token that is not a JWT', () => 'not-a-token'],
]

describe('access-token operations', () => {
  it('are found in the operation table', () => {
    expect(ACCESS_TOKEN_OPERATIONS).toEqual(
      expect.arrayContaining([
        'ChangePassword',
        'DeleteUser',
        'DeleteUserAttributes',
        'GetUser',
        'GetUserAttributeVerificationCode',
        'UpdateUserAttributes',
        'VerifyUserAttribute',
      ]),
    )
  })

  describe.each(ACCESS_TOKEN_OPERATIONS)('%s', (op) => {
    it.each(FORGERIES)('rejects %s with Invalid Access Token', async (_what, forge) => {
      const setup = await signedIn()
      const token = await forge(setup)
      expect(await failure(send(op, token))).toEqual({
        name: 'NotAuthorizedException',
        message: 'Invalid Access Token',
      })
      // The genuine token still works, so the rejection was about the forgery.
      expect(
        (await client.send(new sdk.GetUserCommand({ AccessToken: setup.alice.AccessToken! }))).Username,
      ).toBe('alice')
    })

    it('rejects an expired token with Access Token has expired', async () => {
      const { alice } = await signedIn()
      clock.advance(3600)
      expect(await failure(send(op, alice.AccessToken!))).toEqual({
        name: 'NotAuthorizedException',
        message: 'Access Token has expired',
      })
    })

    it('rejects a token revoked by AdminUserGlobalSignOut with Access Token has been revoked', async () => {
      const { a, alice } = await signedIn()
      await client.send(new sdk.AdminUserGlobalSignOutCommand({ UserPoolId: a.poolId, Username: 'alice' }))
      expect(await failure(send(op, alice.AccessToken!))).toEqual({
        name: 'NotAuthorizedException',
        message: 'Access Token has been revoked',
      })
    })
  })

  it('accept a token until one second before it expires', async () => {
    // Frozen late in a second: with real time running, the next second could start between the two calls.
    clock.freezeIntoSecond(999)
    const { alice } = await signedIn()
    clock.advance(3599)
    const { Username } = await client.send(new sdk.GetUserCommand({ AccessToken: alice.AccessToken! }))
    expect(Username).toBe('alice')
  })

  it('reject tokens of the same sign-in after GlobalSignOut, and accept a new sign-in', async () => {
    const { a, alice } = await signedIn()
    await client.send(new sdk.GlobalSignOutCommand({ AccessToken: alice.AccessToken! }))
    expect(await failure(client.send(new sdk.GetUserCommand({ AccessToken: alice.AccessToken! })))).toEqual({
      name: 'NotAuthorizedException',
      message: 'Access Token has been revoked',
    })
    const again = (await passwordSignIn(client, a.clientId, 'alice')).AuthenticationResult!
    const { Username } = await client.send(new sdk.GetUserCommand({ AccessToken: again.AccessToken! }))
    expect(Username).toBe('alice')
  })
})
