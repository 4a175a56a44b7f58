import {
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider'
import type { PreSignUpTriggerHandler } from 'aws-lambda'
import { createCognito } from 'cognito-msw'
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, expect, it } from 'vitest'

// The same handler you deploy to Lambda.
const preSignUp: PreSignUpTriggerHandler = async (event) => {
  if (!event.request.userAttributes.email?.endsWith('@example.com')) {
    throw new Error('Only example.com addresses may sign up')
  }
  event.response.autoConfirmUser = true
  event.response.autoVerifyEmail = true
  return event
}

const arn = 'arn:aws:lambda:us-east-1:123456789012:function:pre-sign-up'
const cognito = createCognito({ functions: { [arn]: preSignUp } })
const server = setupServer(...cognito.handlers)
beforeAll(() => server.listen())
afterAll(() => server.close())

const client = new CognitoIdentityProviderClient({
  region: 'us-east-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
})

it('auto-confirms example.com sign-ups and rejects the others', async () => {
  const { UserPool } = await client.send(
    new CreateUserPoolCommand({ PoolName: 'app', LambdaConfig: { PreSignUp: arn } }),
  )
  const { UserPoolClient } = await client.send(
    new CreateUserPoolClientCommand({ UserPoolId: UserPool!.Id, ClientName: 'web' }),
  )
  const signUp = (email: string) =>
    client.send(
      new SignUpCommand({
        ClientId: UserPoolClient!.ClientId,
        Username: email.split('@')[0],
        Password: 'Correct-Horse-42',
        UserAttributes: [{ Name: 'email', Value: email }],
      }),
    )

  expect((await signUp('alice@example.com')).UserConfirmed).toBe(true)
  await expect(signUp('mallory@evil.test')).rejects.toMatchObject({
    name: 'UserLambdaValidationException',
    message: 'PreSignUp failed with error Only example.com addresses may sign up.',
  })
})
