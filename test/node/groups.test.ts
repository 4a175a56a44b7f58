import { createRequire } from 'node:module'
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  AdminSetUserPasswordCommand,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DeleteGroupCommand,
  GetGroupCommand,
  InitiateAuthCommand,
  ListGroupsCommand,
  ListUsersInGroupCommand,
  UpdateGroupCommand,
} from '@aws-sdk/client-cognito-identity-provider'
import { decodeJwt } from 'jose'
import { describe, expect, it } from 'vitest'
import { ENDPOINTS, sdkClient, secondsAfter, useCognito } from '../support/cognito.ts'

// The CJS build of aws-jwt-verify fetches the JWKS through `require('https')`, which MSW intercepts.
const { CognitoJwtVerifier } = createRequire(import.meta.url)(
  'aws-jwt-verify',
) as typeof import('aws-jwt-verify')

const { clock } = useCognito()
const cognito = sdkClient()

const ROLE_A = 'arn:aws:iam::123456789012:role/admins'
const ROLE_B = 'arn:aws:iam::123456789012:role/editors'
const PASSWORD = 'Correct-Horse-1'

async function createPool(): Promise<string> {
  const { UserPool } = await cognito.send(new CreateUserPoolCommand({ PoolName: 'groups' }))
  return UserPool!.Id!
}

async function createUser(UserPoolId: string, Username: string): Promise<void> {
  await cognito.send(new AdminCreateUserCommand({ UserPoolId, Username, MessageAction: 'SUPPRESS' }))
}

async function createGroups(UserPoolId: string, ...names: string[]): Promise<void> {
  for (const GroupName of names) await cognito.send(new CreateGroupCommand({ UserPoolId, GroupName }))
}

async function addToGroups(UserPoolId: string, Username: string, ...names: string[]): Promise<void> {
  for (const GroupName of names) {
    await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId, Username, GroupName }))
  }
}

/** Every page of a listing, following NextToken. */
async function allPages<T>(page: (token?: string) => Promise<{ items: T[]; next?: string }>): Promise<T[][]> {
  const pages: T[][] = []
  let token: string | undefined
  do {
    const { items, next } = await page(token)
    pages.push(items)
    token = next
  } while (token)
  return pages
}

async function groupNamesOf(UserPoolId: string, Username: string): Promise<string[]> {
  const { Groups } = await cognito.send(new AdminListGroupsForUserCommand({ UserPoolId, Username }))
  return Groups!.map((g) => g.GroupName!)
}

