import {
  AdminResetUserPasswordCommand,
  GetTokensFromRefreshTokenCommand,
  GetUserCommand,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider'
import {
  autoSignIn,
  confirmResetPassword,
  confirmSignIn,
  confirmSignUp,
  confirmUserAttribute,
  deleteUser,
  fetchAuthSession,
  fetchUserAttributes,
  getCurrentUser,
  resendSignUpCode,
  resetPassword,
  signIn,
  signOut,
  signUp,
  updatePassword,
  updateUserAttributes,
} from 'aws-amplify/auth'
import { afterEach, describe, expect, it } from 'vitest'
import { codeFor, configureAmplify, resetAmplify } from '../support/amplify.ts'
import { createUser, failure, PASSWORD } from '../support/auth-fixtures.ts'
import { sdkClient, useCognito } from '../support/cognito.ts'

const { cognito } = useCognito()
const sdk = sdkClient()

afterEach(resetAmplify)

const EMAIL_POOL = { AutoVerifiedAttributes: ['email' as const] }
const NEW_PASSWORD = 'Brand-New-Pass-2'
const signedIn = { isSignedIn: true, nextStep: { signInStep: 'DONE' } }

/** The tokens Amplify holds right now, as strings and decoded claims. */
async function tokens(forceRefresh = false) {
  const { tokens, userSub } = await fetchAuthSession({ forceRefresh })
  if (!tokens?.idToken) throw new Error('Amplify holds no tokens.')
  return {
    userSub,
    access: tokens.accessToken.payload,
    id: tokens.idToken.payload,
    accessToken: tokens.accessToken.toString(),
  }
}

/** The refresh token Amplify keeps in its (in-memory) key-value store. */
async function storedRefreshToken(clientId: string, username: string) {
  const { defaultStorage } = await import('aws-amplify/utils')
  const token = await defaultStorage.getItem(
    `CognitoIdentityServiceProvider.${clientId}.${username}.refreshToken`,
  )
  if (!token) throw new Error('Amplify stored no refresh token.')
  return token
}

describe('Amplify v6: the whole journey of a user who signs up', () => {
  it('signs up, confirms, signs in with SRP, changes email and password, signs out and back in', async () => {
    const { poolId, clientId } = await configureAmplify(sdk, EMAIL_POOL)

    const up = await signUp({
      username: 'alice',
      password: PASSWORD,
      options: { userAttributes: { email: 'alice@example.com' } },
    })
    expect(up).toEqual({
      isSignUpComplete: false,
      userId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      nextStep: {
        signUpStep: 'CONFIRM_SIGN_UP',
        codeDeliveryDetails: { attributeName: 'email', deliveryMedium: 'EMAIL', destination: 'a***@e***' },
      },
    })

    const confirmed = await confirmSignUp({
      username: 'alice',
      confirmationCode: codeFor(cognito, 'alice', 'SignUp'),
    })
    expect(confirmed).toEqual({ isSignUpComplete: true, nextStep: { signUpStep: 'DONE' } })

    expect(await signIn({ username: 'alice', password: PASSWORD })).toEqual(signedIn)
    expect(await getCurrentUser()).toMatchObject({ username: 'alice', userId: up.userId })

    const first = await tokens()
    expect(first.userSub).toBe(up.userId)
    expect(first.access).toMatchObject({
      iss: `https://cognito-idp.us-east-1.amazonaws.com/${poolId}`,
      token_use: 'access',
      client_id: clientId,
      username: 'alice',
      sub: up.userId,
      scope: 'aws.cognito.signin.user.admin',
    })
    expect(first.id).toMatchObject({
      token_use: 'id',
      aud: clientId,
      'cognito:username': 'alice',
      email: 'alice@example.com',
      email_verified: true,
    })

    expect(await fetchUserAttributes()).toEqual({
      sub: up.userId,
      email: 'alice@example.com',
      email_verified: 'true',
    })

    const updated = await updateUserAttributes({
      userAttributes: { email: 'alice@example.org', name: 'Alice' },
    })
    expect(updated).toEqual({
      name: { isUpdated: true, nextStep: { updateAttributeStep: 'DONE' } },
      email: {
        isUpdated: false,
        nextStep: {
          updateAttributeStep: 'CONFIRM_ATTRIBUTE_WITH_CODE',
          codeDeliveryDetails: { attributeName: 'email', deliveryMedium: 'EMAIL', destination: 'a***@e***' },
        },
      },
    })
    const emailMessage = cognito.outbox.at(-1)!
    expect(emailMessage).toMatchObject({
      username: 'alice',
      reason: 'UpdateUserAttributes',
      destination: 'alice@example.org',
    })
    expect(await fetchUserAttributes()).toMatchObject({
      email: 'alice@example.org',
      email_verified: 'false',
      name: 'Alice',
    })
    await confirmUserAttribute({ userAttributeKey: 'email', confirmationCode: emailMessage.code! })
    expect(await fetchUserAttributes()).toMatchObject({ email: 'alice@example.org', email_verified: 'true' })

    await updatePassword({ oldPassword: PASSWORD, newPassword: NEW_PASSWORD })
    await signOut()
    expect((await fetchAuthSession()).tokens).toBeUndefined()

    await expect(signIn({ username: 'alice', password: PASSWORD })).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    })
    expect(await signIn({ username: 'alice', password: NEW_PASSWORD })).toEqual(signedIn)
    expect((await tokens()).id).toMatchObject({
      email: 'alice@example.org',
      name: 'Alice',
      email_verified: true,
    })
  })

  it('resets a forgotten password with the emailed code, then signs in with the new one', async () => {
    const { poolId } = await configureAmplify(sdk)
    await createUser(sdk, poolId, 'alice', {
      attributes: { email: 'alice@example.com', email_verified: 'true' },
    })

    const reset = await resetPassword({ username: 'alice' })
    expect(reset).toEqual({
      isPasswordReset: false,
      nextStep: {
        resetPasswordStep: 'CONFIRM_RESET_PASSWORD_WITH_CODE',
        codeDeliveryDetails: { attributeName: 'email', deliveryMedium: 'EMAIL', destination: 'a***@e***' },
      },
    })
    await confirmResetPassword({
      username: 'alice',
      confirmationCode: codeFor(cognito, 'alice', 'ForgotPassword'),
      newPassword: NEW_PASSWORD,
    })

    await expect(signIn({ username: 'alice', password: PASSWORD })).rejects.toMatchObject({
      name: 'NotAuthorizedException',
    })
    expect(await signIn({ username: 'alice', password: NEW_PASSWORD })).toEqual(signedIn)
    expect((await tokens()).access.username).toBe('alice')
  })

  it('walks an invited user through CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED', async () => {
    const { poolId } = await configureAmplify(sdk)
    await createUser(sdk, poolId, 'alice', {
      permanent: false,
      attributes: { email: 'alice@example.com', email_verified: 'true' },
    })

    const first = await signIn({ username: 'alice', password: PASSWORD })
    expect(first).toEqual({
      isSignedIn: false,
      nextStep: {
        signInStep: 'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED',
        missingAttributes: [],
      },
    })
    expect(await confirmSignIn({ challengeResponse: NEW_PASSWORD })).toEqual(signedIn)
    expect((await tokens()).id).toMatchObject({ 'cognito:username': 'alice', email: 'alice@example.com' })

    await signOut()
    expect(await signIn({ username: 'alice', password: NEW_PASSWORD })).toEqual(signedIn)
  })

  it('returns new tokens from fetchAuthSession({ forceRefresh: true }), from the same sign-in', async () => {
    const { poolId } = await configureAmplify(sdk)
    await createUser(sdk, poolId, 'alice')
    await signIn({ username: 'alice', password: PASSWORD })

    const before = await tokens()
    const after = await tokens(true)
    expect(after.accessToken).not.toBe(before.accessToken)
    expect(after.access.jti).not.toBe(before.access.jti)
    expect(after.access.origin_jti).toBe(before.access.origin_jti)
    expect(after.access.auth_time).toBe(before.access.auth_time)
    expect(after.id.jti).not.toBe(before.id.jti)
    expect(after.id.origin_jti).toBe(before.id.origin_jti)
    expect(after.userSub).toBe(before.userSub)
    // The new access token works.
    const user = await sdk.send(new GetUserCommand({ AccessToken: after.accessToken }))
    expect(user.Username).toBe('alice')
  })
})

