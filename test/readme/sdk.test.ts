import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  InitiateAuthCommand,
  NotAuthorizedException,
} from '@aws-sdk/client-cognito-identity-provider'
import { createCognito } from 'cognito-msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'

const cognito = createCognito()
const server = setupServer(...cognito.handlers)
beforeAll(() => server.listen())
afterEach(() => cognito.reset())
afterAll(() => server.close())

// No endpoint: the SDK calls https://cognito-idp.us-east-1.amazonaws.com/, and MSW answers.
const client = new CognitoIdentityProviderClient({
  region: 'us-east-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
})

it('signs in with USER_PASSWORD_AUTH', async () => {
  const { UserPool } = await client.send(new CreateUserPoolCommand({ PoolName: 'app' }))
  const { UserPoolClient } = await client.send(
    new CreateUserPoolClientCommand({
      UserPoolId: UserPool!.Id,
      ClientName: 'web',
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    }),
  )
  await client.send(
    new AdminCreateUserCommand({ UserPoolId: UserPool!.Id, Username: 'alice', MessageAction: 'SUPPRESS' }),
  )
  await client.send(
    new AdminSetUserPasswordCommand({
      UserPoolId: UserPool!.Id,
      Username: 'alice',
      Password: 'Correct-Horse-42',
      Permanent: true,
    }),
  )

  const { AuthenticationResult } = await client.send(
    new InitiateAuthCommand({
      ClientId: UserPoolClient!.ClientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: 'alice', PASSWORD: 'Correct-Horse-42' },
    }),
  )
  expect(AuthenticationResult?.TokenType).toBe('Bearer')

  await expect(
    client.send(
      new InitiateAuthCommand({
        ClientId: UserPoolClient!.ClientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: 'alice', PASSWORD: 'wrong' },
      }),
    ),
  ).rejects.toThrow(NotAuthorizedException)
})
