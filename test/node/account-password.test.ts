import {
  AdminGetUserCommand,
  AdminResetUserPasswordCommand,
  ChangePasswordCommand,
  type CognitoIdentityProviderClient,
  ConfirmForgotPasswordCommand,
  type CreateUserPoolClientCommandInput,
  type CreateUserPoolCommandInput,
  ForgotPasswordCommand,
} from '@aws-sdk/client-cognito-identity-provider'
import { describe, expect, it } from 'vitest'
import { createUser, PASSWORD, poolWithClient, passwordSignIn as signIn } from '../support/auth-fixtures.ts'
import { ENDPOINTS, sdkClient, useCognito } from '../support/cognito.ts'

const { cognito, clock } = useCognito()
const NEW_PASSWORD = 'Battery-Staple-2'

const setup = (
  sdk: CognitoIdentityProviderClient,
  pool: Partial<CreateUserPoolCommandInput> = {},
  client: Partial<CreateUserPoolClientCommandInput> = {},
) =>
  poolWithClient(
    sdk,
    { PoolName: 'recovery', ...pool },
    { ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'], ...client },
  )

const VERIFIED_EMAIL = { email: 'jane@example.com', email_verified: 'true' }
const VERIFIED_PHONE = { phone_number: '+15555550123', phone_number_verified: 'true' }

const statusOf = async (sdk: CognitoIdentityProviderClient, poolId: string, username: string) =>
  (await sdk.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: username }))).UserStatus

