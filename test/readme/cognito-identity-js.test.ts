import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider'
import {
  AuthenticationDetails,
  CognitoUser,
  CognitoUserPool,
  type CognitoUserSession,
} from 'amazon-cognito-identity-js'
import { createCognito } from 'cognito-msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'

const cognito = createCognito()
const server = setupServer(...cognito.handlers)
beforeAll(() => server.listen())
afterEach(() => cognito.reset())
afterAll(() => server.close())

const admin = new CognitoIdentityProviderClient({
  region: 'us-east-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
})

function authenticate(user: CognitoUser, password: string) {
  const details = new AuthenticationDetails({ Username: user.getUsername(), Password: password })
  return new Promise<CognitoUserSession>((resolve, reject) =>
    user.authenticateUser(details, { onSuccess: resolve, onFailure: reject }),
  )
}

it('signs in with SRP and refreshes the session', async () => {
  const { UserPool } = await admin.send(new CreateUserPoolCommand({ PoolName: 'app' }))
  const UserPoolId = UserPool!.Id!
  const { UserPoolClient } = await admin.send(
    new CreateUserPoolClientCommand({ UserPoolId, ClientName: 'web' }),
  )
  await admin.send(new AdminCreateUserCommand({ UserPoolId, Username: 'alice', MessageAction: 'SUPPRESS' }))
  await admin.send(
    new AdminSetUserPasswordCommand({
      UserPoolId,
      Username: 'alice',
      Password: 'Correct-Horse-42',
      Permanent: true,
    }),
  )

  // `endpoint` is optional: without it cij calls https://cognito-idp.us-east-1.amazonaws.com/, which MSW answers too.
  const pool = new CognitoUserPool({
    UserPoolId,
    ClientId: UserPoolClient!.ClientId!,
    endpoint: 'http://localhost:4566',
  })
  const user = new CognitoUser({ Username: 'alice', Pool: pool })
  const session = await authenticate(user, 'Correct-Horse-42')
  expect(session.getIdToken().payload['cognito:username']).toBe('alice')

  const refreshed = await new Promise<CognitoUserSession>((resolve, reject) =>
    user.refreshSession(session.getRefreshToken(), (err, s) => (err ? reject(err) : resolve(s))),
  )
  expect(refreshed.getAccessToken().getJwtToken()).not.toBe(session.getAccessToken().getJwtToken())
})
