import {
  AdminConfirmSignUpCommand,
  AdminGetUserCommand,
  type CognitoIdentityProviderClient,
  ConfirmForgotPasswordCommand,
  ConfirmSignUpCommand,
  ForgotPasswordCommand,
  GetUserAttributeVerificationCodeCommand,
  ResendConfirmationCodeCommand,
  SignUpCommand,
  VerifyUserAttributeCommand,
} from '@aws-sdk/client-cognito-identity-provider'
import { describe, expect, it } from 'vitest'
import { attrs, createUser, PASSWORD, passwordSignIn, poolWithClient } from '../support/auth-fixtures.ts'
import { ENDPOINTS, sdkClient, useCognito } from '../support/cognito.ts'

/**
 * What repeated wrong codes lead to (decisions/0005-codes-and-messages.md, "Attempt limits by operation"):
 * ConfirmForgotPassword answers LimitExceededException, as AWS does; ConfirmSignUp answers
 * TooManyFailedAttemptsException, our reading of the API model.
 */
const { cognito, clock } = useCognito()
const NEW_PASSWORD = 'Battery-Staple-2'
const LIMIT_MESSAGE = 'Attempt limit exceeded, please try after some time.'
const MISMATCH = {
  name: 'CodeMismatchException',
  message: 'Invalid verification code provided, please try again.',
}

const lastCode = (username: string) => cognito.outbox.findLast((m) => m.username === username)!.code!
const wrongFor = (right: string) => (right === '000000' ? '111111' : '000000')

async function userOf(sdk: CognitoIdentityProviderClient, poolId: string, username: string) {
  const user = await sdk.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: username }))
  return { status: user.UserStatus, ...attrs(user.UserAttributes) }
}

describe.each(ENDPOINTS)('ConfirmSignUp attempt limit through %s', (_, endpoint) => {
  const sdk = sdkClient(endpoint)

  async function signedUp() {
    const { poolId, clientId } = await poolWithClient(sdk, { AutoVerifiedAttributes: ['email'] })
    await sdk.send(
      new SignUpCommand({
        ClientId: clientId,
        Username: 'jane',
        Password: PASSWORD,
        UserAttributes: [{ Name: 'email', Value: 'jane@example.com' }],
      }),
    )
    const confirm = (ConfirmationCode: string) =>
      sdk.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'jane', ConfirmationCode }))
    return { poolId, clientId, confirm, right: lastCode('jane') }
  }

  it('answers TooManyFailedAttemptsException after five wrong codes, for the right code too', async () => {
    const { poolId, confirm, right } = await signedUp()
    for (let i = 0; i < 5; i++) await expect(confirm(wrongFor(right))).rejects.toMatchObject(MISMATCH)
    const limited = { name: 'TooManyFailedAttemptsException', message: LIMIT_MESSAGE }
    await expect(confirm(right)).rejects.toMatchObject(limited)
    await expect(confirm(wrongFor(right))).rejects.toMatchObject(limited)
    const user = await userOf(sdk, poolId, 'jane')
    expect(user.status).toBe('UNCONFIRMED')
    expect(user.email_verified).toBeUndefined()
  })

  it('still accepts the right code after four wrong ones', async () => {
    const { poolId, confirm, right } = await signedUp()
    for (let i = 0; i < 4; i++) await expect(confirm(wrongFor(right))).rejects.toMatchObject(MISMATCH)
    await confirm(right)
    expect((await userOf(sdk, poolId, 'jane')).status).toBe('CONFIRMED')
  })

  it('keeps the limit as time passes, and lifts it with a new code from ResendConfirmationCode', async () => {
    const { poolId, clientId, confirm, right } = await signedUp()
    for (let i = 0; i < 5; i++) await expect(confirm(wrongFor(right))).rejects.toMatchObject(MISMATCH)
    clock.advance(2 * 3600)
    await expect(confirm(right)).rejects.toMatchObject({ name: 'TooManyFailedAttemptsException' })
    await sdk.send(new ResendConfirmationCodeCommand({ ClientId: clientId, Username: 'jane' }))
    const fresh = lastCode('jane')
    await expect(confirm(wrongFor(fresh))).rejects.toMatchObject(MISMATCH)
    await confirm(fresh)
    const user = await userOf(sdk, poolId, 'jane')
    expect(user.status).toBe('CONFIRMED')
    expect(user.email_verified).toBe('true')
  })

  it('lets AdminConfirmSignUp confirm a user whose code is locked', async () => {
    const { poolId, clientId, confirm, right } = await signedUp()
    for (let i = 0; i < 5; i++) await expect(confirm(wrongFor(right))).rejects.toMatchObject(MISMATCH)
    await sdk.send(new AdminConfirmSignUpCommand({ UserPoolId: poolId, Username: 'jane' }))
    expect((await userOf(sdk, poolId, 'jane')).status).toBe('CONFIRMED')
    expect((await passwordSignIn(sdk, clientId, 'jane')).AuthenticationResult).toBeDefined()
  })
})

