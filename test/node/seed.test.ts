import {
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  InitiateAuthCommand,
  ListUsersCommand,
} from '@aws-sdk/client-cognito-identity-provider'
import { decodeJwt } from 'jose'
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type CognitoSeed, createCognito } from '../../src/index.ts'
import { sdkClient } from '../support/cognito.ts'

const POOL = 'us-east-1_Seeded001'
const CLIENT = 'seededwebclient00000000000'
const PASSWORD = 'Correct-Horse-42'

const seed: CognitoSeed = {
  pools: [
    {
      id: POOL,
      name: 'seeded',
      UsernameAttributes: ['email'],
      mfa: { MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true } },
      clients: [
        {
          id: CLIENT,
          name: 'web',
          ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        },
      ],
      groups: [{ name: 'admins', precedence: 1, description: 'Administrators' }, { name: 'staff' }],
      users: [
        {
          username: 'alice@example.com',
          password: PASSWORD,
          attributes: { email_verified: 'true', name: 'Alice' },
          groups: ['admins', 'staff'],
        },
        { username: 'bob@example.com', password: PASSWORD, status: 'UNCONFIRMED' },
        { username: 'carol@example.com', password: PASSWORD, status: 'FORCE_CHANGE_PASSWORD' },
        { username: 'dave@example.com', password: PASSWORD, enabled: false },
        {
          username: 'erin@example.com',
          password: PASSWORD,
          mfa: { totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', preferred: 'SOFTWARE_TOKEN_MFA' },
        },
      ],
    },
  ],
}

const cognito = createCognito({ seed })
const server = setupServer(...cognito.handlers)
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }))
afterAll(() => server.close())
const client = sdkClient()

const signIn = (USERNAME: string, PASSWORD_: string = PASSWORD) =>
  client.send(
    new InitiateAuthCommand({
      ClientId: CLIENT,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME, PASSWORD: PASSWORD_ },
    }),
  )

describe('createCognito({ seed })', () => {
  it('creates the pool and the app client under the ids the seed fixes, with AWS defaults', async () => {
    const { UserPool } = await client.send(new DescribeUserPoolCommand({ UserPoolId: POOL }))
    expect(UserPool?.Id).toBe(POOL)
    expect(UserPool?.Arn).toBe(`arn:aws:cognito-idp:us-east-1:123456789012:userpool/${POOL}`)
    expect(UserPool?.Policies?.PasswordPolicy?.MinimumLength).toBe(8)
    expect(UserPool?.MfaConfiguration).toBe('OPTIONAL')
    const { UserPoolClient } = await client.send(
      new DescribeUserPoolClientCommand({ UserPoolId: POOL, ClientId: CLIENT }),
    )
    expect(UserPoolClient?.ClientName).toBe('web')
  })

  it('creates confirmed users who sign in with their password and carry their groups in the tokens', async () => {
    const { AuthenticationResult } = await signIn('alice@example.com')
    const claims = decodeJwt(AuthenticationResult!.IdToken!)
    expect(claims['cognito:groups']).toEqual(['admins', 'staff'])
    expect(claims.email).toBe('alice@example.com')
    expect(claims.email_verified).toBe(true)
    expect(claims.name).toBe('Alice')
    expect(claims.iss).toBe(`https://cognito-idp.us-east-1.amazonaws.com/${POOL}`)
    const { Groups } = await client.send(
      new AdminListGroupsForUserCommand({ UserPoolId: POOL, Username: 'alice@example.com' }),
    )
    expect(Groups?.map((g) => [g.GroupName, g.Precedence])).toEqual([
      ['admins', 1],
      ['staff', undefined],
    ])
  })

  it('gives each user the status and enabled flag the seed asks for', async () => {
    const { Users } = await client.send(new ListUsersCommand({ UserPoolId: POOL }))
    const byEmail = Object.fromEntries(
      Users!.map((u) => [u.Attributes!.find((a) => a.Name === 'email')!.Value, [u.UserStatus, u.Enabled]]),
    )
    expect(byEmail).toEqual({
      'alice@example.com': ['CONFIRMED', true],
      'bob@example.com': ['UNCONFIRMED', true],
      'carol@example.com': ['FORCE_CHANGE_PASSWORD', true],
      'dave@example.com': ['CONFIRMED', false],
      'erin@example.com': ['CONFIRMED', true],
    })
    await expect(signIn('bob@example.com')).rejects.toMatchObject({
      name: 'UserNotConfirmedException',
      message: 'User is not confirmed.',
    })
    const carol = await signIn('carol@example.com')
    expect(carol.ChallengeName).toBe('NEW_PASSWORD_REQUIRED')
    await expect(signIn('dave@example.com')).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'User is disabled.',
    })
  })

  it('turns on the MFA the seed gives a user', async () => {
    const erin = await signIn('erin@example.com')
    expect(erin.ChallengeName).toBe('SOFTWARE_TOKEN_MFA')
    const { UserMFASettingList, PreferredMfaSetting } = await client.send(
      new AdminGetUserCommand({ UserPoolId: POOL, Username: 'erin@example.com' }),
    )
    expect(PreferredMfaSetting).toBe('SOFTWARE_TOKEN_MFA')
    expect(UserMFASettingList).toEqual(['SOFTWARE_TOKEN_MFA'])
  })

  it('builds the seed again on reset()', async () => {
    cognito.reset()
    const { AuthenticationResult } = await signIn('alice@example.com')
    expect(AuthenticationResult?.TokenType).toBe('Bearer')
  })

  it('does not seed over a state with pools loaded from storage', () => {
    const saved = createCognito({
      seed: { pools: [{ id: 'us-east-1_Saved0001', name: 'saved' }] },
    }).snapshot()
    const loaded = createCognito({ seed, storage: { load: () => JSON.stringify(saved), save: () => {} } })
    expect(Object.keys(loaded.snapshot().pools)).toEqual(['us-east-1_Saved0001'])
  })
})