describe('CreateGroup', () => {
  it('returns the group with its description, role, precedence and equal creation and modification dates', async () => {
    const UserPoolId = await createPool()
    const { Group } = await cognito.send(
      new CreateGroupCommand({
        UserPoolId,
        GroupName: 'admins',
        Description: 'People who run things',
        RoleArn: ROLE_A,
        Precedence: 1,
      }),
    )
    expect(Group).toEqual({
      GroupName: 'admins',
      UserPoolId,
      Description: 'People who run things',
      RoleArn: ROLE_A,
      Precedence: 1,
      CreationDate: expect.any(Date),
      LastModifiedDate: Group?.CreationDate,
    })
  })

  it('leaves out the description, role and precedence that were not given', async () => {
    const UserPoolId = await createPool()
    const { Group } = await cognito.send(new CreateGroupCommand({ UserPoolId, GroupName: 'readers' }))
    expect(Object.keys(Group!).sort()).toEqual([
      'CreationDate',
      'GroupName',
      'LastModifiedDate',
      'UserPoolId',
    ])
  })

  it('refuses a name that is taken with GroupExistsException', async () => {
    const UserPoolId = await createPool()
    await createGroups(UserPoolId, 'admins')
    await expect(
      cognito.send(new CreateGroupCommand({ UserPoolId, GroupName: 'admins' })),
    ).rejects.toMatchObject({
      name: 'GroupExistsException',
      message: 'A group with the name already exists.',
    })
  })

  it('refuses a name that differs from a taken one only in case', async () => {
    const UserPoolId = await createPool()
    await createGroups(UserPoolId, 'ADMINS')
    await expect(
      cognito.send(new CreateGroupCommand({ UserPoolId, GroupName: 'Admins' })),
    ).rejects.toMatchObject({
      name: 'GroupExistsException',
      message: 'A group with the name already exists.',
    })
  })

  it('allows the same name in another pool', async () => {
    const first = await createPool()
    const second = await createPool()
    await createGroups(first, 'admins')
    const { Group } = await cognito.send(new CreateGroupCommand({ UserPoolId: second, GroupName: 'admins' }))
    expect(Group?.UserPoolId).toBe(second)
  })

  it('fails with ResourceNotFoundException for an unknown pool', async () => {
    await expect(
      cognito.send(new CreateGroupCommand({ UserPoolId: 'us-east-1_nope', GroupName: 'admins' })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'User pool us-east-1_nope does not exist.',
    })
  })

  it('rejects a negative precedence with the model’s validation message', async () => {
    const UserPoolId = await createPool()
    await expect(
      cognito.send(new CreateGroupCommand({ UserPoolId, GroupName: 'admins', Precedence: -1 })),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message:
        "1 validation error detected: Value '-1' at 'precedence' failed to satisfy constraint: Member must have value greater than or equal to 0",
    })
  })
})

describe('GetGroup', () => {
  it('returns the group as CreateGroup did', async () => {
    const UserPoolId = await createPool()
    const created = await cognito.send(
      new CreateGroupCommand({ UserPoolId, GroupName: 'admins', Precedence: 0, RoleArn: ROLE_A }),
    )
    const { Group } = await cognito.send(new GetGroupCommand({ UserPoolId, GroupName: 'admins' }))
    expect(Group).toEqual(created.Group)
  })

  it('finds the group under a name in another case', async () => {
    const UserPoolId = await createPool()
    await createGroups(UserPoolId, 'Admins')
    const { Group } = await cognito.send(new GetGroupCommand({ UserPoolId, GroupName: 'admins' }))
    expect(Group?.GroupName).toBe('Admins')
  })

  it('fails with ResourceNotFoundException "Group not found." for an unknown group', async () => {
    const UserPoolId = await createPool()
    await expect(
      cognito.send(new GetGroupCommand({ UserPoolId, GroupName: 'nobody' })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Group not found.',
    })
  })

  it('fails with ResourceNotFoundException for an unknown pool', async () => {
    await expect(
      cognito.send(new GetGroupCommand({ UserPoolId: 'us-east-1_nope', GroupName: 'admins' })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'User pool us-east-1_nope does not exist.',
    })
  })
})

