import {
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  AdminUserGlobalSignOutCommand,
  type CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  type CreateUserPoolClientCommandInput,
  CreateUserPoolCommand,
  type CreateUserPoolCommandInput,
  DeleteUserAttributesCommand,
  DeleteUserCommand,
  GetUserAttributeVerificationCodeCommand,
  GetUserCommand,
  InitiateAuthCommand,
  UpdateUserAttributesCommand,
  VerifyUserAttributeCommand,
} from '@aws-sdk/client-cognito-identity-provider'
import { describe, expect, it } from 'vitest'
import { ENDPOINTS, sdkClient, useCognito } from '../support/cognito.ts'

const { cognito } = useCognito()
const PASSWORD = 'Correct-Horse-1'

/** A pool that auto-verifies email, a client allowing USER_PASSWORD_AUTH, a signed-in user `jane`. */
async function signedIn(
  sdk: CognitoIdentityProviderClient,
  pool: Partial<CreateUserPoolCommandInput> = {},
  client: Partial<CreateUserPoolClientCommandInput> = {},
  attributes: Record<string, string> = { email: 'jane@example.com', email_verified: 'true' },
) {
  const { UserPool } = await sdk.send(
    new CreateUserPoolCommand({ PoolName: 'account', AutoVerifiedAttributes: ['email'], ...pool }),
  )
  const poolId = UserPool!.Id!
  const { UserPoolClient } = await sdk.send(
    new CreateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientName: 'app',
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      ...client,
    }),
  )
  const clientId = UserPoolClient!.ClientId!
  await sdk.send(
    new AdminCreateUserCommand({
      UserPoolId: poolId,
      Username: 'jane',
      MessageAction: 'SUPPRESS',
      UserAttributes: Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })),
    }),
  )
  await sdk.send(
    new AdminSetUserPasswordCommand({
      UserPoolId: poolId,
      Username: 'jane',
      Password: PASSWORD,
      Permanent: true,
    }),
  )
  const { AuthenticationResult } = await sdk.send(
    new InitiateAuthCommand({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: clientId,
      AuthParameters: { USERNAME: 'jane', PASSWORD },
    }),
  )
  return { poolId, clientId, token: AuthenticationResult!.AccessToken! }
}

async function attributesOf(sdk: CognitoIdentityProviderClient, token: string) {
  const user = await sdk.send(new GetUserCommand({ AccessToken: token }))
  return Object.fromEntries(user.UserAttributes!.map((a) => [a.Name!, a.Value!])) as Record<string, string>
}

describe.each(ENDPOINTS)('GetUser through %s', (_, endpoint) => {
  const sdk = sdkClient(endpoint)

  it('returns the username and attributes of the token’s user', async () => {
    const { poolId, token } = await signedIn(sdk)
    const res = await sdk.send(new GetUserCommand({ AccessToken: token }))
    const admin = await sdk.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'jane' }))
    expect(res.Username).toBe('jane')
    expect(res.UserAttributes).toEqual(admin.UserAttributes)
    expect(res.MFAOptions).toBeUndefined()
    expect(res.UserMFASettingList).toBeUndefined()
  })

  it('refuses the access token of a user signed out everywhere or disabled as revoked', async () => {
    for (const signOut of [AdminUserGlobalSignOutCommand, AdminDisableUserCommand]) {
      const { poolId, token } = await signedIn(sdk)
      await sdk.send(new signOut({ UserPoolId: poolId, Username: 'jane' }))
      for (const command of [
        new GetUserCommand({ AccessToken: token }),
        new UpdateUserAttributesCommand({
          AccessToken: token,
          UserAttributes: [{ Name: 'name', Value: 'x' }],
        }),
        new DeleteUserCommand({ AccessToken: token }),
      ]) {
        await expect(sdk.send(command as GetUserCommand)).rejects.toMatchObject({
          name: 'NotAuthorizedException',
          message: 'Access Token has been revoked',
        })
      }
      cognito.reset()
    }
  })

  it('answers NotAuthorizedException for a malformed token', async () => {
    await expect(sdk.send(new GetUserCommand({ AccessToken: 'not.a.token' }))).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Invalid Access Token',
    })
  })
})

