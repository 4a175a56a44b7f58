import { beforeAll, describe, expect, it } from 'vitest'
import { operations } from '../../src/operations/index.ts'
import { useCognito } from '../support/cognito.ts'
import { conformanceProblems, type RecordedResponse, recordResponses } from '../support/conformance.ts'
import { authenticatorCode } from '../support/totp.ts'

const { cognito, server } = useCognito()
const recorder = recordResponses(server)

// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked against the schema, not typed here
type Body = Record<string, any>

/** Calls an operation with raw JSON, as any client would; throws on an error answer. */
async function call(operation: string, input: object): Promise<Body> {
  const res = await fetch('http://localhost:4566/', {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `AWSCognitoIdentityProviderService.${operation}`,
    },
    body: JSON.stringify(input),
  })
  const body = await res.json()
  if (res.status !== 200) throw new Error(`${operation} failed: ${res.status} ${JSON.stringify(body)}`)
  return body
}

const lastCode = () => cognito.outbox.at(-1)?.code as string

/** Values the scenario passes from one step to the next. */
const s: Record<string, string> = {}
const email = (name: string) => [
  { Name: 'email', Value: `${name}@example.com` },
  { Name: 'email_verified', Value: 'true' },
]
const flows = ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']

/**
 * One pass over every implemented operation, in the order an app would call them. When you implement an
 * operation, add a step here: the last test fails until you do.
 */
