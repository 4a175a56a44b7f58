import {
  AdminCreateUserCommand,
  AdminDeleteUserAttributesCommand,
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminInitiateAuthCommand,
  AdminResetUserPasswordCommand,
  AdminSetUserPasswordCommand,
  AdminUpdateUserAttributesCommand,
  AdminUserGlobalSignOutCommand,
  type AttributeType,
  ConfirmForgotPasswordCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  type CreateUserPoolCommandInput,
  GetUserCommand,
  ListUsersCommand,
} from '@aws-sdk/client-cognito-identity-provider'
import { describe, expect, it } from 'vitest'
import { attrs, failure } from '../support/auth-fixtures.ts'
import { ENDPOINTS, sdkClient, useCognito } from '../support/cognito.ts'

const { cognito } = useCognito()
const client = sdkClient()

async function newPool(input: Partial<CreateUserPoolCommandInput> = {}) {
  const res = await client.send(new CreateUserPoolCommand({ PoolName: 'admin', ...input }))
  return res.UserPool!.Id!
}

/** A CONFIRMED user with a permanent password. */
async function confirmedUser(UserPoolId: string, Username = 'jane', UserAttributes: AttributeType[] = []) {
  await client.send(
    new AdminCreateUserCommand({ UserPoolId, Username, UserAttributes, MessageAction: 'SUPPRESS' }),
  )
  await client.send(
    new AdminSetUserPasswordCommand({ UserPoolId, Username, Password: 'Perm-Pass1', Permanent: true }),
  )
}

