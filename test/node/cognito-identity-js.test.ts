import { GetUserCommand, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider'
import {
  AuthenticationDetails,
  CognitoUser,
  CognitoUserAttribute,
  CognitoUserPool,
  type CognitoUserSession,
  type ISignUpResult,
} from 'amazon-cognito-identity-js'
import { describe, expect, it } from 'vitest'
import { codeFor } from '../support/amplify.ts'
import { createUser, failure, PASSWORD, poolWithClient } from '../support/auth-fixtures.ts'
import { ENDPOINTS, sdkClient, useCognito } from '../support/cognito.ts'

// Sign-in with SRP, refreshSession and a wrong password are in auth-srp.test.ts; this file covers the rest of the
// lifecycle through amazon-cognito-identity-js's own API.

const { cognito } = useCognito()
const sdk = sdkClient()
const NEW_PASSWORD = 'Brand-New-Pass-2'

/** cij's callbacks as promises. */
const promised = <T>(run: (done: (err: unknown, value?: T) => void) => void) =>
  new Promise<T>((resolve, reject) => run((err, value) => (err ? reject(err) : resolve(value as T))))

function authenticate(user: CognitoUser, password: string) {
  const details = new AuthenticationDetails({ Username: user.getUsername(), Password: password })
  return new Promise<CognitoUserSession>((resolve, reject) =>
    user.authenticateUser(details, {
      onSuccess: resolve,
      onFailure: reject,
      newPasswordRequired: () => reject(new Error('newPasswordRequired')),
    }),
  )
}

/** The `code` and message of a cij failure. */
async function cijFailure(promise: Promise<unknown>) {
  const err = (await promise.then(
    () => {
      throw new Error('Expected the call to fail, but it succeeded.')
    },
    (e: unknown) => e,
  )) as { code: string; message: string }
  return { code: err.code, message: err.message }
}

/**
 * REFRESH_TOKEN_AUTH through the SDK. (cij's refreshSession retries every failure with a backoff of about 7 s in
 * all, against AWS too, so failed refreshes are asserted here.)
 */
const refresh = (clientId: string, session: CognitoUserSession) =>
  sdk.send(
    new InitiateAuthCommand({
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      ClientId: clientId,
      AuthParameters: { REFRESH_TOKEN: session.getRefreshToken().getToken() },
    }),
  )
const refreshRevoked = { name: 'NotAuthorizedException', message: 'Refresh Token has been revoked' }

async function setUp(endpoint?: string, pool = {}) {
  const { poolId, clientId } = await poolWithClient(sdk, pool)
  const userPool = new CognitoUserPool({
    UserPoolId: poolId,
    ClientId: clientId,
    ...(endpoint ? { endpoint } : {}),
  })
  const user = (username: string) => new CognitoUser({ Username: username, Pool: userPool })
  return { poolId, clientId, userPool, user }
}

describe.each(ENDPOINTS)('amazon-cognito-identity-js through %s', (_, endpoint) => {
  it('signs up, confirms with the emailed code, signs in and reads the stored session and attributes', async () => {
    const { userPool, user } = await setUp(endpoint, { AutoVerifiedAttributes: ['email'] })
    const email = new CognitoUserAttribute({ Name: 'email', Value: 'alice@example.com' })
    const result = await promised<ISignUpResult>((done) =>
      userPool.signUp('alice', PASSWORD, [email], [], done),
    )
    expect(result.userConfirmed).toBe(false)
    expect(result.userSub).toMatch(/^[0-9a-f-]{36}$/)
    expect(result.codeDeliveryDetails).toEqual({
      AttributeName: 'email',
      DeliveryMedium: 'EMAIL',
      Destination: 'a***@e***',
    })

    const alice = user('alice')
    const confirmed = await promised((done) =>
      alice.confirmRegistration(codeFor(cognito, 'alice', 'SignUp'), false, done),
    )
    expect(confirmed).toBe('SUCCESS')

    const session = await authenticate(alice, PASSWORD)
    expect(session.getIdToken().payload).toMatchObject({
      sub: result.userSub,
      'cognito:username': 'alice',
      email: 'alice@example.com',
      email_verified: true,
    })

    // A new CognitoUser from the pool finds the session cij stored under LastAuthUser.
    const current = userPool.getCurrentUser()!
    expect(current.getUsername()).toBe('alice')
    const stored = await promised<CognitoUserSession>((done) => current.getSession(done))
    expect(stored.isValid()).toBe(true)
    expect(stored.getAccessToken().getJwtToken()).toBe(session.getAccessToken().getJwtToken())

    const attributes = await promised<CognitoUserAttribute[]>((done) => current.getUserAttributes(done))
    expect(Object.fromEntries(attributes.map((a) => [a.getName(), a.getValue()]))).toEqual({
      sub: result.userSub,
      email: 'alice@example.com',
      email_verified: 'true',
    })
  })

  it('rejects a wrong confirmation code and a taken username as Cognito does', async () => {
    const { userPool, user } = await setUp(endpoint, { AutoVerifiedAttributes: ['email'] })
    const email = new CognitoUserAttribute({ Name: 'email', Value: 'alice@example.com' })
    await promised((done) => userPool.signUp('alice', PASSWORD, [email], [], done))
    const wrong = codeFor(cognito, 'alice', 'SignUp') === '000000' ? '111111' : '000000'
    expect(
      await cijFailure(promised((done) => user('alice').confirmRegistration(wrong, false, done))),
    ).toEqual({
      code: 'CodeMismatchException',
      message: 'Invalid verification code provided, please try again.',
    })
    expect(
      await cijFailure(promised((done) => userPool.signUp('alice', PASSWORD, [email], [], done))),
    ).toEqual({
      code: 'UsernameExistsException',
      message: 'User already exists',
    })
  })

  it('changes the password of a signed-in user; only the new one signs in afterwards', async () => {
    const { poolId, user } = await setUp(endpoint)
    await createUser(sdk, poolId, 'alice')
    const alice = user('alice')
    await authenticate(alice, PASSWORD)
    expect(await promised((done) => alice.changePassword(PASSWORD, NEW_PASSWORD, done))).toBe('SUCCESS')
    expect(await cijFailure(authenticate(user('alice'), PASSWORD))).toEqual({
      code: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    })
    const session = await authenticate(user('alice'), NEW_PASSWORD)
    expect(session.getAccessToken().payload.username).toBe('alice')
  })

  it('resets a forgotten password with forgotPassword and confirmPassword', async () => {
    const { poolId, user } = await setUp(endpoint)
    await createUser(sdk, poolId, 'alice', {
      attributes: { email: 'alice@example.com', email_verified: 'true' },
    })
    const alice = user('alice')
    const delivery = await new Promise((resolve, reject) =>
      alice.forgotPassword({ onSuccess: resolve, onFailure: reject, inputVerificationCode: resolve }),
    )
    expect(delivery).toEqual({
      CodeDeliveryDetails: { AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: 'a***@e***' },
    })
    const code = codeFor(cognito, 'alice', 'ForgotPassword')
    const done = await new Promise((resolve, reject) =>
      alice.confirmPassword(code, NEW_PASSWORD, { onSuccess: resolve, onFailure: reject }),
    )
    expect(done).toBe('SUCCESS')
    expect((await authenticate(user('alice'), NEW_PASSWORD)).isValid()).toBe(true)
  })

  it('calls newPasswordRequired for an invited user and completes the challenge', async () => {
    const { poolId, user } = await setUp(endpoint)
    await createUser(sdk, poolId, 'alice', {
      permanent: false,
      attributes: { email: 'alice@example.com', email_verified: 'true' },
    })
    const alice = user('alice')
    const details = new AuthenticationDetails({ Username: 'alice', Password: PASSWORD })
    const challenge = await new Promise<{ userAttributes: unknown; requiredAttributes: unknown }>(
      (resolve, reject) =>
        alice.authenticateUser(details, {
          onSuccess: () => reject(new Error('Expected newPasswordRequired')),
          onFailure: reject,
          newPasswordRequired: (userAttributes, requiredAttributes) =>
            resolve({ userAttributes, requiredAttributes }),
        }),
    )
    expect(challenge).toEqual({
      userAttributes: { email: 'alice@example.com', email_verified: 'true' },
      requiredAttributes: [],
    })
    const session = await new Promise<CognitoUserSession>((resolve, reject) =>
      alice.completeNewPasswordChallenge(NEW_PASSWORD, {}, { onSuccess: resolve, onFailure: reject }),
    )
    expect(session.getIdToken().payload['cognito:username']).toBe('alice')
    expect((await authenticate(user('alice'), NEW_PASSWORD)).isValid()).toBe(true)
  })

  it('updates an email, verifies it with the emailed code, and reads the user with getUserData', async () => {
    const { poolId, user } = await setUp(endpoint, { AutoVerifiedAttributes: ['email'] })
    await createUser(sdk, poolId, 'alice', {
      attributes: { email: 'alice@example.com', email_verified: 'true' },
    })
    const alice = user('alice')
    await authenticate(alice, PASSWORD)
    const email = new CognitoUserAttribute({ Name: 'email', Value: 'alice@example.org' })
    const updated = await promised<unknown>((done) => alice.updateAttributes([email], done))
    expect(updated).toBe('SUCCESS')
    const { code } = cognito.outbox.at(-1)!
    expect(cognito.outbox.at(-1)).toMatchObject({
      reason: 'UpdateUserAttributes',
      destination: 'alice@example.org',
    })
    const verified = await new Promise((resolve, reject) =>
      alice.verifyAttribute('email', code!, { onSuccess: resolve, onFailure: reject }),
    )
    expect(verified).toBe('SUCCESS')
    const data = await promised<{ Username: string; UserAttributes: { Name: string; Value: string }[] }>(
      (done) => alice.getUserData(done, { bypassCache: true }),
    )
    expect(data.Username).toBe('alice')
    expect(data.UserAttributes).toEqual(
      expect.arrayContaining([
        { Name: 'email', Value: 'alice@example.org' },
        { Name: 'email_verified', Value: 'true' },
      ]),
    )
  })

  it('signs in with USER_PASSWORD_AUTH after setAuthenticationFlowType', async () => {
    const { poolId, user } = await setUp(endpoint)
    await createUser(sdk, poolId, 'alice')
    const alice = user('alice')
    alice.setAuthenticationFlowType('USER_PASSWORD_AUTH')
    const session = await authenticate(alice, PASSWORD)
    expect(session.getAccessToken().payload.username).toBe('alice')
  })

  it('deletes the signed-in user with deleteUser', async () => {
    const { poolId, user } = await setUp(endpoint)
    await createUser(sdk, poolId, 'alice')
    const alice = user('alice')
    await authenticate(alice, PASSWORD)
    expect(await promised((done) => alice.deleteUser(done))).toBe('SUCCESS')
    expect(await cijFailure(authenticate(user('alice'), PASSWORD))).toEqual({
      code: 'UserNotFoundException',
      message: 'User does not exist.',
    })
  })

  it('revokes every session of the user with globalSignOut', async () => {
    const { clientId, poolId, user } = await setUp(endpoint)
    await createUser(sdk, poolId, 'alice')
    const alice = user('alice')
    const session = await authenticate(alice, PASSWORD)
    const other = await authenticate(user('alice'), PASSWORD)
    const signedOut = await new Promise((resolve, reject) =>
      alice.globalSignOut({ onSuccess: resolve, onFailure: reject }),
    )
    expect(signedOut).toBe('SUCCESS')

    for (const s of [session, other]) {
      const getUser = sdk.send(new GetUserCommand({ AccessToken: s.getAccessToken().getJwtToken() }))
      expect(await failure(getUser)).toEqual({
        name: 'NotAuthorizedException',
        message: 'Access Token has been revoked',
      })
    }
    for (const s of [session, other]) expect(await failure(refresh(clientId, s))).toEqual(refreshRevoked)
  })

  it('revokes the refresh token of this session only with signOut(callback)', async () => {
    const { clientId, poolId, user } = await setUp(endpoint)
    await createUser(sdk, poolId, 'alice')
    const alice = user('alice')
    const session = await authenticate(alice, PASSWORD)
    const other = await authenticate(user('alice'), PASSWORD)
    await promised((done) => alice.signOut(() => done(undefined)))

    expect(await failure(refresh(clientId, session))).toEqual(refreshRevoked)
    const stillValid = await promised<CognitoUserSession>((done) =>
      user('alice').refreshSession(other.getRefreshToken(), done),
    )
    expect(stillValid.getIdToken().payload['cognito:username']).toBe('alice')
  })
})