// biome-ignore format: one step per line reads as a table
const scenario: [operation: string, input: () => object, then?: (out: Body) => void][] = [
  // Pools and clients
  ['CreateUserPool', () => ({ PoolName: 'conformance', AutoVerifiedAttributes: ['email'] }), (o) => (s.pool = o.UserPool.Id)],
  ['DescribeUserPool', () => ({ UserPoolId: s.pool })],
  ['UpdateUserPool', () => ({ UserPoolId: s.pool, AutoVerifiedAttributes: ['email'] })],
  ['ListUserPools', () => ({ MaxResults: 10 })],
  ['AddCustomAttributes', () => ({ UserPoolId: s.pool, CustomAttributes: [{ Name: 'tier', AttributeDataType: 'String' }] })],
  ['CreateUserPoolClient', () => ({ UserPoolId: s.pool, ClientName: 'app', ExplicitAuthFlows: flows }), (o) => (s.client = o.UserPoolClient.ClientId)],
  ['CreateUserPoolClient', () => ({ UserPoolId: s.pool, ClientName: 'spare', GenerateSecret: true }), (o) => (s.spare = o.UserPoolClient.ClientId)],
  ['DescribeUserPoolClient', () => ({ UserPoolId: s.pool, ClientId: s.client })],
  ['UpdateUserPoolClient', () => ({ UserPoolId: s.pool, ClientId: s.client, ClientName: 'app', ExplicitAuthFlows: flows })],
  ['ListUserPoolClients', () => ({ UserPoolId: s.pool, MaxResults: 10 })],
  // Admin-created users, their first sign-in and their administration
  ['AdminCreateUser', () => ({ UserPoolId: s.pool, Username: 'alice', TemporaryPassword: 'Temp-Passw0rd!', UserAttributes: email('alice'), MessageAction: 'SUPPRESS' })],
  ['AdminGetUser', () => ({ UserPoolId: s.pool, Username: 'alice' })],
  ['ListUsers', () => ({ UserPoolId: s.pool })],
  ['AdminUpdateUserAttributes', () => ({ UserPoolId: s.pool, Username: 'alice', UserAttributes: [{ Name: 'name', Value: 'Alice' }] })],
  ['AdminDeleteUserAttributes', () => ({ UserPoolId: s.pool, Username: 'alice', UserAttributeNames: ['name'] })],
  ['AdminDisableUser', () => ({ UserPoolId: s.pool, Username: 'alice' })],
  ['AdminEnableUser', () => ({ UserPoolId: s.pool, Username: 'alice' })],
  ['InitiateAuth', () => ({ ClientId: s.client, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'alice', PASSWORD: 'Temp-Passw0rd!' } }), (o) => (s.session = o.Session)],
  ['RespondToAuthChallenge', () => ({ ClientId: s.client, ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: s.session, ChallengeResponses: { USERNAME: 'alice', NEW_PASSWORD: 'Alice-Passw0rd!' } })],
  ['AdminCreateUser', () => ({ UserPoolId: s.pool, Username: 'bob', TemporaryPassword: 'Temp-Passw0rd!', UserAttributes: email('bob') })],
  ['AdminInitiateAuth', () => ({ UserPoolId: s.pool, ClientId: s.client, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'bob', PASSWORD: 'Temp-Passw0rd!' } }), (o) => (s.session = o.Session)],
  ['AdminRespondToAuthChallenge', () => ({ UserPoolId: s.pool, ClientId: s.client, ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: s.session, ChallengeResponses: { USERNAME: 'bob', NEW_PASSWORD: 'Bob-Passw0rd!' } }), (o) => (s.refresh = o.AuthenticationResult.RefreshToken)],
  ['InitiateAuth', () => ({ ClientId: s.client, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: s.refresh } })],
  ['GetTokensFromRefreshToken', () => ({ ClientId: s.client, RefreshToken: s.refresh })],
  ['RevokeToken', () => ({ ClientId: s.client, Token: s.refresh })],
  ['AdminUserGlobalSignOut', () => ({ UserPoolId: s.pool, Username: 'bob' })],
  ['AdminResetUserPassword', () => ({ UserPoolId: s.pool, Username: 'bob' })],
  ['AdminCreateUser', () => ({ UserPoolId: s.pool, Username: 'carol', UserAttributes: email('carol'), MessageAction: 'SUPPRESS' })],
  ['AdminSetUserPassword', () => ({ UserPoolId: s.pool, Username: 'carol', Password: 'Carol-Passw0rd!', Permanent: true })],
  ['InitiateAuth', () => ({ ClientId: s.client, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'carol', PASSWORD: 'Carol-Passw0rd!' } }), (o) => (s.carol = o.AuthenticationResult.AccessToken)],
  // Self-service with an access token
  ['GetUser', () => ({ AccessToken: s.carol })],
  ['UpdateUserAttributes', () => ({ AccessToken: s.carol, UserAttributes: [{ Name: 'name', Value: 'Carol' }] })],
  ['GetUserAttributeVerificationCode', () => ({ AccessToken: s.carol, AttributeName: 'email' })],
  ['VerifyUserAttribute', () => ({ AccessToken: s.carol, AttributeName: 'email', Code: lastCode() })],
  ['DeleteUserAttributes', () => ({ AccessToken: s.carol, UserAttributeNames: ['name'] })],
  ['ChangePassword', () => ({ AccessToken: s.carol, PreviousPassword: 'Carol-Passw0rd!', ProposedPassword: 'Carol-Passw0rd!2' })],
  ['GlobalSignOut', () => ({ AccessToken: s.carol })],
  ['ForgotPassword', () => ({ ClientId: s.client, Username: 'carol' })],
  ['ConfirmForgotPassword', () => ({ ClientId: s.client, Username: 'carol', ConfirmationCode: lastCode(), Password: 'Carol-Passw0rd!3' })],
  // Sign-up
  ['SignUp', () => ({ ClientId: s.client, Username: 'dave', Password: 'Dave-Passw0rd!', UserAttributes: email('dave').slice(0, 1) })],
  ['ResendConfirmationCode', () => ({ ClientId: s.client, Username: 'dave' })],
  ['ConfirmSignUp', () => ({ ClientId: s.client, Username: 'dave', ConfirmationCode: lastCode() })],
  ['SignUp', () => ({ ClientId: s.client, Username: 'erin', Password: 'Erin-Passw0rd!' })],
  ['AdminConfirmSignUp', () => ({ UserPoolId: s.pool, Username: 'erin' })],
  // Groups
  ['CreateGroup', () => ({ UserPoolId: s.pool, GroupName: 'admins', Description: 'Admins', Precedence: 1 })],
  ['GetGroup', () => ({ UserPoolId: s.pool, GroupName: 'admins' })],
  ['UpdateGroup', () => ({ UserPoolId: s.pool, GroupName: 'admins', Description: 'Administrators' })],
  ['ListGroups', () => ({ UserPoolId: s.pool })],
  ['AdminAddUserToGroup', () => ({ UserPoolId: s.pool, GroupName: 'admins', Username: 'alice' })],
  ['ListUsersInGroup', () => ({ UserPoolId: s.pool, GroupName: 'admins' })],
  ['AdminListGroupsForUser', () => ({ UserPoolId: s.pool, Username: 'alice' })],
  ['AdminRemoveUserFromGroup', () => ({ UserPoolId: s.pool, GroupName: 'admins', Username: 'alice' })],
  ['DeleteGroup', () => ({ UserPoolId: s.pool, GroupName: 'admins' })],
  // MFA and remembered devices
  ['CreateUserPool', () => ({ PoolName: 'devices', DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: true } }), (o) => (s.pool2 = o.UserPool.Id)],
  ['CreateUserPoolClient', () => ({ UserPoolId: s.pool2, ClientName: 'app', ExplicitAuthFlows: flows }), (o) => (s.client2 = o.UserPoolClient.ClientId)],
  ['SetUserPoolMfaConfig', () => ({ UserPoolId: s.pool2, MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true } })],
  ['GetUserPoolMfaConfig', () => ({ UserPoolId: s.pool2 })],
  ['AdminCreateUser', () => ({ UserPoolId: s.pool2, Username: 'frank', UserAttributes: email('frank'), MessageAction: 'SUPPRESS' })],
  ['AdminSetUserPassword', () => ({ UserPoolId: s.pool2, Username: 'frank', Password: 'Frank-Passw0rd!', Permanent: true })],
  ['AdminSetUserSettings', () => ({ UserPoolId: s.pool2, Username: 'frank', MFAOptions: [] })],
  ['InitiateAuth', () => ({ ClientId: s.client2, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'frank', PASSWORD: 'Frank-Passw0rd!' } }), (o) => { s.frank = o.AuthenticationResult.AccessToken; s.device = o.AuthenticationResult.NewDeviceMetadata.DeviceKey }],
  ['ConfirmDevice', () => ({ AccessToken: s.frank, DeviceKey: s.device, DeviceName: 'phone', DeviceSecretVerifierConfig: { Salt: 'c2FsdA==', PasswordVerifier: 'dmVyaWZpZXI=' } })],
  ['ListDevices', () => ({ AccessToken: s.frank })],
  ['GetDevice', () => ({ AccessToken: s.frank, DeviceKey: s.device })],
  ['UpdateDeviceStatus', () => ({ AccessToken: s.frank, DeviceKey: s.device, DeviceRememberedStatus: 'remembered' })],
  ['AdminListDevices', () => ({ UserPoolId: s.pool2, Username: 'frank' })],
  ['AdminGetDevice', () => ({ UserPoolId: s.pool2, Username: 'frank', DeviceKey: s.device })],
  ['AdminUpdateDeviceStatus', () => ({ UserPoolId: s.pool2, Username: 'frank', DeviceKey: s.device, DeviceRememberedStatus: 'not_remembered' })],
  ['ForgetDevice', () => ({ AccessToken: s.frank, DeviceKey: s.device })],
  ['InitiateAuth', () => ({ ClientId: s.client2, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'frank', PASSWORD: 'Frank-Passw0rd!' } }), (o) => { s.frank = o.AuthenticationResult.AccessToken; s.device = o.AuthenticationResult.NewDeviceMetadata.DeviceKey }],
  ['ConfirmDevice', () => ({ AccessToken: s.frank, DeviceKey: s.device, DeviceSecretVerifierConfig: { Salt: 'c2FsdA==', PasswordVerifier: 'dmVyaWZpZXI=' } })],
  ['AdminForgetDevice', () => ({ UserPoolId: s.pool2, Username: 'frank', DeviceKey: s.device })],
  ['GetUserAuthFactors', () => ({ AccessToken: s.frank })],
  ['AdminGetUserAuthFactors', () => ({ UserPoolId: s.pool2, Username: 'frank' })],
  ['AssociateSoftwareToken', () => ({ AccessToken: s.frank }), (o) => (s.secret = o.SecretCode)],
  ['VerifySoftwareToken', () => ({ AccessToken: s.frank, UserCode: authenticatorCode(s.secret as string), FriendlyDeviceName: 'app' })],
  ['SetUserMFAPreference', () => ({ AccessToken: s.frank, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } })],
  ['AdminSetUserMFAPreference', () => ({ UserPoolId: s.pool2, Username: 'frank', SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } })],
  ['AdminGetUser', () => ({ UserPoolId: s.pool2, Username: 'frank' })],
  ['GetUser', () => ({ AccessToken: s.frank })],
  // Deleting everything
  ['InitiateAuth', () => ({ ClientId: s.client, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'dave', PASSWORD: 'Dave-Passw0rd!' } }), (o) => (s.dave = o.AuthenticationResult.AccessToken)],
  ['DeleteUser', () => ({ AccessToken: s.dave })],
  ['AdminDeleteUser', () => ({ UserPoolId: s.pool, Username: 'erin' })],
  ['DeleteUserPoolClient', () => ({ UserPoolId: s.pool, ClientId: s.spare })],
  ['DeleteUserPool', () => ({ UserPoolId: s.pool })],
]