describe.each(ENDPOINTS)('UpdateUserAttributes and VerifyUserAttribute through %s', (_, endpoint) => {
  const sdk = sdkClient(endpoint)

  it('updates plain attributes without sending anything', async () => {
    const { token } = await signedIn(sdk)
    const res = await sdk.send(
      new UpdateUserAttributesCommand({
        AccessToken: token,
        UserAttributes: [{ Name: 'name', Value: 'Jane Doe' }],
      }),
    )
    expect(res.CodeDeliveryDetailsList).toBeUndefined()
    expect((await attributesOf(sdk, token)).name).toBe('Jane Doe')
    expect(cognito.outbox).toHaveLength(0)
  })

  it('sends a code for a new email, marks it unverified, and verifies it with the code', async () => {
    const { token } = await signedIn(sdk)
    const res = await sdk.send(
      new UpdateUserAttributesCommand({
        AccessToken: token,
        UserAttributes: [{ Name: 'email', Value: 'new@example.org' }],
      }),
    )
    expect(res.CodeDeliveryDetailsList).toEqual([
      { AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: 'n***@e***' },
    ])
    expect(await attributesOf(sdk, token)).toMatchObject({
      email: 'new@example.org',
      email_verified: 'false',
    })
    const message = cognito.outbox.at(-1)!
    expect(message).toMatchObject({ destination: 'new@example.org', reason: 'UpdateUserAttributes' })
    await sdk.send(
      new VerifyUserAttributeCommand({ AccessToken: token, AttributeName: 'email', Code: message.code! }),
    )
    expect((await attributesOf(sdk, token)).email_verified).toBe('true')
  })

  it('sends an SMS code for a new phone number when the pool verifies phone numbers', async () => {
    const { token } = await signedIn(sdk, { AutoVerifiedAttributes: ['phone_number'] })
    const res = await sdk.send(
      new UpdateUserAttributesCommand({
        AccessToken: token,
        UserAttributes: [{ Name: 'phone_number', Value: '+15555550199' }],
      }),
    )
    expect(res.CodeDeliveryDetailsList).toEqual([
      { AttributeName: 'phone_number', DeliveryMedium: 'SMS', Destination: '+*******0199' },
    ])
    const message = cognito.outbox.at(-1)!
    expect(message).toMatchObject({ deliveryMedium: 'SMS', destination: '+15555550199' })
    await sdk.send(
      new VerifyUserAttributeCommand({
        AccessToken: token,
        AttributeName: 'phone_number',
        Code: message.code!,
      }),
    )
    expect((await attributesOf(sdk, token)).phone_number_verified).toBe('true')
  })

  it('keeps the old email until the new one is verified when the pool requires it', async () => {
    const { token } = await signedIn(sdk, {
      UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['email'] },
    })
    await sdk.send(
      new UpdateUserAttributesCommand({
        AccessToken: token,
        UserAttributes: [{ Name: 'email', Value: 'new@example.org' }],
      }),
    )
    expect(await attributesOf(sdk, token)).toMatchObject({
      email: 'jane@example.com',
      email_verified: 'true',
    })
    const message = cognito.outbox.at(-1)!
    expect(message.destination).toBe('new@example.org')
    await sdk.send(
      new VerifyUserAttributeCommand({ AccessToken: token, AttributeName: 'email', Code: message.code! }),
    )
    expect(await attributesOf(sdk, token)).toMatchObject({ email: 'new@example.org', email_verified: 'true' })
  })

  it('refuses a wrong verification code and a code never sent', async () => {
    const { token } = await signedIn(sdk)
    await expect(
      sdk.send(
        new VerifyUserAttributeCommand({ AccessToken: token, AttributeName: 'email', Code: '123456' }),
      ),
    ).rejects.toMatchObject({
      name: 'ExpiredCodeException',
      message: 'Invalid code provided, please request a code again.',
    })
    await sdk.send(
      new GetUserAttributeVerificationCodeCommand({ AccessToken: token, AttributeName: 'email' }),
    )
    const code = cognito.outbox.at(-1)!.code!
    await expect(
      sdk.send(
        new VerifyUserAttributeCommand({
          AccessToken: token,
          AttributeName: 'email',
          Code: code === '000000' ? '111111' : '000000',
        }),
      ),
    ).rejects.toMatchObject({
      name: 'CodeMismatchException',
      message: 'Invalid verification code provided, please try again.',
    })
  })

  it('refuses to let users set their own verified flags or attributes the client may not write', async () => {
    const { token } = await signedIn(sdk, {}, { WriteAttributes: ['email', 'name'] })
    for (const Name of ['email_verified', 'family_name']) {
      await expect(
        sdk.send(
          new UpdateUserAttributesCommand({ AccessToken: token, UserAttributes: [{ Name, Value: 'true' }] }),
        ),
      ).rejects.toMatchObject({
        name: 'NotAuthorizedException',
        message: 'A client attempted to write unauthorized attribute',
      })
    }
  })

  it('refuses an attribute the schema does not have', async () => {
    const { token } = await signedIn(sdk)
    await expect(
      sdk.send(
        new UpdateUserAttributesCommand({
          AccessToken: token,
          UserAttributes: [{ Name: 'custom:nope', Value: 'x' }],
        }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Invalid user attributes: user.custom:nope: Attribute does not exist in the schema.',
    })
  })
  it('refuses to verify an email alias another user has verified, naming the alias', async () => {
    const { poolId, token } = await signedIn(sdk, { AliasAttributes: ['email'] })
    await sdk.send(
      new AdminCreateUserCommand({
        UserPoolId: poolId,
        Username: 'john',
        MessageAction: 'SUPPRESS',
        UserAttributes: [
          { Name: 'email', Value: 'john@example.com' },
          { Name: 'email_verified', Value: 'true' },
        ],
      }),
    )
    await sdk.send(
      new UpdateUserAttributesCommand({
        AccessToken: token,
        UserAttributes: [{ Name: 'email', Value: 'john@example.com' }],
      }),
    )
    const code = cognito.outbox.at(-1)!.code!
    await expect(
      sdk.send(new VerifyUserAttributeCommand({ AccessToken: token, AttributeName: 'email', Code: code })),
    ).rejects.toMatchObject({
      name: 'AliasExistsException',
      message: 'An account with the email already exists.',
    })
    expect((await attributesOf(sdk, token)).email_verified).toBe('false')
  })
})

