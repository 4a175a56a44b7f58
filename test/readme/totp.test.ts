import { createHmac } from 'node:crypto'
import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  AssociateSoftwareTokenCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  SetUserMFAPreferenceCommand,
  SetUserPoolMfaConfigCommand,
  VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider'
import { createCognito } from 'cognito-msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'

// The emulator's clock, moved by the test: a TOTP code is good once, so the sign-in waits for the next step.
let offset = 0
const now = () => Date.now() + offset
const cognito = createCognito({ now: () => new Date(now()) })
const server = setupServer(...cognito.handlers)
beforeAll(() => server.listen())
afterEach(() => cognito.reset())
afterAll(() => server.close())

const client = new CognitoIdentityProviderClient({
  region: 'us-east-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
})

/** What an authenticator app shows: RFC 6238 (HMAC-SHA1, 30-second steps, 6 digits) of the base32 secret. */
function totp(secret: string, at = now()): string {
  const bits = [...secret].map((c) =>
    'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'.indexOf(c).toString(2).padStart(5, '0'),
  )
  const key = Buffer.from(
    bits
      .join('')
      .match(/.{8}/g)!
      .map((byte) => Number.parseInt(byte, 2)),
  )
  const counter = Buffer.alloc(8)
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 30_000)))
  const mac = createHmac('sha1', key).update(counter).digest()
  const code = (mac.readUInt32BE(mac[19]! & 0xf) & 0x7fffffff) % 1_000_000
  return String(code).padStart(6, '0')
}

it('signs in with a TOTP code computed from the secret', async () => {
  const { UserPool } = await client.send(new CreateUserPoolCommand({ PoolName: 'app' }))
  const UserPoolId = UserPool!.Id!
  await client.send(
    new SetUserPoolMfaConfigCommand({
      UserPoolId,
      MfaConfiguration: 'OPTIONAL',
      SoftwareTokenMfaConfiguration: { Enabled: true },
    }),
  )
  const { UserPoolClient } = await client.send(
    new CreateUserPoolClientCommand({
      UserPoolId,
      ClientName: 'web',
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    }),
  )
  const ClientId = UserPoolClient!.ClientId!
  await client.send(new AdminCreateUserCommand({ UserPoolId, Username: 'alice', MessageAction: 'SUPPRESS' }))
  await client.send(
    new AdminSetUserPasswordCommand({
      UserPoolId,
      Username: 'alice',
      Password: 'Correct-Horse-42',
      Permanent: true,
    }),
  )
  const signIn = () =>
    client.send(
      new InitiateAuthCommand({
        ClientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: 'alice', PASSWORD: 'Correct-Horse-42' },
      }),
    )

  // Set up TOTP for the signed-in user: a fresh secret, confirmed with a code, then turned on.
  const AccessToken = (await signIn()).AuthenticationResult!.AccessToken!
  const { SecretCode } = await client.send(new AssociateSoftwareTokenCommand({ AccessToken }))
  await client.send(new VerifySoftwareTokenCommand({ AccessToken, UserCode: totp(SecretCode!) }))
  await client.send(
    new SetUserMFAPreferenceCommand({
      AccessToken,
      SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
    }),
  )

  // From now on a sign-in asks for the code.
  const challenge = await signIn()
  expect(challenge.ChallengeName).toBe('SOFTWARE_TOKEN_MFA')
  offset += 30_000
  const { AuthenticationResult } = await client.send(
    new RespondToAuthChallengeCommand({
      ClientId,
      ChallengeName: 'SOFTWARE_TOKEN_MFA',
      Session: challenge.Session,
      ChallengeResponses: { USERNAME: 'alice', SOFTWARE_TOKEN_MFA_CODE: totp(SecretCode!) },
    }),
  )
  expect(AuthenticationResult?.AccessToken).toBeDefined()
})