describe('UpdateGroup', () => {
  it('changes what is given, keeps what is not, and moves the modification date', async () => {
    const UserPoolId = await createPool()
    const created = await cognito.send(
      new CreateGroupCommand({
        UserPoolId,
        GroupName: 'admins',
        Description: 'old',
        RoleArn: ROLE_A,
        Precedence: 3,
      }),
    )
    clock.advance(60)
    const { Group } = await cognito.send(
      new UpdateGroupCommand({ UserPoolId, GroupName: 'admins', Precedence: 1 }),
    )
    expect(Group).toEqual({
      ...created.Group,
      Precedence: 1,
      LastModifiedDate: secondsAfter(created.Group!.CreationDate, 60),
    })
    const fetched = await cognito.send(new GetGroupCommand({ UserPoolId, GroupName: 'admins' }))
    expect(fetched.Group).toEqual(Group)
  })

  it('fails with ResourceNotFoundException "Group not found." for an unknown group', async () => {
    const UserPoolId = await createPool()
    await expect(
      cognito.send(new UpdateGroupCommand({ UserPoolId, GroupName: 'nobody', Description: 'x' })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException', message: 'Group not found.' })
  })
})

describe('DeleteGroup', () => {
  it('deletes the group', async () => {
    const UserPoolId = await createPool()
    await createGroups(UserPoolId, 'admins')
    await cognito.send(new DeleteGroupCommand({ UserPoolId, GroupName: 'admins' }))
    await expect(
      cognito.send(new GetGroupCommand({ UserPoolId, GroupName: 'admins' })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Group not found.',
    })
  })

  it('takes the group away from every member, and a new group of that name starts empty', async () => {
    const UserPoolId = await createPool()
    await createGroups(UserPoolId, 'admins', 'editors')
    for (const name of ['ann', 'bob']) {
      await createUser(UserPoolId, name)
      await addToGroups(UserPoolId, name, 'admins', 'editors')
    }
    await cognito.send(new DeleteGroupCommand({ UserPoolId, GroupName: 'admins' }))
    expect(await groupNamesOf(UserPoolId, 'ann')).toEqual(['editors'])
    expect(await groupNamesOf(UserPoolId, 'bob')).toEqual(['editors'])
    await createGroups(UserPoolId, 'admins')
    const { Users } = await cognito.send(new ListUsersInGroupCommand({ UserPoolId, GroupName: 'admins' }))
    expect(Users).toEqual([])
  })

  it('fails with ResourceNotFoundException "Group not found." for an unknown group', async () => {
    const UserPoolId = await createPool()
    await expect(
      cognito.send(new DeleteGroupCommand({ UserPoolId, GroupName: 'nobody' })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Group not found.',
    })
  })
})

describe('ListGroups', () => {
  const listGroups = (UserPoolId: string, Limit?: number) => (NextToken?: string) =>
    cognito.send(new ListGroupsCommand({ UserPoolId, Limit, NextToken })).then((r) => ({
      items: r.Groups!.map((g) => g.GroupName!),
      next: r.NextToken,
    }))

  it('lists the groups of the pool by name, without a NextToken when all fit', async () => {
    const UserPoolId = await createPool()
    await createGroups(UserPoolId, 'b', 'c', 'a')
    const res = await cognito.send(new ListGroupsCommand({ UserPoolId }))
    expect(res.Groups?.map((g) => g.GroupName)).toEqual(['a', 'b', 'c'])
    expect(res.NextToken).toBeUndefined()
    expect(res.Groups?.[0]).toEqual(
      (await cognito.send(new GetGroupCommand({ UserPoolId, GroupName: 'a' }))).Group,
    )
  })

  it('returns 25 groups to a page by default', async () => {
    const UserPoolId = await createPool()
    await createGroups(UserPoolId, ...Array.from({ length: 30 }, (_, i) => `g${String(i).padStart(2, '0')}`))
    const pages = await allPages(listGroups(UserPoolId))
    expect(pages.map((p) => p.length)).toEqual([25, 5])
  })

  it('pages by Limit and hands out every group exactly once', async () => {
    const UserPoolId = await createPool()
    await createGroups(UserPoolId, 'a', 'b', 'c', 'd', 'e')
    const pages = await allPages(listGroups(UserPoolId, 2))
    expect(pages).toEqual([['a', 'b'], ['c', 'd'], ['e']])
  })

  it('keeps a NextToken valid while groups are added', async () => {
    const UserPoolId = await createPool()
    await createGroups(UserPoolId, 'b', 'd', 'f')
    const first = await listGroups(UserPoolId, 2)()
    expect(first.items).toEqual(['b', 'd'])
    await createGroups(UserPoolId, 'a', 'e')
    const second = await listGroups(UserPoolId, 2)(first.next)
    expect(second).toEqual({ items: ['e', 'f'], next: undefined })
  })

  it('refuses a NextToken from another listing with InvalidParameterException', async () => {
    const first = await createPool()
    const second = await createPool()
    await createGroups(first, 'a', 'b')
    const { next } = await listGroups(first, 1)()
    await expect(
      cognito.send(new ListGroupsCommand({ UserPoolId: second, NextToken: next })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' })
  })

  it('rejects a Limit above 60 with the model’s validation message', async () => {
    const UserPoolId = await createPool()
    await expect(cognito.send(new ListGroupsCommand({ UserPoolId, Limit: 61 }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message:
        "1 validation error detected: Value '61' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 60",
    })
  })

  it('fails with ResourceNotFoundException for an unknown pool', async () => {
    await expect(cognito.send(new ListGroupsCommand({ UserPoolId: 'us-east-1_nope' }))).rejects.toMatchObject(
      {
        name: 'ResourceNotFoundException',
        message: 'User pool us-east-1_nope does not exist.',
      },
    )
  })
})

describe('AdminAddUserToGroup and AdminRemoveUserFromGroup', () => {
  it('adds a user to a group once, however often it is asked', async () => {
    const UserPoolId = await createPool()
    await createGroups(UserPoolId, 'admins')
    await createUser(UserPoolId, 'ann')
    await addToGroups(UserPoolId, 'ann', 'admins', 'admins')
    expect(await groupNamesOf(UserPoolId, 'ann')).toEqual(['admins'])
  })

  it('removes a user from a group, and removing a non-member succeeds', async () => {
    const UserPoolId = await createPool()
    await createGroups(UserPoolId, 'admins', 'editors')
    await createUser(UserPoolId, 'ann')
    await addToGroups(UserPoolId, 'ann', 'admins', 'editors')
    const remove = new AdminRemoveUserFromGroupCommand({ UserPoolId, Username: 'ann', GroupName: 'admins' })
    await cognito.send(remove)
    await cognito.send(remove)
    expect(await groupNamesOf(UserPoolId, 'ann')).toEqual(['editors'])
  })

  it('finds the user by the email that serves as username', async () => {
    const { UserPool } = await cognito.send(
      new CreateUserPoolCommand({ PoolName: 'by-email', UsernameAttributes: ['email'] }),
    )
    const UserPoolId = UserPool!.Id!
    await createGroups(UserPoolId, 'admins')
    const { User } = await cognito.send(
      new AdminCreateUserCommand({ UserPoolId, Username: 'ann@example.com', MessageAction: 'SUPPRESS' }),
    )
    await addToGroups(UserPoolId, 'ann@example.com', 'admins')
    const { Users } = await cognito.send(new ListUsersInGroupCommand({ UserPoolId, GroupName: 'admins' }))
    expect(Users?.map((u) => u.Username)).toEqual([User?.Username])
    expect(await groupNamesOf(UserPoolId, 'ann@example.com')).toEqual(['admins'])
  })

  it('fails with UserNotFoundException "User does not exist." for an unknown user', async () => {
    const UserPoolId = await createPool()
    await createGroups(UserPoolId, 'admins')
    for (const command of [AdminAddUserToGroupCommand, AdminRemoveUserFromGroupCommand]) {
      await expect(
        cognito.send(new command({ UserPoolId, Username: 'nobody', GroupName: 'admins' })),
      ).rejects.toMatchObject({ name: 'UserNotFoundException', message: 'User does not exist.' })
    }
  })

  it('fails with ResourceNotFoundException "Group not found." for an unknown group', async () => {
    const UserPoolId = await createPool()
    await createUser(UserPoolId, 'ann')
    for (const command of [AdminAddUserToGroupCommand, AdminRemoveUserFromGroupCommand]) {
      await expect(
        cognito.send(new command({ UserPoolId, Username: 'ann', GroupName: 'nobody' })),
      ).rejects.toMatchObject({ name: 'ResourceNotFoundException', message: 'Group not found.' })
    }
  })

  it('fails with ResourceNotFoundException for an unknown pool', async () => {
    await expect(
      cognito.send(
        new AdminAddUserToGroupCommand({
          UserPoolId: 'us-east-1_nope',
          Username: 'ann',
          GroupName: 'admins',
        }),
      ),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'User pool us-east-1_nope does not exist.',
    })
  })
})

describe('AdminListGroupsForUser', () => {
  it('lists the groups of the user, as GroupType', async () => {
    const UserPoolId = await createPool()
    await cognito.send(new CreateGroupCommand({ UserPoolId, GroupName: 'editors', RoleArn: ROLE_B }))
    await createGroups(UserPoolId, 'admins', 'readers')
    await createUser(UserPoolId, 'ann')
    await addToGroups(UserPoolId, 'ann', 'editors', 'admins')
    const { Groups, NextToken } = await cognito.send(
      new AdminListGroupsForUserCommand({ UserPoolId, Username: 'ann' }),
    )
    expect(Groups?.map((g) => g.GroupName)).toEqual(['admins', 'editors'])
    expect(Groups?.[1]).toEqual(
      (await cognito.send(new GetGroupCommand({ UserPoolId, GroupName: 'editors' }))).Group,
    )
    expect(NextToken).toBeUndefined()
  })

  it('pages by Limit', async () => {
    const UserPoolId = await createPool()
    await createGroups(UserPoolId, 'a', 'b', 'c')
    await createUser(UserPoolId, 'ann')
    await addToGroups(UserPoolId, 'ann', 'c', 'a', 'b')
    const pages = await allPages((NextToken) =>
      cognito
        .send(new AdminListGroupsForUserCommand({ UserPoolId, Username: 'ann', Limit: 2, NextToken }))
        .then((r) => ({ items: r.Groups!.map((g) => g.GroupName!), next: r.NextToken })),
    )
    expect(pages).toEqual([['a', 'b'], ['c']])
  })

  it('returns no groups for a user in none', async () => {
    const UserPoolId = await createPool()
    await createUser(UserPoolId, 'ann')
    expect(await groupNamesOf(UserPoolId, 'ann')).toEqual([])
  })

  it('fails with UserNotFoundException "User does not exist." for an unknown user', async () => {
    const UserPoolId = await createPool()
    await expect(
      cognito.send(new AdminListGroupsForUserCommand({ UserPoolId, Username: 'nobody' })),
    ).rejects.toMatchObject({ name: 'UserNotFoundException', message: 'User does not exist.' })
  })
})

describe('ListUsersInGroup', () => {
  it('lists the members as UserType, by username', async () => {
    const UserPoolId = await createPool()
    await createGroups(UserPoolId, 'admins')
    for (const name of ['cat', 'ann', 'bob']) await createUser(UserPoolId, name)
    await addToGroups(UserPoolId, 'cat', 'admins')
    await addToGroups(UserPoolId, 'ann', 'admins')
    const { Users, NextToken } = await cognito.send(
      new ListUsersInGroupCommand({ UserPoolId, GroupName: 'admins' }),
    )
    expect(Users?.map((u) => u.Username)).toEqual(['ann', 'cat'])
    expect(Users?.[0]).toEqual({
      Username: 'ann',
      Attributes: [{ Name: 'sub', Value: expect.any(String) }],
      UserCreateDate: expect.any(Date),
      UserLastModifiedDate: expect.any(Date),
      Enabled: true,
      UserStatus: 'FORCE_CHANGE_PASSWORD',
    })
    expect(NextToken).toBeUndefined()
  })

  it('pages by Limit and keeps the NextToken valid while members join', async () => {
    const UserPoolId = await createPool()
    await createGroups(UserPoolId, 'admins')
    for (const name of ['b', 'd', 'f', 'a', 'e']) await createUser(UserPoolId, name)
    for (const name of ['b', 'd', 'f']) await addToGroups(UserPoolId, name, 'admins')
    const page = (NextToken?: string) =>
      cognito
        .send(new ListUsersInGroupCommand({ UserPoolId, GroupName: 'admins', Limit: 2, NextToken }))
        .then((r) => ({ items: r.Users!.map((u) => u.Username!), next: r.NextToken }))
    const first = await page()
    expect(first.items).toEqual(['b', 'd'])
    await addToGroups(UserPoolId, 'a', 'admins')
    await addToGroups(UserPoolId, 'e', 'admins')
    expect(await page(first.next)).toEqual({ items: ['e', 'f'], next: undefined })
  })

  it('no longer lists a member whose user was deleted', async () => {
    const UserPoolId = await createPool()
    await createGroups(UserPoolId, 'admins')
    await createUser(UserPoolId, 'ann')
    await createUser(UserPoolId, 'bob')
    await addToGroups(UserPoolId, 'ann', 'admins')
    await addToGroups(UserPoolId, 'bob', 'admins')
    await cognito.send(new AdminDeleteUserCommand({ UserPoolId, Username: 'ann' }))
    const { Users } = await cognito.send(new ListUsersInGroupCommand({ UserPoolId, GroupName: 'admins' }))
    expect(Users?.map((u) => u.Username)).toEqual(['bob'])
  })

  it('fails with ResourceNotFoundException "Group not found." for an unknown group', async () => {
    const UserPoolId = await createPool()
    await expect(
      cognito.send(new ListUsersInGroupCommand({ UserPoolId, GroupName: 'nobody' })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException', message: 'Group not found.' })
  })
})

describe('group claims in tokens', () => {
  async function signedInMember(...groups: { GroupName: string; Precedence?: number; RoleArn?: string }[]) {
    const UserPoolId = await createPool()
    const { UserPoolClient } = await cognito.send(
      new CreateUserPoolClientCommand({
        UserPoolId,
        ClientName: 'app',
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      }),
    )
    const ClientId = UserPoolClient!.ClientId!
    for (const group of groups) await cognito.send(new CreateGroupCommand({ UserPoolId, ...group }))
    for (const Username of ['member', 'outsider']) {
      await createUser(UserPoolId, Username)
      await cognito.send(
        new AdminSetUserPasswordCommand({ UserPoolId, Username, Password: PASSWORD, Permanent: true }),
      )
    }
    await addToGroups(UserPoolId, 'member', ...groups.map((g) => g.GroupName))
    const signIn = async (USERNAME: string) => {
      const { AuthenticationResult } = await cognito.send(
        new InitiateAuthCommand({
          ClientId,
          AuthFlow: 'USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME, PASSWORD },
        }),
      )
      return AuthenticationResult!
    }
    return { UserPoolId, ClientId, member: await signIn('member'), outsider: await signIn('outsider') }
  }

  it('puts both groups of a member in cognito:groups of ID and access token, lowest precedence first', async () => {
    const { member } = await signedInMember(
      { GroupName: 'a-readers', Precedence: 5 },
      { GroupName: 'z-admins', Precedence: 1 },
    )
    expect(decodeJwt(member.IdToken!)['cognito:groups']).toEqual(['z-admins', 'a-readers'])
    expect(decodeJwt(member.AccessToken!)['cognito:groups']).toEqual(['z-admins', 'a-readers'])
  })

  it('puts groups without precedence after those with one', async () => {
    const { member } = await signedInMember(
      { GroupName: 'a-none' },
      { GroupName: 'b-ten', Precedence: 10 },
      { GroupName: 'c-zero', Precedence: 0 },
    )
    expect(decodeJwt(member.IdToken!)['cognito:groups']).toEqual(['c-zero', 'b-ten', 'a-none'])
  })

  it('orders tokens issued after UpdateGroup by the new precedence', async () => {
    const { UserPoolId, ClientId } = await signedInMember(
      { GroupName: 'admins', Precedence: 1 },
      { GroupName: 'readers', Precedence: 2 },
    )
    await cognito.send(new UpdateGroupCommand({ UserPoolId, GroupName: 'readers', Precedence: 0 }))
    const { AuthenticationResult } = await cognito.send(
      new InitiateAuthCommand({
        ClientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: 'member', PASSWORD },
      }),
    )
    expect(decodeJwt(AuthenticationResult!.IdToken!)['cognito:groups']).toEqual(['readers', 'admins'])
  })

  it('leaves cognito:groups out of the tokens of a user in no group', async () => {
    const { outsider } = await signedInMember({ GroupName: 'admins', Precedence: 1 })
    expect(decodeJwt(outsider.IdToken!)).not.toHaveProperty('cognito:groups')
    expect(decodeJwt(outsider.AccessToken!)).not.toHaveProperty('cognito:groups')
  })

  it('puts every role in cognito:roles and the lowest-precedence group’s role in cognito:preferred_role of the ID token only', async () => {
    const { member } = await signedInMember(
      { GroupName: 'editors', Precedence: 2, RoleArn: ROLE_B },
      { GroupName: 'admins', Precedence: 1, RoleArn: ROLE_A },
    )
    const id = decodeJwt(member.IdToken!)
    expect(id['cognito:roles']).toEqual([ROLE_A, ROLE_B])
    expect(id['cognito:preferred_role']).toBe(ROLE_A)
    const access = decodeJwt(member.AccessToken!)
    expect(access).not.toHaveProperty('cognito:roles')
    expect(access).not.toHaveProperty('cognito:preferred_role')
  })

  it('sets no cognito:preferred_role when the best groups tie on precedence with different roles', async () => {
    const { member } = await signedInMember(
      { GroupName: 'admins', Precedence: 1, RoleArn: ROLE_A },
      { GroupName: 'editors', Precedence: 1, RoleArn: ROLE_B },
    )
    const id = decodeJwt(member.IdToken!)
    expect(id['cognito:roles']).toEqual([ROLE_A, ROLE_B])
    expect(id).not.toHaveProperty('cognito:preferred_role')
  })

  it('lets aws-jwt-verify’s groups check accept a member’s tokens and reject a non-member’s', async () => {
    const { UserPoolId, ClientId, member, outsider } = await signedInMember(
      { GroupName: 'readers', Precedence: 5 },
      { GroupName: 'admins', Precedence: 1 },
    )
    const idVerifier = CognitoJwtVerifier.create({
      userPoolId: UserPoolId,
      tokenUse: 'id',
      clientId: ClientId,
      groups: 'admins',
    })
    const accessVerifier = CognitoJwtVerifier.create({
      userPoolId: UserPoolId,
      tokenUse: 'access',
      clientId: ClientId,
      groups: ['admins', 'owners'],
    })
    await expect(idVerifier.verify(member.IdToken!)).resolves.toMatchObject({
      'cognito:groups': ['admins', 'readers'],
    })
    await expect(accessVerifier.verify(member.AccessToken!)).resolves.toMatchObject({ token_use: 'access' })
    await expect(idVerifier.verify(outsider.IdToken!)).rejects.toThrow('Missing Cognito group')
    await expect(accessVerifier.verify(outsider.AccessToken!)).rejects.toThrow('Missing Cognito group')
  })
})

describe.each(ENDPOINTS)('through %s', (_, endpoint) => {
  it('creates, lists and deletes a group', async () => {
    const client = sdkClient(endpoint)
    const { UserPool } = await client.send(new CreateUserPoolCommand({ PoolName: 'p' }))
    const UserPoolId = UserPool!.Id!
    await client.send(new CreateGroupCommand({ UserPoolId, GroupName: 'admins' }))
    expect(
      (await client.send(new ListGroupsCommand({ UserPoolId }))).Groups?.map((g) => g.GroupName),
    ).toEqual(['admins'])
    await client.send(new DeleteGroupCommand({ UserPoolId, GroupName: 'admins' }))
    expect((await client.send(new ListGroupsCommand({ UserPoolId }))).Groups).toEqual([])
  })
})
