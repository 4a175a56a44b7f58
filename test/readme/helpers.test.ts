import {
  CognitoIdentityProviderClient,
  ConfirmSignUpCommand,
  GetUserCommand,
  InitiateAuthCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider'
import { createCognito } from 'cognito-msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'

const ClientId = 'exampleclient0000000000000'
const cognito = createCognito({
  seed: {
    pools: [
      {
        name: 'app',
        UsernameAttributes: ['email'],
        AutoVerifiedAttributes: ['email'], // SignUp sends a code to the email address
        clients: [{ id: ClientId, name: 'web', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'] }],
      },
    ],
  },
})
const server = setupServer(...cognito.handlers)
beforeAll(() => server.listen())
afterEach(() => cognito.reset()) // also puts the clock back and forgets failNext
afterAll(() => server.close())

// maxAttempts: 1, or the SDK retries throttling and 5xx errors (see failNext's `times`).
const client = new CognitoIdentityProviderClient({
  region: 'us-east-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  maxAttempts: 1,
})

it('confirms a sign-up with the code from the outbox', async () => {
  const Username = 'alice@example.com'
  await client.send(new SignUpCommand({ ClientId, Username, Password: 'Correct-Horse-42' }))
  const ConfirmationCode = cognito.latestCode(Username, { reason: 'SignUp' })
  await client.send(new ConfirmSignUpCommand({ ClientId, Username, ConfirmationCode }))
})

it('creates a signed-in user in one call, then lets its access token expire', async () => {
  const { tokens } = await cognito.createUser({ username: 'bob@example.com', password: 'Correct-Horse-42' })
  await client.send(new GetUserCommand({ AccessToken: tokens.AccessToken }))

  cognito.clock.advance(3600)
  await expect(client.send(new GetUserCommand({ AccessToken: tokens.AccessToken }))).rejects.toThrow(
    'Access Token has expired',
  )
})

it('fails the next sign-in with TooManyRequestsException', async () => {
  await cognito.createUser({ username: 'carol@example.com', password: 'Correct-Horse-42' })
  cognito.failNext('InitiateAuth', 'TooManyRequestsException', 'Rate exceeded')
  const signIn = new InitiateAuthCommand({
    ClientId,
    AuthFlow: 'USER_PASSWORD_AUTH',
    AuthParameters: { USERNAME: 'carol@example.com', PASSWORD: 'Correct-Horse-42' },
  })
  await expect(client.send(signIn)).rejects.toThrow('Rate exceeded')
  await expect(client.send(signIn)).resolves.toHaveProperty('AuthenticationResult')
})