describe('Amplify v6: more of the lifecycle', () => {
  it('signs in automatically after confirmSignUp when signUp asked for autoSignIn', async () => {
    await configureAmplify(sdk, EMAIL_POOL)
    const up = await signUp({
      username: 'alice',
      password: PASSWORD,
      options: { userAttributes: { email: 'alice@example.com' }, autoSignIn: true },
    })
    expect(up.nextStep.signUpStep).toBe('CONFIRM_SIGN_UP')
    const confirmed = await confirmSignUp({
      username: 'alice',
      confirmationCode: codeFor(cognito, 'alice', 'SignUp'),
    })
    expect(confirmed).toEqual({ isSignUpComplete: true, nextStep: { signUpStep: 'COMPLETE_AUTO_SIGN_IN' } })
    expect(await autoSignIn()).toEqual(signedIn)
    expect((await tokens()).id).toMatchObject({ 'cognito:username': 'alice', email_verified: true })
  })

  it('resends the sign-up code; the new code confirms the user', async () => {
    await configureAmplify(sdk, EMAIL_POOL)
    await signUp({
      username: 'bob',
      password: PASSWORD,
      options: { userAttributes: { email: 'bob@example.com' } },
    })
    const resent = await resendSignUpCode({ username: 'bob' })
    expect(resent).toEqual({ attributeName: 'email', deliveryMedium: 'EMAIL', destination: 'b***@e***' })
    const confirmed = await confirmSignUp({
      username: 'bob',
      confirmationCode: codeFor(cognito, 'bob', 'ResendCode'),
    })
    expect(confirmed.isSignUpComplete).toBe(true)
    expect(await signIn({ username: 'bob', password: PASSWORD })).toEqual(signedIn)
  })

  it('keeps the old email until the new one is verified where the pool requires verification before update', async () => {
    await configureAmplify(sdk, {
      ...EMAIL_POOL,
      UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['email'] },
    })
    await signUp({
      username: 'alice',
      password: PASSWORD,
      options: { userAttributes: { email: 'alice@example.com' } },
    })
    await confirmSignUp({ username: 'alice', confirmationCode: codeFor(cognito, 'alice', 'SignUp') })
    await signIn({ username: 'alice', password: PASSWORD })

    const updated = await updateUserAttributes({ userAttributes: { email: 'alice@example.org' } })
    expect(updated.email?.nextStep.updateAttributeStep).toBe('CONFIRM_ATTRIBUTE_WITH_CODE')
    const message = cognito.outbox.at(-1)!
    expect(message).toMatchObject({ reason: 'UpdateUserAttributes', destination: 'alice@example.org' })
    expect(await fetchUserAttributes()).toMatchObject({ email: 'alice@example.com', email_verified: 'true' })

    await confirmUserAttribute({ userAttributeKey: 'email', confirmationCode: message.code! })
    expect(await fetchUserAttributes()).toMatchObject({ email: 'alice@example.org', email_verified: 'true' })
  })

  it('signs in with USER_PASSWORD_AUTH when asked, and in any case where the pool is case-insensitive', async () => {
    const { poolId } = await configureAmplify(sdk, { UsernameConfiguration: { CaseSensitive: false } })
    await createUser(sdk, poolId, 'alice')
    const typed = { username: 'ALICE', password: PASSWORD }
    expect(await signIn({ ...typed, options: { authFlowType: 'USER_PASSWORD_AUTH' } })).toEqual(signedIn)
    expect((await getCurrentUser()).username).toBe('alice')
    await signOut()
    expect(await signIn(typed)).toEqual(signedIn)
    expect((await tokens()).access.username).toBe('alice')
  })

  it('signs in by a verified email alias and keeps the username as the active user', async () => {
    const { poolId } = await configureAmplify(sdk, { AliasAttributes: ['email', 'preferred_username'] })
    await createUser(sdk, poolId, 'alice', {
      attributes: { email: 'alice@example.com', email_verified: 'true', preferred_username: 'ally' },
    })
    expect(await signIn({ username: 'alice@example.com', password: PASSWORD })).toEqual(signedIn)
    expect(await getCurrentUser()).toMatchObject({
      username: 'alice',
      signInDetails: { loginId: 'alice@example.com', authFlowType: 'USER_SRP_AUTH' },
    })
    await signOut()
    expect(await signIn({ username: 'ally', password: PASSWORD })).toEqual(signedIn)
    expect((await tokens()).id).toMatchObject({ 'cognito:username': 'alice', preferred_username: 'ally' })
  })

  it('refuses updatePassword with a wrong old password or a new one the policy rejects', async () => {
    const { poolId } = await configureAmplify(sdk)
    await createUser(sdk, poolId, 'alice')
    await signIn({ username: 'alice', password: PASSWORD })
    await expect(
      updatePassword({ oldPassword: 'Wrong-Horse-1', newPassword: NEW_PASSWORD }),
    ).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    })
    await expect(updatePassword({ oldPassword: PASSWORD, newPassword: 'short' })).rejects.toMatchObject({
      name: 'InvalidPasswordException',
      message: 'Password did not conform with policy: Password not long enough',
    })
    await expect(signIn({ username: 'alice', password: PASSWORD })).rejects.toMatchObject({
      name: 'UserAlreadyAuthenticatedException',
    })
  })

  it('deletes the signed-in user with deleteUser; signing in again finds no user', async () => {
    const { poolId } = await configureAmplify(sdk)
    await createUser(sdk, poolId, 'alice')
    await signIn({ username: 'alice', password: PASSWORD })
    await deleteUser()
    expect((await fetchAuthSession()).tokens).toBeUndefined()
    await expect(signIn({ username: 'alice', password: PASSWORD })).rejects.toMatchObject({
      name: 'UserNotFoundException',
      message: 'User does not exist.',
    })
  })
})

