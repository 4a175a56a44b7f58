import {
  AdminAddUserToGroupCommand,
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  AdminUpdateUserAttributesCommand,
  CreateGroupCommand,
  GetUserCommand,
  InitiateAuthCommand,
  ListUsersCommand,
  ListUsersInGroupCommand,
  SignUpCommand,
  UpdateUserAttributesCommand,
} from '@aws-sdk/client-cognito-identity-provider'
import { describe, expect, it } from 'vitest'
import { createUser, PASSWORD, passwordSignIn, poolWithClient } from '../support/auth-fixtures.ts'
import { sdkClient, useCognito } from '../support/cognito.ts'

// Operations do all their state reads and writes without awaiting in between, so requests that arrive together
// behave as if they ran one after another: nothing is lost, nothing is done twice.

useCognito()
const client = sdkClient()

/** Settles every promise and sorts the outcomes into successes and error names. */
async function outcomes<T>(promises: Promise<T>[]) {
  const settled = await Promise.allSettled(promises)
  const ok = settled.filter((s): s is PromiseFulfilledResult<Awaited<T>> => s.status === 'fulfilled')
  const errors = settled
    .filter((s): s is PromiseRejectedResult => s.status === 'rejected')
    .map((s) => `${s.reason.name}: ${s.reason.message}`)
  return { ok: ok.map((s) => s.value), errors }
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i)