describe.each(ENDPOINTS)('ConfirmForgotPassword attempt limit through %s', (_, endpoint) => {
  const sdk = sdkClient(endpoint)

  async function resetRequested() {
    const { poolId, clientId } = await poolWithClient(sdk)
    await createUser(sdk, poolId, 'jane', {
      attributes: { email: 'jane@example.com', email_verified: 'true' },
    })
    const requestCode = async () => {
      await sdk.send(new ForgotPasswordCommand({ ClientId: clientId, Username: 'jane' }))
      return lastCode('jane')
    }
    const confirm = (ConfirmationCode: string) =>
      sdk.send(
        new ConfirmForgotPasswordCommand({
          ClientId: clientId,
          Username: 'jane',
          ConfirmationCode,
          Password: NEW_PASSWORD,
        }),
      )
    return { poolId, clientId, requestCode, confirm, right: await requestCode() }
  }

  it('answers LimitExceededException after five wrong codes and leaves the password unchanged', async () => {
    const { poolId, clientId, confirm, right } = await resetRequested()
    for (let i = 0; i < 5; i++) await expect(confirm(wrongFor(right))).rejects.toMatchObject(MISMATCH)
    const limited = { name: 'LimitExceededException', message: LIMIT_MESSAGE }
    await expect(confirm(right)).rejects.toMatchObject(limited)
    await expect(confirm(wrongFor(right))).rejects.toMatchObject(limited)
    expect((await userOf(sdk, poolId, 'jane')).status).toBe('CONFIRMED')
    expect((await passwordSignIn(sdk, clientId, 'jane', PASSWORD)).AuthenticationResult).toBeDefined()
  })

  it('keeps the limit for a new code within the hour, and lifts it an hour after the first wrong code', async () => {
    const { poolId, clientId, requestCode, confirm, right } = await resetRequested()
    for (let i = 0; i < 5; i++) await expect(confirm(wrongFor(right))).rejects.toMatchObject(MISMATCH)
    clock.advance(10 * 60)
    const fresh = await requestCode()
    await expect(confirm(fresh)).rejects.toMatchObject({
      name: 'LimitExceededException',
      message: LIMIT_MESSAGE,
    })
    clock.advance(51 * 60)
    await confirm(fresh)
    expect((await userOf(sdk, poolId, 'jane')).status).toBe('CONFIRMED')
    expect((await passwordSignIn(sdk, clientId, 'jane', NEW_PASSWORD)).AuthenticationResult).toBeDefined()
  })
})

describe('VerifyUserAttribute attempt limit', () => {
  const sdk = sdkClient()

  it('answers LimitExceededException after five wrong codes and leaves the email unverified', async () => {
    const { poolId, clientId } = await poolWithClient(sdk, { AutoVerifiedAttributes: ['email'] })
    await createUser(sdk, poolId, 'jane', { attributes: { email: 'jane@example.com' } })
    const token = (await passwordSignIn(sdk, clientId, 'jane')).AuthenticationResult!.AccessToken!
    await sdk.send(
      new GetUserAttributeVerificationCodeCommand({ AccessToken: token, AttributeName: 'email' }),
    )
    const right = lastCode('jane')
    const verify = (Code: string) =>
      sdk.send(new VerifyUserAttributeCommand({ AccessToken: token, AttributeName: 'email', Code }))
    for (let i = 0; i < 5; i++) await expect(verify(wrongFor(right))).rejects.toMatchObject(MISMATCH)
    await expect(verify(right)).rejects.toMatchObject({
      name: 'LimitExceededException',
      message: LIMIT_MESSAGE,
    })
    expect((await userOf(sdk, poolId, 'jane')).email_verified).not.toBe('true')
  })
})