async function signIn(UserPoolId: string, Username = 'jane', ClientId?: string) {
  const id =
    ClientId ??
    (
      await client.send(
        new CreateUserPoolClientCommand({
          UserPoolId,
          ClientName: 'admin-app',
          ExplicitAuthFlows: ['ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        }),
      )
    ).UserPoolClient!.ClientId!
  const res = await client.send(
    new AdminInitiateAuthCommand({
      UserPoolId,
      ClientId: id,
      AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: Username, PASSWORD: 'Perm-Pass1' },
    }),
  )
  return { clientId: id, tokens: res.AuthenticationResult! }
}

const getUser = (UserPoolId: string, Username = 'jane') =>
  client.send(new AdminGetUserCommand({ UserPoolId, Username }))

describe('AdminDisableUser and AdminEnableUser', () => {
  it('stops a disabled user from signing in, and lets it in again once enabled', async () => {
    const UserPoolId = await newPool()
    await confirmedUser(UserPoolId)
    const { clientId } = await signIn(UserPoolId)
    await client.send(new AdminDisableUserCommand({ UserPoolId, Username: 'jane' }))
    expect((await getUser(UserPoolId)).Enabled).toBe(false)
    expect(await failure(signIn(UserPoolId, 'jane', clientId))).toEqual({
      name: 'NotAuthorizedException',
      message: 'User is disabled.',
    })
    await client.send(new AdminEnableUserCommand({ UserPoolId, Username: 'jane' }))
    expect((await getUser(UserPoolId)).Enabled).toBe(true)
    await signIn(UserPoolId, 'jane', clientId)
  })

  it('revokes the tokens of a user it disables', async () => {
    const UserPoolId = await newPool()
    await confirmedUser(UserPoolId)
    const { clientId, tokens } = await signIn(UserPoolId)
    await client.send(new AdminDisableUserCommand({ UserPoolId, Username: 'jane' }))
    await client.send(new AdminEnableUserCommand({ UserPoolId, Username: 'jane' }))
    expect(await failure(client.send(new GetUserCommand({ AccessToken: tokens.AccessToken })))).toEqual({
      name: 'NotAuthorizedException',
      message: 'Access Token has been revoked',
    })
    expect(
      await failure(
        client.send(
          new AdminInitiateAuthCommand({
            UserPoolId,
            ClientId: clientId,
            AuthFlow: 'REFRESH_TOKEN_AUTH',
            AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken! },
          }),
        ),
      ),
    ).toEqual({ name: 'NotAuthorizedException', message: 'Refresh Token has been revoked' })
  })

  it('answers UserNotFoundException for an unknown user', async () => {
    const UserPoolId = await newPool()
    for (const command of [
      new AdminDisableUserCommand({ UserPoolId, Username: 'nobody' }),
      new AdminEnableUserCommand({ UserPoolId, Username: 'nobody' }),
    ]) {
      expect(await failure(client.send(command as AdminDisableUserCommand))).toEqual({
        name: 'UserNotFoundException',
        message: 'User does not exist.',
      })
    }
  })
})

describe('AdminUserGlobalSignOut', () => {
  it('revokes the access and refresh tokens the user holds, but not a later sign-in', async () => {
    const UserPoolId = await newPool()
    await confirmedUser(UserPoolId)
    const { clientId, tokens } = await signIn(UserPoolId)
    await client.send(new AdminUserGlobalSignOutCommand({ UserPoolId, Username: 'jane' }))
    expect(await failure(client.send(new GetUserCommand({ AccessToken: tokens.AccessToken })))).toEqual({
      name: 'NotAuthorizedException',
      message: 'Access Token has been revoked',
    })
    expect(
      await failure(
        client.send(
          new AdminInitiateAuthCommand({
            UserPoolId,
            ClientId: clientId,
            AuthFlow: 'REFRESH_TOKEN_AUTH',
            AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken! },
          }),
        ),
      ),
    ).toEqual({ name: 'NotAuthorizedException', message: 'Refresh Token has been revoked' })
    const again = await signIn(UserPoolId, 'jane', clientId)
    const me = await client.send(new GetUserCommand({ AccessToken: again.tokens.AccessToken }))
    expect(me.Username).toBe('jane')
  })

  it('leaves other users signed in', async () => {
    const UserPoolId = await newPool()
    await confirmedUser(UserPoolId, 'jane')
    await confirmedUser(UserPoolId, 'john')
    const { clientId } = await signIn(UserPoolId, 'jane')
    const john = await signIn(UserPoolId, 'john', clientId)
    await client.send(new AdminUserGlobalSignOutCommand({ UserPoolId, Username: 'jane' }))
    const me = await client.send(new GetUserCommand({ AccessToken: john.tokens.AccessToken }))
    expect(me.Username).toBe('john')
  })

  it('answers UserNotFoundException for an unknown user', async () => {
    const UserPoolId = await newPool()
    expect(
      await failure(client.send(new AdminUserGlobalSignOutCommand({ UserPoolId, Username: 'nobody' }))),
    ).toEqual({ name: 'UserNotFoundException', message: 'User does not exist.' })
  })
})

describe('AdminResetUserPassword', () => {
  const verifiedEmail = [
    { Name: 'email', Value: 'jane@example.com' },
    { Name: 'email_verified', Value: 'true' },
  ]

  it('requires a password reset at sign-in and sends a reset code that ConfirmForgotPassword accepts', async () => {
    const UserPoolId = await newPool()
    await confirmedUser(UserPoolId, 'jane', verifiedEmail)
    const { clientId } = await signIn(UserPoolId)
    await client.send(new AdminResetUserPasswordCommand({ UserPoolId, Username: 'jane' }))
    expect((await getUser(UserPoolId)).UserStatus).toBe('RESET_REQUIRED')
    expect(cognito.outbox).toEqual([
      expect.objectContaining({
        userPoolId: UserPoolId,
        username: 'jane',
        deliveryMedium: 'EMAIL',
        destination: 'jane@example.com',
        reason: 'ForgotPassword',
        code: expect.stringMatching(/^[0-9]{6}$/),
      }),
    ])
    expect(await failure(signIn(UserPoolId, 'jane', clientId))).toEqual({
      name: 'PasswordResetRequiredException',
      message: 'Password reset required for the user',
    })
    await client.send(
      new ConfirmForgotPasswordCommand({
        ClientId: clientId,
        Username: 'jane',
        ConfirmationCode: cognito.outbox[0]!.code!,
        Password: 'Perm-Pass1',
      }),
    )
    expect((await getUser(UserPoolId)).UserStatus).toBe('CONFIRMED')
  })

  it('refuses a user without a verified email or phone number', async () => {
    const UserPoolId = await newPool()
    await confirmedUser(UserPoolId, 'jane', [{ Name: 'email', Value: 'jane@example.com' }])
    expect(
      await failure(client.send(new AdminResetUserPasswordCommand({ UserPoolId, Username: 'jane' }))),
    ).toEqual({
      name: 'InvalidParameterException',
      message: 'Cannot reset password for the user as there is no registered/verified email or phone_number',
    })
    expect((await getUser(UserPoolId)).UserStatus).toBe('CONFIRMED')
  })

  it('sends the code by SMS where the recovery setting puts the phone number first', async () => {
    const UserPoolId = await newPool({
      AccountRecoverySetting: {
        RecoveryMechanisms: [
          { Name: 'verified_phone_number', Priority: 1 },
          { Name: 'verified_email', Priority: 2 },
        ],
      },
    })
    await confirmedUser(UserPoolId, 'jane', [
      ...verifiedEmail,
      { Name: 'phone_number', Value: '+15555550123' },
      { Name: 'phone_number_verified', Value: 'true' },
    ])
    await client.send(new AdminResetUserPasswordCommand({ UserPoolId, Username: 'jane' }))
    expect(cognito.outbox.map((m) => [m.deliveryMedium, m.destination])).toEqual([['SMS', '+15555550123']])
  })
})

