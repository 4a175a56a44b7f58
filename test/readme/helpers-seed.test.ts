import { CognitoIdentityProviderClient, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider'
import { createCognito } from 'cognito-msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'

const cognito = createCognito({
  seed: {
    pools: [
      {
        id: 'us-east-1_Example01',
        name: 'app',
        clients: [
          { id: 'exampleclient0000000000000', name: 'web', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'] },
        ],
        users: [
          { username: 'alice', password: 'Correct-Horse-42', attributes: { email: 'alice@example.com' } },
        ],
      },
    ],
  },
})
const server = setupServer(...cognito.handlers)
beforeAll(() => server.listen())
afterEach(() => cognito.reset()) // back to the seeded pool, client and users
afterAll(() => server.close())

const client = new CognitoIdentityProviderClient({
  region: 'us-east-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
})

it('signs in a seeded user with the fixed client id', async () => {
  const { AuthenticationResult } = await client.send(
    new InitiateAuthCommand({
      ClientId: 'exampleclient0000000000000',
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: 'alice', PASSWORD: 'Correct-Horse-42' },
    }),
  )
  expect(AuthenticationResult?.TokenType).toBe('Bearer')
})