let recorded: RecordedResponse[] = []

beforeAll(async () => {
  for (const [i, [operation, input, then]] of scenario.entries()) {
    const out = await call(operation, input()).catch((e: Error) => {
      throw new Error(`Scenario step ${i + 1}: ${e.message}`)
    })
    then?.(out)
  }
  recorded = await recorder.settled()
})

describe('schema conformance', () => {
  it('flags members AWS does not define, wrong JSON types and nulls', () => {
    const body = { UserPool: { Id: 'us-east-1_x', CreationDate: '2020-01-01', Foo: 1, Name: null } }
    expect(conformanceProblems('DescribeUserPool', body)).toEqual([
      'body.UserPool.CreationDate: expected a timestamp (epoch seconds), got "2020-01-01"',
      'body.UserPool.Foo: not a member of UserPoolType',
      'body.UserPool.Name: null, which AWS never sends',
    ])
  })

  it('answers every call with only the members and JSON types the SDK output schema defines', () => {
    const problems = recorded.flatMap((r) =>
      conformanceProblems(r.operation, r.body).map((p) => `${r.operation} ${p}`),
    )
    expect(problems).toEqual([])
  })

  it('exercises every operation in the operations table', () => {
    const exercised = new Set(recorded.map((r) => r.operation))
    const missing = Object.keys(operations).filter((op) => !exercised.has(op))
    expect(
      missing,
      `Add a step calling ${missing.join(', ')} to the scenario in test/node/schema-conformance.test.ts`,
    ).toEqual([])
  })
})
