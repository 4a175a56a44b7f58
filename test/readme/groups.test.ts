import { createRequire } from 'node:module'
import {
  AdminListGroupsForUserCommand,
  CognitoIdentityProviderClient,
  CreateGroupCommand,
} from '@aws-sdk/client-cognito-identity-provider'
import { createCognito } from 'cognito-msw'
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, expect, it } from 'vitest'

// aws-jwt-verify's CommonJS build fetches the JWKS through node:https, which MSW intercepts.
const { CognitoJwtVerifier } = createRequire(import.meta.url)('aws-jwt-verify')

const UserPoolId = 'us-east-1_Groups123'
const ClientId = 'groupsclient00000000000000'
const cognito = createCognito({
  seed: { pools: [{ id: UserPoolId, name: 'app', clients: [{ id: ClientId, name: 'web' }] }] },
})
const server = setupServer(...cognito.handlers)
beforeAll(() => server.listen())
afterAll(() => server.close())

const client = new CognitoIdentityProviderClient({
  region: 'us-east-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
})

it('puts groups in the tokens, ordered by precedence, and aws-jwt-verify checks them', async () => {
  await client.send(new CreateGroupCommand({ UserPoolId, GroupName: 'editors', Precedence: 2 }))
  await client.send(new CreateGroupCommand({ UserPoolId, GroupName: 'admins', Precedence: 1 }))
  const alice = await cognito.createUser({ username: 'alice', groups: ['editors', 'admins'] })
  const bob = await cognito.createUser({ username: 'bob', groups: ['editors'] })

  const { Groups } = await client.send(new AdminListGroupsForUserCommand({ UserPoolId, Username: 'alice' }))
  expect(Groups?.map((g) => g.GroupName).sort()).toEqual(['admins', 'editors'])

  const adminsOnly = CognitoJwtVerifier.create({
    userPoolId: UserPoolId,
    tokenUse: 'access',
    clientId: ClientId,
    groups: 'admins',
  })
  const payload = await adminsOnly.verify(alice.tokens.AccessToken)
  expect(payload['cognito:groups']).toEqual(['admins', 'editors'])
  await expect(adminsOnly.verify(bob.tokens.AccessToken)).rejects.toThrow('Cognito group not allowed')
})