describe.each(ENDPOINTS)('ForgotPassword and ConfirmForgotPassword through %s', (_, endpoint) => {
  const sdk = sdkClient(endpoint)

  it('sends a reset code to the verified email and sets the new password with it', async () => {
    const { poolId, clientId } = await setup(sdk)
    await createUser(sdk, poolId, 'jane', { attributes: VERIFIED_EMAIL })
    const res = await sdk.send(new ForgotPasswordCommand({ ClientId: clientId, Username: 'jane' }))
    expect(res.CodeDeliveryDetails).toEqual({
      AttributeName: 'email',
      DeliveryMedium: 'EMAIL',
      Destination: 'j***@e***',
    })
    const message = cognito.outbox.at(-1)!
    expect(message).toMatchObject({
      username: 'jane',
      destination: 'jane@example.com',
      reason: 'ForgotPassword',
    })
    await sdk.send(
      new ConfirmForgotPasswordCommand({
        ClientId: clientId,
        Username: 'jane',
        ConfirmationCode: message.code!,
        Password: NEW_PASSWORD,
      }),
    )
    expect((await signIn(sdk, clientId, 'jane', NEW_PASSWORD)).AuthenticationResult?.AccessToken).toBeTruthy()
    await expect(signIn(sdk, clientId, 'jane', PASSWORD)).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    })
  })

  it('resets the password of a user whose email is the username', async () => {
    const { poolId, clientId } = await setup(sdk, { UsernameAttributes: ['email'] })
    await createUser(sdk, poolId, 'jane@example.com', { attributes: { email_verified: 'true' } })
    await sdk.send(new ForgotPasswordCommand({ ClientId: clientId, Username: 'jane@example.com' }))
    await sdk.send(
      new ConfirmForgotPasswordCommand({
        ClientId: clientId,
        Username: 'jane@example.com',
        ConfirmationCode: cognito.outbox.at(-1)!.code!,
        Password: NEW_PASSWORD,
      }),
    )
    expect((await signIn(sdk, clientId, 'jane@example.com', NEW_PASSWORD)).AuthenticationResult).toBeDefined()
  })

  it('follows AccountRecoverySetting: the verified phone number first when it says so', async () => {
    const { poolId, clientId } = await setup(sdk, {
      AccountRecoverySetting: {
        RecoveryMechanisms: [
          { Priority: 1, Name: 'verified_phone_number' },
          { Priority: 2, Name: 'verified_email' },
        ],
      },
    })
    await createUser(sdk, poolId, 'jane', { attributes: { ...VERIFIED_EMAIL, ...VERIFIED_PHONE } })
    const res = await sdk.send(new ForgotPasswordCommand({ ClientId: clientId, Username: 'jane' }))
    expect(res.CodeDeliveryDetails).toEqual({
      AttributeName: 'phone_number',
      DeliveryMedium: 'SMS',
      Destination: '+*******0123',
    })
    expect(cognito.outbox.at(-1)).toMatchObject({ deliveryMedium: 'SMS', destination: '+15555550123' })
  })

  it('refuses a user with no verified email or phone number', async () => {
    const { poolId, clientId } = await setup(sdk)
    await createUser(sdk, poolId, 'jane', { attributes: { email: 'jane@example.com' } })
    await expect(
      sdk.send(new ForgotPasswordCommand({ ClientId: clientId, Username: 'jane' })),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Cannot reset password for the user as there is no registered/verified email or phone_number',
    })
  })

  it('refuses a user who has not yet changed the temporary password', async () => {
    const { poolId, clientId } = await setup(sdk)
    await createUser(sdk, poolId, 'jane', { attributes: VERIFIED_EMAIL, permanent: false })
    await expect(
      sdk.send(new ForgotPasswordCommand({ ClientId: clientId, Username: 'jane' })),
    ).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'User password cannot be reset in the current state.',
    })
  })

  it('answers UserNotFoundException for an unknown user, or plausible delivery details when ENABLED', async () => {
    const legacy = await setup(sdk)
    await expect(
      sdk.send(new ForgotPasswordCommand({ ClientId: legacy.clientId, Username: 'nobody' })),
    ).rejects.toMatchObject({
      name: 'UserNotFoundException',
      message: 'Username/client id combination not found.',
    })
    const hidden = await setup(sdk, {}, { PreventUserExistenceErrors: 'ENABLED' })
    const res = await sdk.send(
      new ForgotPasswordCommand({ ClientId: hidden.clientId, Username: 'nobody@example.com' }),
    )
    expect(res.CodeDeliveryDetails).toEqual({
      AttributeName: 'email',
      DeliveryMedium: 'EMAIL',
      Destination: 'n***@e***',
    })
    await expect(
      sdk.send(
        new ConfirmForgotPasswordCommand({
          ClientId: hidden.clientId,
          Username: 'nobody@example.com',
          ConfirmationCode: '123456',
          Password: NEW_PASSWORD,
        }),
      ),
    ).rejects.toMatchObject({ name: 'CodeMismatchException' })
    expect(cognito.outbox).toHaveLength(0)
  })

  it('refuses a wrong code, a code older than an hour, and a code never requested', async () => {
    const { poolId, clientId } = await setup(sdk)
    await createUser(sdk, poolId, 'jane', { attributes: VERIFIED_EMAIL })
    const confirm = (code: string) =>
      sdk.send(
        new ConfirmForgotPasswordCommand({
          ClientId: clientId,
          Username: 'jane',
          ConfirmationCode: code,
          Password: NEW_PASSWORD,
        }),
      )
    await expect(confirm('123456')).rejects.toMatchObject({
      name: 'ExpiredCodeException',
      message: 'Invalid code provided, please request a code again.',
    })
    await sdk.send(new ForgotPasswordCommand({ ClientId: clientId, Username: 'jane' }))
    const code = cognito.outbox.at(-1)!.code!
    await expect(confirm(code === '000000' ? '111111' : '000000')).rejects.toMatchObject({
      name: 'CodeMismatchException',
      message: 'Invalid verification code provided, please try again.',
    })
    clock.advance(3601)
    await expect(confirm(code)).rejects.toMatchObject({ name: 'ExpiredCodeException' })
  })

  it('checks the new password against the pool policy', async () => {
    const { poolId, clientId } = await setup(sdk)
    await createUser(sdk, poolId, 'jane', { attributes: VERIFIED_EMAIL })
    await sdk.send(new ForgotPasswordCommand({ ClientId: clientId, Username: 'jane' }))
    await expect(
      sdk.send(
        new ConfirmForgotPasswordCommand({
          ClientId: clientId,
          Username: 'jane',
          ConfirmationCode: cognito.outbox.at(-1)!.code!,
          Password: 'short',
        }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidPasswordException',
      message: 'Password did not conform with policy: Password not long enough',
    })
  })

  it('leaves a user an administrator reset (RESET_REQUIRED) CONFIRMED, with the code AdminResetUserPassword sent', async () => {
    const { poolId, clientId } = await setup(sdk)
    await createUser(sdk, poolId, 'jane', { attributes: VERIFIED_EMAIL })
    await sdk.send(new AdminResetUserPasswordCommand({ UserPoolId: poolId, Username: 'jane' }))
    expect(await statusOf(sdk, poolId, 'jane')).toBe('RESET_REQUIRED')
    await sdk.send(
      new ConfirmForgotPasswordCommand({
        ClientId: clientId,
        Username: 'jane',
        ConfirmationCode: cognito.outbox.at(-1)!.code!,
        Password: NEW_PASSWORD,
      }),
    )
    expect(await statusOf(sdk, poolId, 'jane')).toBe('CONFIRMED')
    expect((await signIn(sdk, clientId, 'jane', NEW_PASSWORD)).AuthenticationResult).toBeDefined()
  })

  it('answers LimitExceededException after five wrong codes', async () => {
    const { poolId, clientId } = await setup(sdk)
    await createUser(sdk, poolId, 'jane', { attributes: VERIFIED_EMAIL })
    await sdk.send(new ForgotPasswordCommand({ ClientId: clientId, Username: 'jane' }))
    const right = cognito.outbox.at(-1)!.code!
    const confirm = (ConfirmationCode: string) =>
      sdk.send(
        new ConfirmForgotPasswordCommand({
          ClientId: clientId,
          Username: 'jane',
          ConfirmationCode,
          Password: NEW_PASSWORD,
        }),
      )
    const wrong = right === '000000' ? '111111' : '000000'
    for (let i = 0; i < 5; i++)
      await expect(confirm(wrong)).rejects.toMatchObject({ name: 'CodeMismatchException' })
    await expect(confirm(right)).rejects.toMatchObject({
      name: 'LimitExceededException',
      message: 'Attempt limit exceeded, please try after some time.',
    })
  })
})