describe.each(ENDPOINTS)('GetUserAttributeVerificationCode through %s', (_, endpoint) => {
  const sdk = sdkClient(endpoint)

  it('sends a code to the user’s email and reports where it went', async () => {
    const { token } = await signedIn(sdk, {}, {}, { email: 'jane@example.com' })
    const res = await sdk.send(
      new GetUserAttributeVerificationCodeCommand({ AccessToken: token, AttributeName: 'email' }),
    )
    expect(res.CodeDeliveryDetails).toEqual({
      AttributeName: 'email',
      DeliveryMedium: 'EMAIL',
      Destination: 'j***@e***',
    })
    const message = cognito.outbox.at(-1)!
    expect(message).toMatchObject({ destination: 'jane@example.com', reason: 'VerifyUserAttribute' })
    await sdk.send(
      new VerifyUserAttributeCommand({ AccessToken: token, AttributeName: 'email', Code: message.code! }),
    )
    expect((await attributesOf(sdk, token)).email_verified).toBe('true')
  })

  it('only verifies email and phone_number', async () => {
    const { token } = await signedIn(sdk)
    await expect(
      sdk.send(new GetUserAttributeVerificationCodeCommand({ AccessToken: token, AttributeName: 'name' })),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Invalid attribute name. Only phone_number and email can be verified.',
    })
  })
})

describe.each(ENDPOINTS)('DeleteUserAttributes and DeleteUser through %s', (_, endpoint) => {
  const sdk = sdkClient(endpoint)

  it('deletes attributes, and the verified flag with the email', async () => {
    const { token } = await signedIn(
      sdk,
      {},
      {},
      {
        email: 'jane@example.com',
        email_verified: 'true',
        name: 'Jane',
      },
    )
    await sdk.send(
      new DeleteUserAttributesCommand({ AccessToken: token, UserAttributeNames: ['email', 'name'] }),
    )
    const attributes = await attributesOf(sdk, token)
    expect(Object.keys(attributes)).toEqual(['sub'])
  })

  it('refuses to delete a required attribute', async () => {
    const { token } = await signedIn(sdk, {
      Schema: [{ Name: 'email', AttributeDataType: 'String', Required: true, Mutable: true }],
    })
    await expect(
      sdk.send(new DeleteUserAttributesCommand({ AccessToken: token, UserAttributeNames: ['email'] })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' })
  })

  it('deletes the user; its access token then fails', async () => {
    const { poolId, token } = await signedIn(sdk)
    await sdk.send(new DeleteUserCommand({ AccessToken: token }))
    await expect(
      sdk.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'jane' })),
    ).rejects.toMatchObject({ name: 'UserNotFoundException', message: 'User does not exist.' })
    await expect(sdk.send(new GetUserCommand({ AccessToken: token }))).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'User does not exist.',
    })
  })
})