describe('concurrent requests', () => {
  it('let exactly one of 100 parallel SignUps of one username succeed', async () => {
    const { poolId, clientId } = await poolWithClient(client)
    const { ok, errors } = await outcomes(
      range(100).map(() =>
        client.send(new SignUpCommand({ ClientId: clientId, Username: 'racer', Password: PASSWORD })),
      ),
    )
    expect(ok).toHaveLength(1)
    expect(errors).toEqual(range(99).map(() => 'UsernameExistsException: User already exists'))
    const { Users } = await client.send(new ListUsersCommand({ UserPoolId: poolId }))
    expect(Users!.map((u) => [u.Username, u.Attributes!.find((a) => a.Name === 'sub')!.Value])).toEqual([
      ['racer', ok[0]!.UserSub],
    ])
  })

  it('let exactly one of parallel SignUps succeed where usernames differ only in case in a case-insensitive pool', async () => {
    const { clientId } = await poolWithClient(client, { UsernameConfiguration: { CaseSensitive: false } })
    const names = ['Racer', 'RACER', 'racer', 'rAcEr']
    const { ok, errors } = await outcomes(
      range(40).map((i) =>
        client.send(new SignUpCommand({ ClientId: clientId, Username: names[i % 4], Password: PASSWORD })),
      ),
    )
    expect(ok).toHaveLength(1)
    expect(new Set(errors)).toEqual(new Set(['UsernameExistsException: User already exists']))
  })

  it('create every group only once when 20 parallel CreateGroups use one name', async () => {
    const { poolId } = await poolWithClient(client)
    const { ok, errors } = await outcomes(
      range(20).map(() => client.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: 'admins' }))),
    )
    expect(ok).toHaveLength(1)
    expect(errors).toEqual(range(19).map(() => 'GroupExistsException: A group with the name already exists.'))
  })

  it('lose no membership when many users join many groups in parallel', async () => {
    const { poolId } = await poolWithClient(client)
    const users = range(20).map((i) => `user${i}`)
    const groups = range(5).map((i) => `group${i}`)
    await Promise.all(users.map((u) => createUser(client, poolId, u)))
    await Promise.all(
      groups.map((g) => client.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: g }))),
    )

    const { errors } = await outcomes(
      users.flatMap((Username) =>
        groups.map((GroupName) =>
          client.send(new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username, GroupName })),
        ),
      ),
    )
    expect(errors).toEqual([])
    for (const GroupName of groups) {
      const { Users } = await client.send(new ListUsersInGroupCommand({ UserPoolId: poolId, GroupName }))
      expect(Users!.map((u) => u.Username).sort()).toEqual([...users].sort())
    }
    for (const Username of users) {
      const { Groups } = await client.send(
        new AdminListGroupsForUserCommand({ UserPoolId: poolId, Username }),
      )
      expect(Groups!.map((g) => g.GroupName).sort()).toEqual(groups)
    }
  })

  it('apply parallel joins and leaves exactly: members end where their last change put them', async () => {
    const { poolId } = await poolWithClient(client)
    const users = range(30).map((i) => `user${i}`)
    await Promise.all(users.map((u) => createUser(client, poolId, u)))
    await client.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: 'team' }))
    await Promise.all(
      users.map((Username) =>
        client.send(new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username, GroupName: 'team' })),
      ),
    )
    const leaving = users.filter((_, i) => i % 3 === 0)
    const { errors } = await outcomes([
      ...leaving.map((Username) =>
        client.send(new AdminRemoveUserFromGroupCommand({ UserPoolId: poolId, Username, GroupName: 'team' })),
      ),
      ...users.map((Username) =>
        client.send(new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username, GroupName: 'team' })),
      ),
    ])
    expect(errors).toEqual([])
    // Requests are handled in the order they arrive, so every leave ran before the join that followed it.
    const { Users } = await client.send(
      new ListUsersInGroupCommand({ UserPoolId: poolId, GroupName: 'team' }),
    )
    expect(Users!.map((u) => u.Username).sort()).toEqual([...users].sort())
  })

  it('answer 50 parallel refreshes of one refresh token with 50 working access tokens', async () => {
    const { poolId, clientId } = await poolWithClient(client)
    await createUser(client, poolId, 'alice')
    const { RefreshToken } = (await passwordSignIn(client, clientId, 'alice')).AuthenticationResult!
    const { ok, errors } = await outcomes(
      range(50).map(() =>
        client.send(
          new InitiateAuthCommand({
            AuthFlow: 'REFRESH_TOKEN_AUTH',
            ClientId: clientId,
            AuthParameters: { REFRESH_TOKEN: RefreshToken! },
          }),
        ),
      ),
    )
    expect(errors).toEqual([])
    const tokens = ok.map((r) => r.AuthenticationResult!.AccessToken!)
    expect(new Set(tokens).size).toBe(50)
    const users = await Promise.all(
      tokens.map((AccessToken) => client.send(new GetUserCommand({ AccessToken }))),
    )
    expect(new Set(users.map((u) => u.Username))).toEqual(new Set(['alice']))
  })

  it('give every one of 30 users signing in at once their own tokens', async () => {
    const { poolId, clientId } = await poolWithClient(client)
    const users = range(30).map((i) => `user${i}`)
    await Promise.all(users.map((u) => createUser(client, poolId, u)))
    const results = await Promise.all(users.map((u) => passwordSignIn(client, clientId, u)))
    const named = await Promise.all(
      results.map((r) =>
        client.send(new GetUserCommand({ AccessToken: r.AuthenticationResult!.AccessToken! })),
      ),
    )
    expect(named.map((u) => u.Username)).toEqual(users)
  })

  it('keep every attribute of parallel AdminUpdateUserAttributes calls on different attributes', async () => {
    const { poolId } = await poolWithClient(client)
    await createUser(client, poolId, 'alice')
    const changes = {
      name: 'Alice',
      given_name: 'Alice',
      family_name: 'Liddell',
      middle_name: 'Pleasance',
      nickname: 'ally',
      locale: 'en-GB',
      zoneinfo: 'Europe/London',
      website: 'https://example.com',
      profile: 'https://example.com/alice',
      gender: 'female',
    }
    const { errors } = await outcomes(
      Object.entries(changes).map(([Name, Value]) =>
        client.send(
          new AdminUpdateUserAttributesCommand({
            UserPoolId: poolId,
            Username: 'alice',
            UserAttributes: [{ Name, Value }],
          }),
        ),
      ),
    )
    expect(errors).toEqual([])
    const { UserAttributes } = await client.send(
      new AdminGetUserCommand({ UserPoolId: poolId, Username: 'alice' }),
    )
    const attributes = Object.fromEntries(UserAttributes!.map((a) => [a.Name, a.Value]))
    expect(attributes).toMatchObject(changes)
  })

  it('keep every attribute of parallel UpdateUserAttributes calls with one access token', async () => {
    const { poolId, clientId } = await poolWithClient(client)
    await createUser(client, poolId, 'alice')
    const { AccessToken } = (await passwordSignIn(client, clientId, 'alice')).AuthenticationResult!
    const changes = { name: 'Alice', given_name: 'A', family_name: 'L', nickname: 'al', locale: 'fr' }
    const { errors } = await outcomes(
      Object.entries(changes).map(([Name, Value]) =>
        client.send(new UpdateUserAttributesCommand({ AccessToken, UserAttributes: [{ Name, Value }] })),
      ),
    )
    expect(errors).toEqual([])
    const { UserAttributes } = await client.send(new GetUserCommand({ AccessToken }))
    expect(Object.fromEntries(UserAttributes!.map((a) => [a.Name, a.Value]))).toMatchObject(changes)
  })

  it('let exactly one of 10 users take one email in parallel where email is the username', async () => {
    const { poolId } = await poolWithClient(client, { UsernameAttributes: ['email'] })
    const users = range(10).map((i) => `user${i}@example.com`)
    await Promise.all(users.map((u) => createUser(client, poolId, u)))
    const { ok, errors } = await outcomes(
      users.map((Username) =>
        client.send(
          new AdminUpdateUserAttributesCommand({
            UserPoolId: poolId,
            Username,
            UserAttributes: [{ Name: 'email', Value: 'shared@example.com' }],
          }),
        ),
      ),
    )
    expect(ok).toHaveLength(1)
    expect(errors).toEqual(
      range(9).map(() => 'AliasExistsException: An account with the given email already exists.'),
    )
    const { Users } = await client.send(
      new ListUsersCommand({ UserPoolId: poolId, Filter: 'email = "shared@example.com"' }),
    )
    expect(Users).toHaveLength(1)
  })
})
