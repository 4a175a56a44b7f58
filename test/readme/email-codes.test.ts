import {
  AdminCreateUserCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
} from '@aws-sdk/client-cognito-identity-provider'
import { createCognito } from 'cognito-msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'

const cognito = createCognito()
const server = setupServer(...cognito.handlers)
beforeAll(() => server.listen())
afterEach(() => cognito.reset())
afterAll(() => server.close())

const client = new CognitoIdentityProviderClient({
  region: 'us-east-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
})

it('signs in without a password with the code from the outbox', async () => {
  const { UserPool } = await client.send(
    new CreateUserPoolCommand({
      PoolName: 'app',
      Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP'] } },
    }),
  )
  const { UserPoolClient } = await client.send(
    new CreateUserPoolClientCommand({
      UserPoolId: UserPool!.Id,
      ClientName: 'web',
      ExplicitAuthFlows: ['ALLOW_USER_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    }),
  )
  await client.send(
    new AdminCreateUserCommand({
      UserPoolId: UserPool!.Id,
      Username: 'alice',
      UserAttributes: [
        { Name: 'email', Value: 'alice@example.com' },
        { Name: 'email_verified', Value: 'true' },
      ],
      MessageAction: 'SUPPRESS',
    }),
  )

  const challenge = await client.send(
    new InitiateAuthCommand({
      ClientId: UserPoolClient!.ClientId,
      AuthFlow: 'USER_AUTH',
      AuthParameters: { USERNAME: 'alice', PREFERRED_CHALLENGE: 'EMAIL_OTP' },
    }),
  )
  expect(challenge.ChallengeName).toBe('EMAIL_OTP')

  // Every email and SMS Cognito "sent" is in the outbox, with its code.
  const email = cognito.outbox.findLast((m) => m.username === 'alice' && m.reason === 'EMAIL_OTP')
  expect(email).toMatchObject({ deliveryMedium: 'EMAIL', destination: 'alice@example.com' })

  const { AuthenticationResult } = await client.send(
    new RespondToAuthChallengeCommand({
      ClientId: UserPoolClient!.ClientId,
      ChallengeName: 'EMAIL_OTP',
      Session: challenge.Session,
      ChallengeResponses: { USERNAME: 'alice', EMAIL_OTP_CODE: email!.code! },
    }),
  )
  expect(AuthenticationResult?.IdToken).toBeDefined()
})