describe('AdminUpdateUserAttributes', () => {
  it('updates attributes, seen by AdminGetUser', async () => {
    const UserPoolId = await newPool()
    await confirmedUser(UserPoolId, 'jane', [{ Name: 'name', Value: 'Jane' }])
    await client.send(
      new AdminUpdateUserAttributesCommand({
        UserPoolId,
        Username: 'jane',
        UserAttributes: [
          { Name: 'name', Value: 'Jane Doe' },
          { Name: 'given_name', Value: 'Jane' },
        ],
      }),
    )
    expect(attrs((await getUser(UserPoolId)).UserAttributes)).toMatchObject({
      name: 'Jane Doe',
      given_name: 'Jane',
    })
  })

  it('marks a changed email unverified and sends a code where the pool verifies email', async () => {
    const UserPoolId = await newPool({ AutoVerifiedAttributes: ['email'] })
    await confirmedUser(UserPoolId, 'jane', [
      { Name: 'email', Value: 'jane@example.com' },
      { Name: 'email_verified', Value: 'true' },
    ])
    await client.send(
      new AdminUpdateUserAttributesCommand({
        UserPoolId,
        Username: 'jane',
        UserAttributes: [{ Name: 'email', Value: 'jane@example.org' }],
      }),
    )
    expect(attrs((await getUser(UserPoolId)).UserAttributes)).toMatchObject({
      email: 'jane@example.org',
      email_verified: 'false',
    })
    expect(cognito.outbox).toEqual([
      expect.objectContaining({
        destination: 'jane@example.org',
        reason: 'UpdateUserAttributes',
        code: expect.stringMatching(/^[0-9]{6}$/),
      }),
    ])
  })

  it('takes a changed email as verified when email_verified is given with it, without a code', async () => {
    const UserPoolId = await newPool({ AutoVerifiedAttributes: ['email'] })
    await confirmedUser(UserPoolId, 'jane', [{ Name: 'email', Value: 'jane@example.com' }])
    await client.send(
      new AdminUpdateUserAttributesCommand({
        UserPoolId,
        Username: 'jane',
        UserAttributes: [
          { Name: 'email', Value: 'jane@example.org' },
          { Name: 'email_verified', Value: 'true' },
        ],
      }),
    )
    expect(attrs((await getUser(UserPoolId)).UserAttributes)).toMatchObject({
      email: 'jane@example.org',
      email_verified: 'true',
    })
    expect(cognito.outbox).toEqual([])
  })

  it('keeps the old email until the new one is verified where the pool requires it', async () => {
    const UserPoolId = await newPool({
      AutoVerifiedAttributes: ['email'],
      UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['email'] },
    })
    await confirmedUser(UserPoolId, 'jane', [
      { Name: 'email', Value: 'jane@example.com' },
      { Name: 'email_verified', Value: 'true' },
    ])
    await client.send(
      new AdminUpdateUserAttributesCommand({
        UserPoolId,
        Username: 'jane',
        UserAttributes: [{ Name: 'email', Value: 'jane@example.org' }],
      }),
    )
    expect(attrs((await getUser(UserPoolId)).UserAttributes)).toMatchObject({
      email: 'jane@example.com',
      email_verified: 'true',
    })
    expect(cognito.outbox.map((m) => m.destination)).toEqual(['jane@example.org'])
  })

  it('moves a verified email alias from the user that held it', async () => {
    const UserPoolId = await newPool({ AliasAttributes: ['email'] })
    const verified = [
      { Name: 'email', Value: 'jane@example.com' },
      { Name: 'email_verified', Value: 'true' },
    ]
    await confirmedUser(UserPoolId, 'jane', verified)
    await confirmedUser(UserPoolId, 'john')
    await client.send(
      new AdminUpdateUserAttributesCommand({ UserPoolId, Username: 'john', UserAttributes: verified }),
    )
    expect(attrs((await getUser(UserPoolId, 'jane')).UserAttributes).email_verified).toBe('false')
    expect((await getUser(UserPoolId, 'jane@example.com')).Username).toBe('john')
  })

  it('refuses an email that is another user’s username', async () => {
    const UserPoolId = await newPool({ UsernameAttributes: ['email'] })
    await confirmedUser(UserPoolId, 'jane@example.com')
    await confirmedUser(UserPoolId, 'john@example.com')
    expect(
      await failure(
        client.send(
          new AdminUpdateUserAttributesCommand({
            UserPoolId,
            Username: 'john@example.com',
            UserAttributes: [{ Name: 'email', Value: 'jane@example.com' }],
          }),
        ),
      ),
    ).toEqual({ name: 'AliasExistsException', message: 'An account with the given email already exists.' })
  })

  it('refuses an immutable attribute and one the schema does not have', async () => {
    const UserPoolId = await newPool()
    await confirmedUser(UserPoolId)
    const update = (Name: string) =>
      failure(
        client.send(
          new AdminUpdateUserAttributesCommand({
            UserPoolId,
            Username: 'jane',
            UserAttributes: [{ Name, Value: 'x' }],
          }),
        ),
      )
    expect(await update('sub')).toEqual({
      name: 'InvalidParameterException',
      message: 'Cannot modify an already provided immutable attribute: sub',
    })
    expect(await update('custom:nope')).toEqual({
      name: 'InvalidParameterException',
      message: 'Invalid user attributes: user.custom:nope: Attribute does not exist in the schema.',
    })
  })
})

