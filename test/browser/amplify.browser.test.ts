import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  GetUserCommand,
} from '@aws-sdk/client-cognito-identity-provider'
import { Amplify } from 'aws-amplify'
import { fetchAuthSession, fetchUserAttributes, getCurrentUser, signIn, signOut } from 'aws-amplify/auth'
import { setupWorker } from 'msw/browser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCognito } from '../../src/index.ts'

const cognito = createCognito()
const worker = setupWorker(...cognito.handlers)

beforeAll(async () => {
  await worker.start({ quiet: true, onUnhandledFrame: 'bypass' })
})
afterAll(async () => {
  await signOut().catch(() => undefined)
  await worker.stop()
})

// No endpoint anywhere: the SDK and Amplify call https://cognito-idp.us-east-1.amazonaws.com/ and the Service
// Worker answers.
const sdk = new CognitoIdentityProviderClient({
  region: 'us-east-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  maxAttempts: 1,
})

async function poolWithUser(username: string, password: string) {
  const { UserPool } = await sdk.send(new CreateUserPoolCommand({ PoolName: 'browser-amplify' }))
  const UserPoolId = UserPool!.Id!
  const { UserPoolClient } = await sdk.send(
    new CreateUserPoolClientCommand({
      UserPoolId,
      ClientName: 'web',
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    }),
  )
  const { User } = await sdk.send(
    new AdminCreateUserCommand({
      UserPoolId,
      Username: username,
      UserAttributes: [
        { Name: 'email', Value: 'alice@example.com' },
        { Name: 'email_verified', Value: 'true' },
      ],
      MessageAction: 'SUPPRESS',
    }),
  )
  await sdk.send(
    new AdminSetUserPasswordCommand({ UserPoolId, Username: username, Password: password, Permanent: true }),
  )
  const sub = User!.Attributes!.find((a) => a.Name === 'sub')!.Value!
  return { UserPoolId, ClientId: UserPoolClient!.ClientId!, sub }
}

describe('Amplify v6 in the browser, through setupWorker', () => {
  it('signs in with SRP, reads the session and the attributes, and signs out', async () => {
    const { UserPoolId, ClientId, sub } = await poolWithUser('alice', 'Correct-Horse-42')
    Amplify.configure({ Auth: { Cognito: { userPoolId: UserPoolId, userPoolClientId: ClientId } } })

    expect(await signIn({ username: 'alice', password: 'Correct-Horse-42' })).toEqual({
      isSignedIn: true,
      nextStep: { signInStep: 'DONE' },
    })
    expect(await getCurrentUser()).toMatchObject({ username: 'alice', userId: sub })

    const { tokens, userSub } = await fetchAuthSession()
    expect(userSub).toBe(sub)
    const iss = `https://cognito-idp.us-east-1.amazonaws.com/${UserPoolId}`
    expect(tokens?.accessToken.payload).toMatchObject({
      iss,
      token_use: 'access',
      client_id: ClientId,
      username: 'alice',
    })
    expect(tokens?.idToken?.payload).toMatchObject({
      iss,
      token_use: 'id',
      aud: ClientId,
      email: 'alice@example.com',
    })
    // Amplify keeps its tokens in localStorage in a browser.
    expect(localStorage.getItem(`CognitoIdentityServiceProvider.${ClientId}.LastAuthUser`)).toBe('alice')

    expect(await fetchUserAttributes()).toEqual({ sub, email: 'alice@example.com', email_verified: 'true' })

    const accessToken = tokens!.accessToken.toString()
    await signOut()
    expect((await fetchAuthSession()).tokens).toBeUndefined()
    expect(localStorage.getItem(`CognitoIdentityServiceProvider.${ClientId}.LastAuthUser`)).toBeNull()
    await expect(sdk.send(new GetUserCommand({ AccessToken: accessToken }))).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Access Token has been revoked',
    })
  })

  it('rejects a wrong password with NotAuthorizedException', async () => {
    const { UserPoolId, ClientId } = await poolWithUser('bob', 'Correct-Horse-42')
    Amplify.configure({ Auth: { Cognito: { userPoolId: UserPoolId, userPoolClientId: ClientId } } })
    await expect(signIn({ username: 'bob', password: 'Wrong-Horse-42' })).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    })
  })
})