describe('Amplify v6: sign-in outcomes that are not tokens', () => {
  it('rejects a wrong password with NotAuthorizedException "Incorrect username or password."', async () => {
    const { poolId } = await configureAmplify(sdk)
    await createUser(sdk, poolId, 'alice')
    await expect(signIn({ username: 'alice', password: 'Wrong-Horse-1' })).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    })
    expect((await fetchAuthSession()).tokens).toBeUndefined()
  })

  it('answers an unconfirmed user with the CONFIRM_SIGN_UP step', async () => {
    await configureAmplify(sdk, EMAIL_POOL)
    await signUp({
      username: 'bob',
      password: PASSWORD,
      options: { userAttributes: { email: 'bob@example.com' } },
    })
    expect(await signIn({ username: 'bob', password: PASSWORD })).toEqual({
      isSignedIn: false,
      nextStep: { signInStep: 'CONFIRM_SIGN_UP' },
    })
  })

  it('answers a user whose password was reset by an admin with the RESET_PASSWORD step', async () => {
    const { poolId } = await configureAmplify(sdk)
    await createUser(sdk, poolId, 'alice', {
      attributes: { email: 'alice@example.com', email_verified: 'true' },
    })
    await sdk.send(new AdminResetUserPasswordCommand({ UserPoolId: poolId, Username: 'alice' }))
    expect(await signIn({ username: 'alice', password: PASSWORD })).toEqual({
      isSignedIn: false,
      nextStep: { signInStep: 'RESET_PASSWORD' },
    })
    await confirmResetPassword({
      username: 'alice',
      confirmationCode: codeFor(cognito, 'alice', 'ForgotPassword'),
      newPassword: NEW_PASSWORD,
    })
    expect(await signIn({ username: 'alice', password: NEW_PASSWORD })).toEqual(signedIn)
  })
})