describe('AdminDeleteUserAttributes', () => {
  it('deletes attributes, and a deleted email takes its verified flag along', async () => {
    const UserPoolId = await newPool()
    await confirmedUser(UserPoolId, 'jane', [
      { Name: 'name', Value: 'Jane' },
      { Name: 'email', Value: 'jane@example.com' },
      { Name: 'email_verified', Value: 'true' },
    ])
    await client.send(
      new AdminDeleteUserAttributesCommand({
        UserPoolId,
        Username: 'jane',
        UserAttributeNames: ['name', 'email'],
      }),
    )
    expect(Object.keys(attrs((await getUser(UserPoolId)).UserAttributes))).toEqual(['sub'])
  })

  it('refuses to delete a required attribute', async () => {
    const UserPoolId = await newPool({
      Schema: [{ Name: 'email', AttributeDataType: 'String', Required: true }],
    })
    await confirmedUser(UserPoolId, 'jane', [{ Name: 'email', Value: 'jane@example.com' }])
    expect(
      await failure(
        client.send(
          new AdminDeleteUserAttributesCommand({
            UserPoolId,
            Username: 'jane',
            UserAttributeNames: ['email'],
          }),
        ),
      ),
    ).toEqual({
      name: 'InvalidParameterException',
      message: 'Attributes did not conform to the schema: email: The attribute is required\n',
    })
  })
})