describe('an invalid seed', () => {
  const fails = (bad: unknown) => () => createCognito({ seed: bad as CognitoSeed })

  it('names the user whose password breaks the policy', () => {
    const users = [
      { username: 'a', password: PASSWORD },
      { username: 'b', password: PASSWORD },
      { username: 'c', password: 'short' },
    ]
    expect(fails({ pools: [{ name: 'p', users }] })).toThrow(
      'Failed to seed Cognito mock: pools[0].users[2].password: Password did not conform with policy: Password not long enough',
    )
  })

  it('names a pool that CreateUserPool refuses, in its own words', () => {
    expect(fails({ pools: [{ name: 'ok' }, { name: 'bad name!' }] })).toThrow(
      "Failed to seed Cognito mock: pools[1]: 1 validation error detected: Value 'bad name!' at 'poolName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w\\s+=,.@-]+",
    )
  })

  it('names a group that does not exist', () => {
    const users = [{ username: 'a', password: PASSWORD, groups: ['nope'] }]
    expect(fails({ pools: [{ name: 'p', users }] })).toThrow(
      'Failed to seed Cognito mock: pools[0].users[0].groups[0]: Group not found.',
    )
  })

  it('names duplicate users, malformed ids and unknown keys', () => {
    const twice = [
      { username: 'a', password: PASSWORD },
      { username: 'a', password: PASSWORD },
    ]
    expect(fails({ pools: [{ name: 'p', users: twice }] })).toThrow(
      'Failed to seed Cognito mock: pools[0].users[1].username: User already exists',
    )
    expect(fails({ pools: [{ name: 'p', id: 'nope' }] })).toThrow(
      'Failed to seed Cognito mock: pools[0].id: "nope" is not a user pool id; it must look like "us-east-1_Example01".',
    )
    expect(fails({ pools: [{ name: 'p', users: [{ username: 'a', pasword: 'x' }] }] })).toThrow(
      'Failed to seed Cognito mock: pools[0].users[0].pasword: unknown key; expected one of username, password, attributes, status, enabled, groups, mfa.',
    )
    expect(fails({ pools: [{ name: 'p', users: [{ username: 'a', attributes: { shoe: '9' } }] }] })).toThrow(
      'Failed to seed Cognito mock: pools[0].users[0].attributes: Invalid user attributes: user.shoe: Attribute does not exist in the schema.',
    )
  })

  it('names a client id another pool already uses', () => {
    const pools = [
      { name: 'a', clients: [{ id: CLIENT, name: 'web' }] },
      { name: 'b', clients: [{ id: CLIENT, name: 'web' }] },
    ]
    expect(fails({ pools })).toThrow(
      `Failed to seed Cognito mock: pools[1].clients[0].id: User pool client ${CLIENT} already exists.`,
    )
  })
})
