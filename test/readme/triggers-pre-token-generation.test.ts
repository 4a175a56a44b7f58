import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider'
import type { PreTokenGenerationV2TriggerHandler } from 'aws-lambda'
import { createCognito } from 'cognito-msw'
import { decodeJwt } from 'jose'
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, expect, it } from 'vitest'

const preTokenGeneration: PreTokenGenerationV2TriggerHandler = async (event) => {
  event.response.claimsAndScopeOverrideDetails = {
    accessTokenGeneration: { claimsToAddOrOverride: { tenant: 'acme' }, scopesToAdd: ['orders/read'] },
    idTokenGeneration: { claimsToSuppress: ['email'] },
  }
  return event
}

// No ARNs needed: `triggers` applies to every pool.
const cognito = createCognito({
  triggers: { preTokenGeneration: { lambdaVersion: 'V2_0', handler: preTokenGeneration } },
})
const server = setupServer(...cognito.handlers)
beforeAll(() => server.listen())
afterAll(() => server.close())

const client = new CognitoIdentityProviderClient({
  region: 'us-east-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
})

it('customizes the access and ID tokens', async () => {
  const { UserPool } = await client.send(new CreateUserPoolCommand({ PoolName: 'app' }))
  const { UserPoolClient } = await client.send(
    new CreateUserPoolClientCommand({
      UserPoolId: UserPool!.Id,
      ClientName: 'web',
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    }),
  )
  const user = { UserPoolId: UserPool!.Id, Username: 'alice' }
  await client.send(
    new AdminCreateUserCommand({ ...user, UserAttributes: [{ Name: 'email', Value: 'alice@example.com' }] }),
  )
  await client.send(
    new AdminSetUserPasswordCommand({ ...user, Password: 'Correct-Horse-42', Permanent: true }),
  )
  const { AuthenticationResult } = await client.send(
    new InitiateAuthCommand({
      ClientId: UserPoolClient!.ClientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: 'alice', PASSWORD: 'Correct-Horse-42' },
    }),
  )

  const access = decodeJwt(AuthenticationResult!.AccessToken!)
  expect(access.tenant).toBe('acme')
  expect(access.scope).toBe('aws.cognito.signin.user.admin orders/read')
  expect(decodeJwt(AuthenticationResult!.IdToken!).email).toBeUndefined()
})