describe.each(ENDPOINTS)('ListUsers through %s', (_, endpoint) => {
  const sdk = sdkClient(endpoint)
  const list = (
    input: Omit<ConstructorParameters<typeof ListUsersCommand>[0], 'UserPoolId'>,
    UserPoolId: string,
  ) => sdk.send(new ListUsersCommand({ UserPoolId, ...input }))

  async function people() {
    const UserPoolId = await newPool()
    const make = (Username: string, email: string, name: string) =>
      client.send(
        new AdminCreateUserCommand({
          UserPoolId,
          Username,
          MessageAction: 'SUPPRESS',
          UserAttributes: [
            { Name: 'email', Value: email },
            { Name: 'name', Value: name },
          ],
        }),
      )
    await make('carol', 'carol@example.com', 'Carol')
    await make('alice', 'alice@example.com', 'Alice')
    await make('bob', 'bob@example.org', 'Bob')
    return UserPoolId
  }

  it('lists every user as UserType when there is no filter', async () => {
    const UserPoolId = await people()
    const { Users, PaginationToken } = await list({}, UserPoolId)
    expect(Users?.map((u) => u.Username)).toEqual(['alice', 'bob', 'carol'])
    expect(Users?.[0]).toMatchObject({ Enabled: true, UserStatus: 'FORCE_CHANGE_PASSWORD' })
    expect(Users?.[0]?.UserCreateDate).toBeInstanceOf(Date)
    expect(attrs(Users?.[0]?.Attributes)).toMatchObject({ email: 'alice@example.com', name: 'Alice' })
    expect(PaginationToken).toBeUndefined()
  })

  it('filters with = and ^= on the searchable attributes', async () => {
    const UserPoolId = await people()
    const names = async (Filter: string) => (await list({ Filter }, UserPoolId)).Users?.map((u) => u.Username)
    expect(await names('email = "bob@example.org"')).toEqual(['bob'])
    expect(await names('email ^= "c"')).toEqual(['carol'])
    expect(await names('email^="nobody"')).toEqual([])
    expect(await names('username = "alice"')).toEqual(['alice'])
    expect(await names('name ^= "B"')).toEqual(['bob'])
    expect(await names('cognito:user_status = "force_change_password"')).toEqual(['alice', 'bob', 'carol'])
    expect(await names('status = "Enabled"')).toEqual(['alice', 'bob', 'carol'])
    expect(await names('')).toEqual(['alice', 'bob', 'carol'])
  })

  it('finds users by sub and by disabled status', async () => {
    const UserPoolId = await people()
    await client.send(new AdminDisableUserCommand({ UserPoolId, Username: 'bob' }))
    const bob = await getUser(UserPoolId, 'bob')
    const sub = attrs(bob.UserAttributes).sub
    expect((await list({ Filter: `sub = "${sub}"` }, UserPoolId)).Users?.map((u) => u.Username)).toEqual([
      'bob',
    ])
    const disabled = await list({ Filter: 'status = "Disabled"' }, UserPoolId)
    expect(disabled.Users?.map((u) => [u.Username, u.Enabled])).toEqual([['bob', false]])
  })

  it('refuses attributes it cannot search and filters it cannot parse', async () => {
    const UserPoolId = await people()
    expect(await failure(list({ Filter: 'custom:tier = "gold"' }, UserPoolId))).toEqual({
      name: 'InvalidParameterException',
      message: 'Invalid search attribute: custom:tier',
    })
    expect(await failure(list({ Filter: 'locale = "en"' }, UserPoolId))).toEqual({
      name: 'InvalidParameterException',
      message: 'Invalid search attribute: locale',
    })
    for (const Filter of ['email', 'email = alice', 'email ~= "a"', 'email = "a" and name = "b"']) {
      expect(await failure(list({ Filter }, UserPoolId))).toEqual({
        name: 'InvalidParameterException',
        message: 'Error while parsing filter',
      })
    }
  })

  it('returns only the attributes asked for with AttributesToGet', async () => {
    const UserPoolId = await people()
    const { Users } = await list({ AttributesToGet: ['email'] }, UserPoolId)
    expect(Users?.map((u) => u.Attributes)).toEqual([
      [{ Name: 'email', Value: 'alice@example.com' }],
      [{ Name: 'email', Value: 'bob@example.org' }],
      [{ Name: 'email', Value: 'carol@example.com' }],
    ])
  })

  it('pages with Limit and a PaginationToken that stays valid while users are added', async () => {
    const UserPoolId = await people()
    const first = await list({ Limit: 2 }, UserPoolId)
    expect(first.Users?.map((u) => u.Username)).toEqual(['alice', 'bob'])
    expect(first.PaginationToken).toEqual(expect.any(String))
    await client.send(
      new AdminCreateUserCommand({ UserPoolId, Username: 'aaron', MessageAction: 'SUPPRESS' }),
    )
    await client.send(new AdminCreateUserCommand({ UserPoolId, Username: 'dave', MessageAction: 'SUPPRESS' }))
    const second = await list({ Limit: 2, PaginationToken: first.PaginationToken }, UserPoolId)
    expect(second.Users?.map((u) => u.Username)).toEqual(['carol', 'dave'])
    expect(second.PaginationToken).toBeUndefined()
  })

  it('answers ResourceNotFoundException for an unknown pool', async () => {
    expect(await failure(list({}, 'us-east-1_NoSuchOne'))).toEqual({
      name: 'ResourceNotFoundException',
      message: 'User pool us-east-1_NoSuchOne does not exist.',
    })
  })
})