describe.each(ENDPOINTS)('ChangePassword through %s', (_, endpoint) => {
  const sdk = sdkClient(endpoint)

  it('changes the password given the current one', async () => {
    const { poolId, clientId } = await setup(sdk)
    await createUser(sdk, poolId, 'jane')
    const { AuthenticationResult } = await signIn(sdk, clientId, 'jane', PASSWORD)
    const res = await sdk.send(
      new ChangePasswordCommand({
        AccessToken: AuthenticationResult!.AccessToken!,
        PreviousPassword: PASSWORD,
        ProposedPassword: NEW_PASSWORD,
      }),
    )
    expect(res.$metadata.httpStatusCode).toBe(200)
    expect((await signIn(sdk, clientId, 'jane', NEW_PASSWORD)).AuthenticationResult).toBeDefined()
  })

  it('refuses a wrong current password and a proposed password the policy rejects', async () => {
    const { poolId, clientId } = await setup(sdk)
    await createUser(sdk, poolId, 'jane')
    const token = (await signIn(sdk, clientId, 'jane', PASSWORD)).AuthenticationResult!.AccessToken!
    await expect(
      sdk.send(
        new ChangePasswordCommand({
          AccessToken: token,
          PreviousPassword: 'Wrong-Pass-1',
          ProposedPassword: NEW_PASSWORD,
        }),
      ),
    ).rejects.toMatchObject({ name: 'NotAuthorizedException', message: 'Incorrect username or password.' })
    await expect(
      sdk.send(
        new ChangePasswordCommand({
          AccessToken: token,
          PreviousPassword: PASSWORD,
          ProposedPassword: 'nocaps-1!',
        }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidPasswordException',
      message: 'Password did not conform with policy: Password must have uppercase characters',
    })
  })

  it('refuses an ID token, a tampered access token and an expired one', async () => {
    const { poolId, clientId } = await setup(sdk)
    await createUser(sdk, poolId, 'jane')
    const tokens = (await signIn(sdk, clientId, 'jane', PASSWORD)).AuthenticationResult!
    const token = tokens.AccessToken!
    const change = (AccessToken: string) =>
      sdk.send(
        new ChangePasswordCommand({
          AccessToken,
          PreviousPassword: PASSWORD,
          ProposedPassword: NEW_PASSWORD,
        }),
      )
    const [header, payload, signature] = token.split('.')
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString())
    const tampered = `${header}.${Buffer.from(JSON.stringify({ ...claims, username: 'other' })).toString('base64url')}.${signature}`
    await expect(change(tokens.IdToken!)).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Invalid Access Token',
    })
    await expect(change(tampered)).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Invalid Access Token',
    })
    clock.advance(3601)
    await expect(change(token)).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Access Token has expired',
    })
  })
})
