import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider'
import { Amplify } from 'aws-amplify'
import { fetchUserAttributes, signIn, signOut } from 'aws-amplify/auth'
import { createCognito } from 'cognito-msw'
import { setupWorker } from 'msw/browser'
import { afterAll, beforeAll, expect, it } from 'vitest'

const cognito = createCognito()
const worker = setupWorker(...cognito.handlers)
beforeAll(() => worker.start({ quiet: true, onUnhandledFrame: 'bypass' }))
afterAll(() => worker.stop())

const admin = new CognitoIdentityProviderClient({
  region: 'us-east-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
})

it('signs in with SRP in the browser', async () => {
  const { UserPool } = await admin.send(new CreateUserPoolCommand({ PoolName: 'app' }))
  const UserPoolId = UserPool!.Id!
  const { UserPoolClient } = await admin.send(
    new CreateUserPoolClientCommand({ UserPoolId, ClientName: 'web' }),
  )
  await admin.send(
    new AdminCreateUserCommand({
      UserPoolId,
      Username: 'alice',
      UserAttributes: [{ Name: 'email', Value: 'alice@example.com' }],
      MessageAction: 'SUPPRESS',
    }),
  )
  await admin.send(
    new AdminSetUserPasswordCommand({
      UserPoolId,
      Username: 'alice',
      Password: 'Correct-Horse-42',
      Permanent: true,
    }),
  )

  Amplify.configure({
    Auth: { Cognito: { userPoolId: UserPoolId, userPoolClientId: UserPoolClient!.ClientId! } },
  })
  const { isSignedIn } = await signIn({ username: 'alice', password: 'Correct-Horse-42' })
  expect(isSignedIn).toBe(true)
  expect((await fetchUserAttributes()).email).toBe('alice@example.com')
  await signOut()
})