describe('ListUsers at scale', () => {
  it('pages through 121 users in order, 60 at a time by default', async () => {
    const UserPoolId = await newPool()
    const name = (i: number) => `user${String(i).padStart(3, '0')}`
    await Promise.all(
      Array.from({ length: 121 }, (_, i) =>
        client.send(
          new AdminCreateUserCommand({ UserPoolId, Username: name(120 - i), MessageAction: 'SUPPRESS' }),
        ),
      ),
    )
    const seen: string[] = []
    let PaginationToken: string | undefined
    const sizes: number[] = []
    do {
      const page = await client.send(new ListUsersCommand({ UserPoolId, PaginationToken }))
      sizes.push(page.Users?.length ?? 0)
      seen.push(...(page.Users ?? []).map((u) => u.Username!))
      PaginationToken = page.PaginationToken
    } while (PaginationToken)
    expect(sizes).toEqual([60, 60, 1])
    expect(seen).toEqual(Array.from({ length: 121 }, (_, i) => name(i)))
  })

  it('keeps username order through many additions and deletions after the first listing', async () => {
    const UserPoolId = await newPool()
    // 700 names in a fixed shuffled order (a linear congruential walk), so additions land all over the order.
    const names = Array.from({ length: 700 }, (_, i) => `u${String((i * 337) % 700).padStart(3, '0')}`)
    const create = (Username: string) =>
      client.send(new AdminCreateUserCommand({ UserPoolId, Username, MessageAction: 'SUPPRESS' }))
    for (const Username of names.slice(0, 50)) await create(Username)
    await client.send(new ListUsersCommand({ UserPoolId })) // the order is built here, then kept up to date
    const listAll = async () => {
      const seen: string[] = []
      let PaginationToken: string | undefined
      do {
        const page = await client.send(new ListUsersCommand({ UserPoolId, Limit: 60, PaginationToken }))
        seen.push(...(page.Users ?? []).map((u) => u.Username!))
        PaginationToken = page.PaginationToken
      } while (PaginationToken)
      return seen
    }
    for (const Username of names.slice(50)) await create(Username)
    expect(await listAll()).toEqual([...names].sort())
    const deleted = names.filter((_, i) => i % 3 === 1)
    for (const Username of deleted) await client.send(new AdminDeleteUserCommand({ UserPoolId, Username }))
    const remaining = await listAll()
    expect(remaining).toHaveLength(467)
    expect(remaining).toEqual(names.filter((n) => !deleted.includes(n)).sort())
  })
})
