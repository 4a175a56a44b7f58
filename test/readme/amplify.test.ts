import {
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider'
import { Amplify } from 'aws-amplify'
import { confirmSignUp, fetchAuthSession, signIn, signOut, signUp } from 'aws-amplify/auth'
import { createCognito } from 'cognito-msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest'

const cognito = createCognito()
const server = setupServer(...cognito.handlers)
beforeAll(() => server.listen())
afterEach(async () => {
  await signOut() // Amplify keeps its session in memory from one test to the next
  cognito.reset()
})
afterAll(() => server.close())

const admin = new CognitoIdentityProviderClient({
  region: 'us-east-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
})

beforeEach(async () => {
  // What your infrastructure code would create: a pool that emails codes, and an app client without a secret.
  const { UserPool } = await admin.send(
    new CreateUserPoolCommand({ PoolName: 'app', AutoVerifiedAttributes: ['email'] }),
  )
  const { UserPoolClient } = await admin.send(
    new CreateUserPoolClientCommand({ UserPoolId: UserPool!.Id, ClientName: 'web' }),
  )
  Amplify.configure({
    Auth: { Cognito: { userPoolId: UserPool!.Id!, userPoolClientId: UserPoolClient!.ClientId! } },
  })
})

it('signs up, confirms with the emailed code and signs in with SRP', async () => {
  await signUp({
    username: 'alice',
    password: 'Correct-Horse-42',
    options: { userAttributes: { email: 'alice@example.com' } },
  })
  const { code } = cognito.outbox.findLast((m) => m.username === 'alice')!
  await confirmSignUp({ username: 'alice', confirmationCode: code! })

  const { nextStep } = await signIn({ username: 'alice', password: 'Correct-Horse-42' })
  expect(nextStep.signInStep).toBe('DONE')
  const { tokens } = await fetchAuthSession()
  expect(tokens?.idToken?.payload.email).toBe('alice@example.com')
})
