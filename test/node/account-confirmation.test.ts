import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  type CognitoIdentityProviderClient,
  ConfirmSignUpCommand,
  CreateUserPoolClientCommand,
  type CreateUserPoolClientCommandInput,
  CreateUserPoolCommand,
  type CreateUserPoolCommandInput,
  ResendConfirmationCodeCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider'
import { describe, expect, it } from 'vitest'
import { secretHash } from '../../src/core/secret-hash.ts'
import { ENDPOINTS, sdkClient, useCognito } from '../support/cognito.ts'

const { cognito, clock } = useCognito()
const PASSWORD = 'Correct-Horse-1'

async function setup(
  sdk: CognitoIdentityProviderClient,
  pool: Partial<CreateUserPoolCommandInput> = {},
  client: Partial<CreateUserPoolClientCommandInput> = {},
) {
  const { UserPool } = await sdk.send(
    new CreateUserPoolCommand({ PoolName: 'lifecycle', AutoVerifiedAttributes: ['email'], ...pool }),
  )
  const poolId = UserPool!.Id!
  const { UserPoolClient } = await sdk.send(
    new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'app', ...client }),
  )
  return { poolId, clientId: UserPoolClient!.ClientId!, secret: UserPoolClient!.ClientSecret }
}

async function signUp(sdk: CognitoIdentityProviderClient, clientId: string, username: string, email: string) {
  return sdk.send(
    new SignUpCommand({
      ClientId: clientId,
      Username: username,
      Password: PASSWORD,
      UserAttributes: [{ Name: 'email', Value: email }],
    }),
  )
}

const lastCode = (username: string) => cognito.outbox.findLast((m) => m.username === username)?.code

async function attributesOf(sdk: CognitoIdentityProviderClient, poolId: string, username: string) {
  const user = await sdk.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: username }))
  return {
    status: user.UserStatus,
    ...Object.fromEntries(user.UserAttributes!.map((a) => [a.Name!, a.Value!])),
  } as Record<string, string>
}

describe.each(ENDPOINTS)('ConfirmSignUp through %s', (_, endpoint) => {
  const sdk = sdkClient(endpoint)

  it('confirms a signed-up user with the code from the outbox and verifies the email it went to', async () => {
    const { poolId, clientId } = await setup(sdk)
    await signUp(sdk, clientId, 'jane', 'jane@example.com')
    const res = await sdk.send(
      new ConfirmSignUpCommand({ ClientId: clientId, Username: 'jane', ConfirmationCode: lastCode('jane')! }),
    )
    expect(res.$metadata.httpStatusCode).toBe(200)
    const user = await attributesOf(sdk, poolId, 'jane')
    expect(user.status).toBe('CONFIRMED')
    expect(user.email_verified).toBe('true')
  })

  it('refuses a wrong code with CodeMismatchException and leaves the user unconfirmed', async () => {
    const { poolId, clientId } = await setup(sdk)
    await signUp(sdk, clientId, 'jane', 'jane@example.com')
    const wrong = lastCode('jane') === '000000' ? '111111' : '000000'
    await expect(
      sdk.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'jane', ConfirmationCode: wrong })),
    ).rejects.toMatchObject({
      name: 'CodeMismatchException',
      message: 'Invalid verification code provided, please try again.',
    })
    expect((await attributesOf(sdk, poolId, 'jane')).status).toBe('UNCONFIRMED')
  })

  it('refuses a code older than 24 hours with ExpiredCodeException', async () => {
    const { clientId } = await setup(sdk)
    await signUp(sdk, clientId, 'jane', 'jane@example.com')
    clock.advance(24 * 3600 + 1)
    await expect(
      sdk.send(
        new ConfirmSignUpCommand({
          ClientId: clientId,
          Username: 'jane',
          ConfirmationCode: lastCode('jane')!,
        }),
      ),
    ).rejects.toMatchObject({
      name: 'ExpiredCodeException',
      message: 'Invalid code provided, please request a code again.',
    })
  })

  it('refuses to confirm a user twice with NotAuthorizedException naming the current status', async () => {
    const { clientId } = await setup(sdk)
    await signUp(sdk, clientId, 'jane', 'jane@example.com')
    const code = lastCode('jane')!
    await sdk.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'jane', ConfirmationCode: code }))
    await expect(
      sdk.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'jane', ConfirmationCode: code })),
    ).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'User cannot be confirmed. Current status is CONFIRMED',
    })
  })

  it('answers TooManyFailedAttemptsException after five wrong codes, even for the right one', async () => {
    const { clientId } = await setup(sdk)
    await signUp(sdk, clientId, 'jane', 'jane@example.com')
    const right = lastCode('jane')!
    const wrong = right === '000000' ? '111111' : '000000'
    const confirm = (code: string) =>
      sdk.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'jane', ConfirmationCode: code }))
    for (let i = 0; i < 5; i++)
      await expect(confirm(wrong)).rejects.toMatchObject({ name: 'CodeMismatchException' })
    await expect(confirm(right)).rejects.toMatchObject({
      name: 'TooManyFailedAttemptsException',
      message: 'Attempt limit exceeded, please try after some time.',
    })
  })

  it('answers UserNotFoundException for an unknown user', async () => {
    const { clientId } = await setup(sdk)
    await expect(
      sdk.send(
        new ConfirmSignUpCommand({ ClientId: clientId, Username: 'nobody', ConfirmationCode: '123456' }),
      ),
    ).rejects.toMatchObject({
      name: 'UserNotFoundException',
      message: 'Username/client id combination not found.',
    })
  })

  it('does not reveal an unknown user when PreventUserExistenceErrors is ENABLED', async () => {
    const { clientId } = await setup(sdk, {}, { PreventUserExistenceErrors: 'ENABLED' })
    await expect(
      sdk.send(
        new ConfirmSignUpCommand({ ClientId: clientId, Username: 'nobody', ConfirmationCode: '123456' }),
      ),
    ).rejects.toMatchObject({
      name: 'CodeMismatchException',
      message: 'Invalid verification code provided, please try again.',
    })
  })

  it('requires the SECRET_HASH of a client with a secret', async () => {
    const { clientId, secret } = await setup(sdk, {}, { GenerateSecret: true })
    await sdk.send(
      new SignUpCommand({
        ClientId: clientId,
        Username: 'jane',
        Password: PASSWORD,
        SecretHash: secretHash(secret!, 'jane', clientId),
        UserAttributes: [{ Name: 'email', Value: 'jane@example.com' }],
      }),
    )
    const code = lastCode('jane')!
    await expect(
      sdk.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'jane', ConfirmationCode: code })),
    ).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: `Client ${clientId} is configured with secret but SECRET_HASH was not received`,
    })
    await sdk.send(
      new ConfirmSignUpCommand({
        ClientId: clientId,
        Username: 'jane',
        ConfirmationCode: code,
        SecretHash: secretHash(secret!, 'jane', clientId),
      }),
    )
  })

  it('refuses an email alias another user has verified, unless ForceAliasCreation moves it', async () => {
    const { poolId, clientId } = await setup(sdk, { AliasAttributes: ['email'] })
    await sdk.send(
      new AdminCreateUserCommand({
        UserPoolId: poolId,
        Username: 'first',
        MessageAction: 'SUPPRESS',
        UserAttributes: [
          { Name: 'email', Value: 'shared@example.com' },
          { Name: 'email_verified', Value: 'true' },
        ],
      }),
    )
    await signUp(sdk, clientId, 'second', 'shared@example.com')
    const code = lastCode('second')!
    const confirm = (ForceAliasCreation?: boolean) =>
      sdk.send(
        new ConfirmSignUpCommand({
          ClientId: clientId,
          Username: 'second',
          ConfirmationCode: code,
          ForceAliasCreation,
        }),
      )
    await expect(confirm()).rejects.toMatchObject({
      name: 'AliasExistsException',
      message: 'An account with the email already exists.',
    })
    await confirm(true)
    expect((await attributesOf(sdk, poolId, 'second')).email_verified).toBe('true')
    expect((await attributesOf(sdk, poolId, 'first')).email_verified).toBe('false')
  })
})

