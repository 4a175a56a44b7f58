import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider'
import { decodeJwt } from 'jose'
import { setupWorker } from 'msw/browser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCognito } from '../../src/index.ts'

const cognito = createCognito()
const worker = setupWorker(...cognito.handlers)

beforeAll(async () => {
  await worker.start({ quiet: true, onUnhandledFrame: 'bypass' })
})
afterAll(async () => {
  await worker.stop()
})

// Nothing listens on port 4566 here: every answer below can only come from the Service Worker.
const client = new CognitoIdentityProviderClient({
  region: 'us-east-1',
  endpoint: 'http://localhost:4566',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  maxAttempts: 1,
})

describe('in the browser, through setupWorker', () => {
  it('is served by mockServiceWorker.js', async () => {
    const registration = await navigator.serviceWorker.getRegistration()
    expect(registration?.active?.scriptURL).toMatch(/\/mockServiceWorker\.js$/)
  })

  it('creates a pool, a client and a user, and signs in with USER_PASSWORD_AUTH', async () => {
    const { UserPool } = await client.send(new CreateUserPoolCommand({ PoolName: 'browser-pool' }))
    const UserPoolId = UserPool!.Id!
    expect(UserPoolId).toMatch(/^us-east-1_[0-9a-zA-Z]{9}$/)

    const { UserPoolClient } = await client.send(
      new CreateUserPoolClientCommand({
        UserPoolId,
        ClientName: 'web',
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      }),
    )
    const ClientId = UserPoolClient!.ClientId!

    const { User } = await client.send(
      new AdminCreateUserCommand({
        UserPoolId,
        Username: 'alice',
        UserAttributes: [{ Name: 'email', Value: 'alice@example.com' }],
        MessageAction: 'SUPPRESS',
      }),
    )
    expect(User?.UserStatus).toBe('FORCE_CHANGE_PASSWORD')

    await client.send(
      new AdminSetUserPasswordCommand({
        UserPoolId,
        Username: 'alice',
        Password: 'Correct-Horse-42',
        Permanent: true,
      }),
    )

    const { AuthenticationResult } = await client.send(
      new InitiateAuthCommand({
        ClientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: 'alice', PASSWORD: 'Correct-Horse-42' },
      }),
    )
    expect(AuthenticationResult).toMatchObject({
      TokenType: 'Bearer',
      ExpiresIn: 3600,
      RefreshToken: expect.any(String),
    })
    const iss = `https://cognito-idp.us-east-1.amazonaws.com/${UserPoolId}`
    expect(decodeJwt(AuthenticationResult!.IdToken!)).toMatchObject({
      iss,
      token_use: 'id',
      aud: ClientId,
      'cognito:username': 'alice',
      email: 'alice@example.com',
    })
    expect(decodeJwt(AuthenticationResult!.AccessToken!)).toMatchObject({
      iss,
      token_use: 'access',
      client_id: ClientId,
      username: 'alice',
    })
  })

  it('answers with a Content-Length of the body in UTF-8 bytes', async () => {
    // No Node Buffer here: the handler counts the bytes itself. é, ✓ and 😀 take 2, 3 and 4 bytes.
    const message = 'Café ✓ 😀 code {####}'
    const res = await fetch('http://localhost:4566/', {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AWSCognitoIdentityProviderService.CreateUserPool',
      },
      body: JSON.stringify({ PoolName: 'bytes', EmailVerificationMessage: message }),
    })
    const bytes = new Uint8Array(await res.arrayBuffer())
    expect(JSON.parse(new TextDecoder().decode(bytes)).UserPool.EmailVerificationMessage).toBe(message)
    expect(res.headers.get('content-length')).toBe(String(bytes.byteLength))
  })
})
