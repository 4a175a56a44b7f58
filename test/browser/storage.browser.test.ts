import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  GetUserCommand,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider'
import { setupWorker } from 'msw/browser'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createCognito, localStorageAdapter } from '../../src/index.ts'

const KEY = 'cognito-msw-storage-test'
const worker = setupWorker()

beforeAll(async () => {
  await worker.start({ quiet: true, onUnhandledFrame: 'bypass' })
})
afterAll(async () => {
  worker.stop()
})
beforeEach(() => {
  localStorage.removeItem(KEY)
})

const client = new CognitoIdentityProviderClient({
  region: 'us-east-1',
  endpoint: 'http://localhost:4566',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  maxAttempts: 1,
})

/** What a page load does: a new emulator over the same storage, serving the page's requests from now on. */
function load() {
  const cognito = createCognito({ storage: localStorageAdapter({ key: KEY }) })
  worker.resetHandlers(...cognito.handlers)
  return cognito
}

describe('createCognito({ storage: localStorageAdapter() })', () => {
  it('keeps pools, users and their passwords across a reload', async () => {
    load()
    const { UserPool } = await client.send(new CreateUserPoolCommand({ PoolName: 'kept' }))
    const UserPoolId = UserPool!.Id!
    const { UserPoolClient } = await client.send(
      new CreateUserPoolClientCommand({
        UserPoolId,
        ClientName: 'web',
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'],
      }),
    )
    await client.send(
      new AdminCreateUserCommand({ UserPoolId, Username: 'alice', MessageAction: 'SUPPRESS' }),
    )
    await client.send(
      new AdminSetUserPasswordCommand({
        UserPoolId,
        Username: 'alice',
        Password: 'Correct-Horse-42',
        Permanent: true,
      }),
    )

    load()
    const user = await client.send(new AdminGetUserCommand({ UserPoolId, Username: 'alice' }))
    expect(user.UserStatus).toBe('CONFIRMED')
    const { AuthenticationResult } = await client.send(
      new InitiateAuthCommand({
        ClientId: UserPoolClient!.ClientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: 'alice', PASSWORD: 'Correct-Horse-42' },
      }),
    )
    expect(AuthenticationResult?.AccessToken).toBeTypeOf('string')
  })

  it('keeps tokens issued before a reload valid after it', async () => {
    load()
    const { UserPool } = await client.send(new CreateUserPoolCommand({ PoolName: 'tokens' }))
    const UserPoolId = UserPool!.Id!
    const { UserPoolClient } = await client.send(
      new CreateUserPoolClientCommand({
        UserPoolId,
        ClientName: 'web',
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'],
      }),
    )
    await client.send(new AdminCreateUserCommand({ UserPoolId, Username: 'bob', MessageAction: 'SUPPRESS' }))
    await client.send(
      new AdminSetUserPasswordCommand({
        UserPoolId,
        Username: 'bob',
        Password: 'Correct-Horse-42',
        Permanent: true,
      }),
    )
    const { AuthenticationResult } = await client.send(
      new InitiateAuthCommand({
        ClientId: UserPoolClient!.ClientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: 'bob', PASSWORD: 'Correct-Horse-42' },
      }),
    )

    load()
    const user = await client.send(new GetUserCommand({ AccessToken: AuthenticationResult!.AccessToken }))
    expect(user.Username).toBe('bob')
  })

  it('saves reset() too, so a reload after it starts empty', async () => {
    const cognito = load()
    await client.send(new CreateUserPoolCommand({ PoolName: 'gone' }))
    cognito.reset()
    expect(load().snapshot().pools).toEqual({})
  })

  it('starts empty when the storage holds nothing', () => {
    expect(load().snapshot().pools).toEqual({})
    expect(JSON.parse(localStorage.getItem(KEY) ?? 'null')).toBe(null)
  })

  it('refuses a storage whose text is not a saved state, saying how to fix it', () => {
    localStorage.setItem(KEY, '{"something": "else"}')
    expect(() => load()).toThrow(
      'Failed to create Cognito mock: the state in "storage" is not a saved Cognito state. Clear the storage or pass another one.',
    )
  })
})