describe.each(ENDPOINTS)('ResendConfirmationCode through %s', (_, endpoint) => {
  const sdk = sdkClient(endpoint)

  it('sends a new code to the outbox; the new code confirms, the old one no longer does', async () => {
    const { clientId } = await setup(sdk)
    await signUp(sdk, clientId, 'jane', 'jane@example.com')
    const first = lastCode('jane')!
    const res = await sdk.send(new ResendConfirmationCodeCommand({ ClientId: clientId, Username: 'jane' }))
    expect(res.CodeDeliveryDetails).toEqual({
      AttributeName: 'email',
      DeliveryMedium: 'EMAIL',
      Destination: 'j***@e***',
    })
    const message = cognito.outbox.at(-1)!
    expect(message).toMatchObject({ username: 'jane', destination: 'jane@example.com', reason: 'ResendCode' })
    const second = message.code!
    if (first !== second) {
      await expect(
        sdk.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'jane', ConfirmationCode: first })),
      ).rejects.toMatchObject({ name: 'CodeMismatchException' })
    }
    await sdk.send(
      new ConfirmSignUpCommand({ ClientId: clientId, Username: 'jane', ConfirmationCode: second }),
    )
  })

  it('refuses a confirmed user with InvalidParameterException', async () => {
    const { clientId } = await setup(sdk)
    await signUp(sdk, clientId, 'jane', 'jane@example.com')
    await sdk.send(
      new ConfirmSignUpCommand({ ClientId: clientId, Username: 'jane', ConfirmationCode: lastCode('jane')! }),
    )
    await expect(
      sdk.send(new ResendConfirmationCodeCommand({ ClientId: clientId, Username: 'jane' })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException', message: 'User is already confirmed.' })
  })

  it('answers UserNotFoundException for an unknown user, and plausible delivery details when ENABLED', async () => {
    const legacy = await setup(sdk)
    await expect(
      sdk.send(new ResendConfirmationCodeCommand({ ClientId: legacy.clientId, Username: 'nobody' })),
    ).rejects.toMatchObject({
      name: 'UserNotFoundException',
      message: 'Username/client id combination not found.',
    })
    const hidden = await setup(sdk, {}, { PreventUserExistenceErrors: 'ENABLED' })
    const res = await sdk.send(
      new ResendConfirmationCodeCommand({ ClientId: hidden.clientId, Username: 'nobody@example.com' }),
    )
    expect(res.CodeDeliveryDetails).toEqual({
      AttributeName: 'email',
      DeliveryMedium: 'EMAIL',
      Destination: 'n***@e***',
    })
    expect(cognito.outbox).toHaveLength(0)
  })

  it('refuses when the pool verifies no attribute automatically', async () => {
    const { clientId } = await setup(sdk, { AutoVerifiedAttributes: [] })
    await signUp(sdk, clientId, 'jane', 'jane@example.com')
    await expect(
      sdk.send(new ResendConfirmationCodeCommand({ ClientId: clientId, Username: 'jane' })),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Cannot resend codes. Auto verification not turned on.',
    })
  })
})
