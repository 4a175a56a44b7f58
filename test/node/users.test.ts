import { createHmac } from 'node:crypto'
import {
  AdminConfirmSignUpCommand,
  AdminCreateUserCommand,
  type AdminCreateUserCommandInput,
  AdminDeleteUserCommand,
  AdminGetUserCommand,
  AdminInitiateAuthCommand,
  AdminSetUserPasswordCommand,
  type CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  type CreateUserPoolCommandInput,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider'
import { describe, expect, it } from 'vitest'
import { attrs, failure } from '../support/auth-fixtures.ts'
import { ENDPOINTS, sdkClient, useCognito } from '../support/cognito.ts'

const { cognito, clock } = useCognito()

async function newPool(
  client: CognitoIdentityProviderClient,
  input: Partial<CreateUserPoolCommandInput> = {},
) {
  const res = await client.send(new CreateUserPoolCommand({ PoolName: 'users', ...input }))
  return res.UserPool!.Id!
}

async function newClient(client: CognitoIdentityProviderClient, UserPoolId: string, GenerateSecret = false) {
  const res = await client.send(
    new CreateUserPoolClientCommand({ UserPoolId, ClientName: 'app', GenerateSecret }),
  )
  return { clientId: res.UserPoolClient!.ClientId!, secret: res.UserPoolClient!.ClientSecret }
}

const secretHash = (secret: string, username: string, clientId: string) =>
  createHmac('sha256', secret)
    .update(username + clientId)
    .digest('base64')

describe.each(ENDPOINTS)('through %s', (_, endpoint) => {
  const client = sdkClient(endpoint)

  const createUser = (input: Partial<AdminCreateUserCommandInput> & { UserPoolId: string }) =>
    client.send(new AdminCreateUserCommand({ Username: 'jane', ...input }))

  describe('AdminCreateUser', () => {
    it('creates a FORCE_CHANGE_PASSWORD user with a sub and returns it as UserType', async () => {
      const UserPoolId = await newPool(client)
      const before = Math.floor(Date.now() / 1000)
      const { User } = await createUser({
        UserPoolId,
        UserAttributes: [{ Name: 'email', Value: 'jane@example.com' }],
        TemporaryPassword: 'Temp-Pass1',
      })
      expect(User?.Username).toBe('jane')
      expect(User?.UserStatus).toBe('FORCE_CHANGE_PASSWORD')
      expect(User?.Enabled).toBe(true)
      expect(User?.Attributes?.[0]?.Name).toBe('sub')
      expect(attrs(User?.Attributes)).toEqual({
        sub: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
        email: 'jane@example.com',
      })
      expect(User?.UserCreateDate).toBeInstanceOf(Date)
      expect(User!.UserCreateDate!.getTime() / 1000).toBeGreaterThanOrEqual(before)
      expect(User?.UserLastModifiedDate).toEqual(User?.UserCreateDate)
    })

    it('is seen by AdminGetUser with the same attributes and status', async () => {
      const UserPoolId = await newPool(client)
      const { User } = await createUser({
        UserPoolId,
        UserAttributes: [{ Name: 'name', Value: 'Jane' }],
        MessageAction: 'SUPPRESS',
      })
      const got = await client.send(new AdminGetUserCommand({ UserPoolId, Username: 'jane' }))
      expect(got.Username).toBe('jane')
      expect(got.UserAttributes).toEqual(User?.Attributes)
      expect(got.UserStatus).toBe('FORCE_CHANGE_PASSWORD')
      expect(got.Enabled).toBe(true)
      expect(got.UserCreateDate).toEqual(User?.UserCreateDate)
      expect(got.MFAOptions).toBeUndefined()
    })

    it('with SUPPRESS and no TemporaryPassword, sends nothing and no password signs the user in', async () => {
      const UserPoolId = await newPool(client)
      const created = await client.send(
        new CreateUserPoolClientCommand({
          UserPoolId,
          ClientName: 'admin',
          ExplicitAuthFlows: ['ALLOW_ADMIN_USER_PASSWORD_AUTH'],
        }),
      )
      const clientId = created.UserPoolClient!.ClientId!
      const { User } = await createUser({
        UserPoolId,
        UserAttributes: [{ Name: 'email', Value: 'jane@example.com' }],
        MessageAction: 'SUPPRESS',
      })
      expect(User?.UserStatus).toBe('FORCE_CHANGE_PASSWORD')
      expect(cognito.outbox).toEqual([])
      const signIn = (PASSWORD: string) =>
        client.send(
          new AdminInitiateAuthCommand({
            UserPoolId,
            ClientId: clientId,
            AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
            AuthParameters: { USERNAME: 'jane', PASSWORD },
          }),
        )
      for (const guess of ['Temp-Pass1', 'undefined', 'x']) {
        expect(await failure(signIn(guess))).toEqual({
          name: 'NotAuthorizedException',
          message: 'Incorrect username or password.',
        })
      }
      // The administrator sets one, as the API reference says to.
      await client.send(
        new AdminSetUserPasswordCommand({
          UserPoolId,
          Username: 'jane',
          Password: 'Perm-Pass1',
          Permanent: true,
        }),
      )
      expect((await signIn('Perm-Pass1')).AuthenticationResult?.AccessToken).toBeTruthy()
    })

    it('sends the invitation with the temporary password by the mediums asked for', async () => {
      const UserPoolId = await newPool(client)
      await createUser({
        UserPoolId,
        UserAttributes: [
          { Name: 'email', Value: 'jane@example.com' },
          { Name: 'phone_number', Value: '+15555550123' },
        ],
        TemporaryPassword: 'Temp-Pass1',
        DesiredDeliveryMediums: ['EMAIL', 'SMS'],
      })
      expect(cognito.outbox).toEqual([
        expect.objectContaining({
          userPoolId: UserPoolId,
          username: 'jane',
          deliveryMedium: 'EMAIL',
          destination: 'jane@example.com',
          reason: 'AdminCreateUser',
          temporaryPassword: 'Temp-Pass1',
          message: 'Your username is jane and temporary password is Temp-Pass1. ',
        }),
        expect.objectContaining({
          deliveryMedium: 'SMS',
          destination: '+15555550123',
          reason: 'AdminCreateUser',
          temporaryPassword: 'Temp-Pass1',
        }),
      ])
    })

    it('sends the invitation by SMS when no medium is given, as the API reference documents', async () => {
      const UserPoolId = await newPool(client)
      await createUser({
        UserPoolId,
        UserAttributes: [
          { Name: 'email', Value: 'jane@example.com' },
          { Name: 'phone_number', Value: '+15555550123' },
        ],
      })
      expect(cognito.outbox.map((m) => m.deliveryMedium)).toEqual(['SMS'])
    })

    it('generates a temporary password that satisfies the policy when none is given', async () => {
      const UserPoolId = await newPool(client)
      await createUser({
        UserPoolId,
        UserAttributes: [{ Name: 'email', Value: 'jane@example.com' }],
        DesiredDeliveryMediums: ['EMAIL'],
      })
      const password = cognito.outbox[0]?.temporaryPassword ?? ''
      expect(password).toMatch(/[a-z]/)
      expect(password).toMatch(/[A-Z]/)
      expect(password).toMatch(/[0-9]/)
      expect(password.length).toBeGreaterThanOrEqual(8)
    })

    it('sends nothing with MessageAction SUPPRESS', async () => {
      const UserPoolId = await newPool(client)
      await createUser({
        UserPoolId,
        UserAttributes: [{ Name: 'email', Value: 'jane@example.com' }],
        DesiredDeliveryMediums: ['EMAIL'],
        MessageAction: 'SUPPRESS',
      })
      expect(cognito.outbox).toEqual([])
    })

    it('refuses an email invitation for a user without an email', async () => {
      const UserPoolId = await newPool(client)
      expect(await failure(createUser({ UserPoolId, DesiredDeliveryMediums: ['EMAIL'] }))).toEqual({
        name: 'InvalidParameterException',
        message: 'No email provided but desired delivery medium was Email',
      })
      expect(await failure(client.send(new AdminGetUserCommand({ UserPoolId, Username: 'jane' })))).toEqual({
        name: 'UserNotFoundException',
        message: 'User does not exist.',
      })
    })

    it('checks the temporary password against the pool policy', async () => {
      const UserPoolId = await newPool(client)
      expect(await failure(createUser({ UserPoolId, TemporaryPassword: 'Short1!' }))).toEqual({
        name: 'InvalidPasswordException',
        message: 'Password did not conform with password policy: Password not long enough',
      })
      expect(await failure(createUser({ UserPoolId, TemporaryPassword: 'no-numbers-Here' }))).toEqual({
        name: 'InvalidPasswordException',
        message: 'Password did not conform with password policy: Password must have numeric characters',
      })
    })

    it('refuses a username that is taken', async () => {
      const UserPoolId = await newPool(client)
      await createUser({ UserPoolId })
      expect(await failure(createUser({ UserPoolId }))).toEqual({
        name: 'UsernameExistsException',
        message: 'User already exists',
      })
    })

    it('refuses attributes the schema does not have', async () => {
      const UserPoolId = await newPool(client)
      expect(
        await failure(createUser({ UserPoolId, UserAttributes: [{ Name: 'custom:foo', Value: 'x' }] })),
      ).toEqual({
        name: 'InvalidParameterException',
        message: 'Invalid user attributes: user.custom:foo: Attribute does not exist in the schema.',
      })
    })

    it('answers ResourceNotFoundException for an unknown pool', async () => {
      expect(await failure(createUser({ UserPoolId: 'us-east-1_NoSuchOne' }))).toEqual({
        name: 'ResourceNotFoundException',
        message: 'User pool us-east-1_NoSuchOne does not exist.',
      })
    })

    it('stores the sub as the username where email is the username, and finds the user by email', async () => {
      const UserPoolId = await newPool(client, { UsernameAttributes: ['email'] })
      const { User } = await createUser({ UserPoolId, Username: 'jane@example.com' })
      const sub = attrs(User?.Attributes).sub
      expect(User?.Username).toBe(sub)
      expect(attrs(User?.Attributes).email).toBe('jane@example.com')
      const got = await client.send(new AdminGetUserCommand({ UserPoolId, Username: 'jane@example.com' }))
      expect(got.Username).toBe(sub)
      expect(await failure(createUser({ UserPoolId, Username: 'jane' }))).toEqual({
        name: 'InvalidParameterException',
        message: 'Username should be an email.',
      })
      expect(await failure(createUser({ UserPoolId, Username: 'jane@example.com' }))).toEqual({
        name: 'UsernameExistsException',
        message: 'An account with the given email already exists.',
      })
    })

    it('refuses a username in email format where email is an alias', async () => {
      const UserPoolId = await newPool(client, { AliasAttributes: ['email'] })
      expect(await failure(createUser({ UserPoolId, Username: 'jane@example.com' }))).toEqual({
        name: 'InvalidParameterException',
        message: 'Username cannot be of email format, since user pool is configured for email alias.',
      })
    })

    it('refuses a verified email alias another user holds, unless ForceAliasCreation moves it', async () => {
      const UserPoolId = await newPool(client, { AliasAttributes: ['email'] })
      const verified = [
        { Name: 'email', Value: 'jane@example.com' },
        { Name: 'email_verified', Value: 'true' },
      ]
      await createUser({ UserPoolId, Username: 'jane', UserAttributes: verified })
      expect(await failure(createUser({ UserPoolId, Username: 'jane2', UserAttributes: verified }))).toEqual({
        name: 'AliasExistsException',
        message: 'An account with the email already exists.',
      })
      await createUser({ UserPoolId, Username: 'jane2', UserAttributes: verified, ForceAliasCreation: true })
      const old = await client.send(new AdminGetUserCommand({ UserPoolId, Username: 'jane' }))
      expect(attrs(old.UserAttributes).email_verified).toBe('false')
      const byAlias = await client.send(new AdminGetUserCommand({ UserPoolId, Username: 'jane@example.com' }))
      expect(byAlias.Username).toBe('jane2')
    })

    it('resends the invitation with a new temporary password on RESEND', async () => {
      const UserPoolId = await newPool(client)
      const email = [{ Name: 'email', Value: 'jane@example.com' }]
      await createUser({ UserPoolId, UserAttributes: email, DesiredDeliveryMediums: ['EMAIL'] })
      const { User } = await createUser({
        UserPoolId,
        MessageAction: 'RESEND',
        DesiredDeliveryMediums: ['EMAIL'],
      })
      expect(User?.Username).toBe('jane')
      expect(User?.UserStatus).toBe('FORCE_CHANGE_PASSWORD')
      expect(cognito.outbox).toHaveLength(2)
      expect(cognito.outbox[1]?.temporaryPassword).not.toBe(cognito.outbox[0]?.temporaryPassword)
    })

    it('answers RESEND for an unknown user with UserNotFoundException', async () => {
      const UserPoolId = await newPool(client)
      expect(await failure(createUser({ UserPoolId, MessageAction: 'RESEND' }))).toEqual({
        name: 'UserNotFoundException',
        message: 'User does not exist.',
      })
    })

    it('refuses RESEND to a user who already set a password', async () => {
      const UserPoolId = await newPool(client)
      await createUser({ UserPoolId })
      await client.send(
        new AdminSetUserPasswordCommand({
          UserPoolId,
          Username: 'jane',
          Password: 'Perm-Pass1',
          Permanent: true,
        }),
      )
      expect(await failure(createUser({ UserPoolId, MessageAction: 'RESEND' }))).toEqual({
        name: 'UnsupportedUserStateException',
        message: 'Resend not possible. jane status is not FORCE_CHANGE_PASSWORD',
      })
    })
  })

  describe('AdminGetUser and AdminDeleteUser', () => {
    it('answers UserNotFoundException for an unknown user', async () => {
      const UserPoolId = await newPool(client)
      expect(await failure(client.send(new AdminGetUserCommand({ UserPoolId, Username: 'nobody' })))).toEqual(
        {
          name: 'UserNotFoundException',
          message: 'User does not exist.',
        },
      )
    })

    it('deletes a user, who is then gone and whose username is free again', async () => {
      const UserPoolId = await newPool(client)
      await createUser({ UserPoolId })
      await client.send(new AdminDeleteUserCommand({ UserPoolId, Username: 'jane' }))
      expect(
        await failure(client.send(new AdminGetUserCommand({ UserPoolId, Username: 'jane' }))),
      ).toMatchObject({ name: 'UserNotFoundException' })
      expect(
        await failure(client.send(new AdminDeleteUserCommand({ UserPoolId, Username: 'jane' }))),
      ).toEqual({ name: 'UserNotFoundException', message: 'User does not exist.' })
      await createUser({ UserPoolId })
    })
  })

  describe('AdminSetUserPassword', () => {
    it('confirms the user with a permanent password', async () => {
      const UserPoolId = await newPool(client)
      await createUser({ UserPoolId })
      await client.send(
        new AdminSetUserPasswordCommand({
          UserPoolId,
          Username: 'jane',
          Password: 'Perm-Pass1',
          Permanent: true,
        }),
      )
      const got = await client.send(new AdminGetUserCommand({ UserPoolId, Username: 'jane' }))
      expect(got.UserStatus).toBe('CONFIRMED')
    })

    it('puts the user back to FORCE_CHANGE_PASSWORD with a temporary one', async () => {
      const UserPoolId = await newPool(client)
      await createUser({ UserPoolId })
      await client.send(
        new AdminSetUserPasswordCommand({
          UserPoolId,
          Username: 'jane',
          Password: 'Perm-Pass1',
          Permanent: true,
        }),
      )
      await client.send(
        new AdminSetUserPasswordCommand({ UserPoolId, Username: 'jane', Password: 'Temp-Pass2' }),
      )
      const got = await client.send(new AdminGetUserCommand({ UserPoolId, Username: 'jane' }))
      expect(got.UserStatus).toBe('FORCE_CHANGE_PASSWORD')
    })

    it('enforces the pool password policy', async () => {
      const UserPoolId = await newPool(client, {
        Policies: { PasswordPolicy: { MinimumLength: 10, RequireSymbols: true } },
      })
      await createUser({ UserPoolId })
      const set = (Password: string) =>
        failure(
          client.send(
            new AdminSetUserPasswordCommand({ UserPoolId, Username: 'jane', Password, Permanent: true }),
          ),
        )
      expect(await set('short!')).toEqual({
        name: 'InvalidPasswordException',
        message: 'Password did not conform with policy: Password not long enough',
      })
      expect(await set('longenough1')).toEqual({
        name: 'InvalidPasswordException',
        message: 'Password did not conform with policy: Password must have symbol characters',
      })
      const got = await client.send(new AdminGetUserCommand({ UserPoolId, Username: 'jane' }))
      expect(got.UserStatus).toBe('FORCE_CHANGE_PASSWORD')
    })

    it('answers UserNotFoundException for an unknown user', async () => {
      const UserPoolId = await newPool(client)
      expect(
        await failure(
          client.send(new AdminSetUserPasswordCommand({ UserPoolId, Username: 'x', Password: 'Perm-Pass1' })),
        ),
      ).toEqual({ name: 'UserNotFoundException', message: 'User does not exist.' })
    })
  })

  describe('SignUp', () => {
    it('creates an UNCONFIRMED user and returns its sub', async () => {
      const UserPoolId = await newPool(client)
      const { clientId } = await newClient(client, UserPoolId)
      const res = await client.send(
        new SignUpCommand({ ClientId: clientId, Username: 'jane', Password: 'Perm-Pass1' }),
      )
      expect(res.UserConfirmed).toBe(false)
      expect(res.CodeDeliveryDetails).toBeUndefined()
      const got = await client.send(new AdminGetUserCommand({ UserPoolId, Username: 'jane' }))
      expect(got.UserStatus).toBe('UNCONFIRMED')
      expect(attrs(got.UserAttributes).sub).toBe(res.UserSub)
      expect(cognito.outbox).toEqual([])
    })

    it('sends a six-digit code to the email the pool verifies automatically', async () => {
      const UserPoolId = await newPool(client, { AutoVerifiedAttributes: ['email'] })
      const { clientId } = await newClient(client, UserPoolId)
      const res = await client.send(
        new SignUpCommand({
          ClientId: clientId,
          Username: 'jane',
          Password: 'Perm-Pass1',
          UserAttributes: [{ Name: 'email', Value: 'jane@example.com' }],
        }),
      )
      expect(res.CodeDeliveryDetails).toEqual({
        Destination: 'j***@e***',
        DeliveryMedium: 'EMAIL',
        AttributeName: 'email',
      })
      expect(cognito.outbox).toEqual([
        expect.objectContaining({
          userPoolId: UserPoolId,
          username: 'jane',
          deliveryMedium: 'EMAIL',
          destination: 'jane@example.com',
          reason: 'SignUp',
          code: expect.stringMatching(/^[0-9]{6}$/),
        }),
      ])
    })

    it('sends the code by SMS when the pool verifies both phone number and email', async () => {
      const UserPoolId = await newPool(client, { AutoVerifiedAttributes: ['email', 'phone_number'] })
      const { clientId } = await newClient(client, UserPoolId)
      const res = await client.send(
        new SignUpCommand({
          ClientId: clientId,
          Username: 'jane',
          Password: 'Perm-Pass1',
          UserAttributes: [
            { Name: 'email', Value: 'jane@example.com' },
            { Name: 'phone_number', Value: '+15555550123' },
          ],
        }),
      )
      expect(res.CodeDeliveryDetails).toEqual({
        Destination: '+*******0123',
        DeliveryMedium: 'SMS',
        AttributeName: 'phone_number',
      })
      expect(cognito.outbox.map((m) => m.deliveryMedium)).toEqual(['SMS'])
    })

    it('refuses a username that is taken', async () => {
      const UserPoolId = await newPool(client)
      const { clientId } = await newClient(client, UserPoolId)
      const signUp = () =>
        client.send(new SignUpCommand({ ClientId: clientId, Username: 'jane', Password: 'Perm-Pass1' }))
      await signUp()
      expect(await failure(signUp())).toEqual({
        name: 'UsernameExistsException',
        message: 'User already exists',
      })
    })

    it('enforces the password policy', async () => {
      const UserPoolId = await newPool(client)
      const { clientId } = await newClient(client, UserPoolId)
      expect(
        await failure(
          client.send(new SignUpCommand({ ClientId: clientId, Username: 'jane', Password: 'PASSWORD1!' })),
        ),
      ).toEqual({
        name: 'InvalidPasswordException',
        message: 'Password did not conform with policy: Password must have lowercase characters',
      })
    })

    it('requires the attributes the schema marks as required', async () => {
      const UserPoolId = await newPool(client, {
        Schema: [{ Name: 'email', AttributeDataType: 'String', Required: true }],
      })
      const { clientId } = await newClient(client, UserPoolId)
      expect(
        await failure(
          client.send(new SignUpCommand({ ClientId: clientId, Username: 'jane', Password: 'Perm-Pass1' })),
        ),
      ).toEqual({
        name: 'InvalidParameterException',
        message: 'Attributes did not conform to the schema: email: The attribute is required\n',
      })
    })

    it('is refused where only administrators may create users', async () => {
      const UserPoolId = await newPool(client, { AdminCreateUserConfig: { AllowAdminCreateUserOnly: true } })
      const { clientId } = await newClient(client, UserPoolId)
      expect(
        await failure(
          client.send(new SignUpCommand({ ClientId: clientId, Username: 'jane', Password: 'Perm-Pass1' })),
        ),
      ).toEqual({ name: 'NotAuthorizedException', message: 'SignUp is not permitted for this user pool' })
    })

    it('requires the SECRET_HASH of a client with a secret', async () => {
      const UserPoolId = await newPool(client)
      const { clientId, secret } = await newClient(client, UserPoolId, true)
      const input = { ClientId: clientId, Username: 'jane', Password: 'Perm-Pass1' }
      expect(await failure(client.send(new SignUpCommand(input)))).toEqual({
        name: 'NotAuthorizedException',
        message: `Client ${clientId} is configured with secret but SECRET_HASH was not received`,
      })
      expect(await failure(client.send(new SignUpCommand({ ...input, SecretHash: 'bad' })))).toEqual({
        name: 'NotAuthorizedException',
        message: `Unable to verify secret hash for client ${clientId}`,
      })
      const res = await client.send(
        new SignUpCommand({ ...input, SecretHash: secretHash(secret!, 'jane', clientId) }),
      )
      expect(res.UserConfirmed).toBe(false)
    })

    it('answers ResourceNotFoundException for an unknown client', async () => {
      expect(
        await failure(
          client.send(new SignUpCommand({ ClientId: 'nosuchclient', Username: 'j', Password: 'Perm-Pass1' })),
        ),
      ).toEqual({
        name: 'ResourceNotFoundException',
        message: 'User pool client nosuchclient does not exist.',
      })
    })
  })

  describe('AdminConfirmSignUp', () => {
    it('confirms an UNCONFIRMED user', async () => {
      const UserPoolId = await newPool(client)
      const { clientId } = await newClient(client, UserPoolId)
      await client.send(new SignUpCommand({ ClientId: clientId, Username: 'jane', Password: 'Perm-Pass1' }))
      await client.send(new AdminConfirmSignUpCommand({ UserPoolId, Username: 'jane' }))
      const got = await client.send(new AdminGetUserCommand({ UserPoolId, Username: 'jane' }))
      expect(got.UserStatus).toBe('CONFIRMED')
    })

    it('refuses to confirm a user who is not UNCONFIRMED', async () => {
      const UserPoolId = await newPool(client)
      await createUser({ UserPoolId })
      const confirm = () => client.send(new AdminConfirmSignUpCommand({ UserPoolId, Username: 'jane' }))
      expect(await failure(confirm())).toEqual({
        name: 'NotAuthorizedException',
        message: 'User cannot be confirmed. Current status is FORCE_CHANGE_PASSWORD',
      })
    })

    it('answers UserNotFoundException for an unknown user', async () => {
      const UserPoolId = await newPool(client)
      expect(
        await failure(client.send(new AdminConfirmSignUpCommand({ UserPoolId, Username: 'nobody' }))),
      ).toEqual({ name: 'UserNotFoundException', message: 'User does not exist.' })
    })
  })
})

describe('time', () => {
  it('moves the modification date but not the creation date when a password is set', async () => {
    const client = sdkClient()
    const UserPoolId = await newPool(client)
    const { User } = await client.send(new AdminCreateUserCommand({ UserPoolId, Username: 'jane' }))
    clock.advance(120)
    await client.send(
      new AdminSetUserPasswordCommand({
        UserPoolId,
        Username: 'jane',
        Password: 'Perm-Pass1',
        Permanent: true,
      }),
    )
    const got = await client.send(new AdminGetUserCommand({ UserPoolId, Username: 'jane' }))
    expect(got.UserCreateDate).toEqual(User?.UserCreateDate)
    expect(got.UserLastModifiedDate!.getTime() - User!.UserCreateDate!.getTime()).toBeGreaterThanOrEqual(
      119_000,
    )
  })
})