describe('Amplify v6: signing out revokes the session', () => {
  const revoked = { name: 'NotAuthorizedException', message: 'Access Token has been revoked' }

  it.each([
    ['signOut()', undefined],
    ['signOut({ global: true })', { global: true }],
  ])('%s makes the old refresh token and access token fail', async (_, options) => {
    const { poolId, clientId } = await configureAmplify(sdk)
    await createUser(sdk, poolId, 'alice')
    await signIn({ username: 'alice', password: PASSWORD })
    const { accessToken } = await tokens()
    const refreshToken = await storedRefreshToken(clientId, 'alice')

    await signOut(options)
    expect((await fetchAuthSession()).tokens).toBeUndefined()

    expect(await failure(sdk.send(new GetUserCommand({ AccessToken: accessToken })))).toEqual(revoked)
    const refresh = sdk.send(
      new InitiateAuthCommand({
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        ClientId: clientId,
        AuthParameters: { REFRESH_TOKEN: refreshToken },
      }),
    )
    expect(await failure(refresh)).toEqual({
      name: 'NotAuthorizedException',
      message: 'Refresh Token has been revoked',
    })
    const tokensFromRefresh = sdk.send(
      new GetTokensFromRefreshTokenCommand({ ClientId: clientId, RefreshToken: refreshToken }),
    )
    expect(await failure(tokensFromRefresh)).toEqual({
      name: 'NotAuthorizedException',
      message: 'Refresh Token has been revoked',
    })
  })
})
