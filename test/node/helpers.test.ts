import {
  ConfirmSignUpCommand,
  GetUserCommand,
  InitiateAuthCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider'
import { decodeJwt } from 'jose'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createClock, createCognito } from '../../src/index.ts'
import { sdkClient } from '../support/cognito.ts'

const POOL = 'us-east-1_Helpers01'
const CLIENT = 'helpersclient0000000000000'
const PASSWORD = 'Correct-Horse-42'

const cognito = createCognito({
  seed: {
    pools: [
      {
        id: POOL,
        name: 'helpers',
        UsernameAttributes: ['email'],
        AutoVerifiedAttributes: ['email'],
        clients: [{ id: CLIENT, name: 'web', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'] }],
        groups: [{ name: 'admins' }],
      },
    ],
  },
})
const server = setupServer(...cognito.handlers)
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }))
afterEach(() => cognito.reset())
afterAll(() => server.close())
const client = sdkClient()

const signUp = (email: string) =>
  client.send(new SignUpCommand({ ClientId: CLIENT, Username: email, Password: PASSWORD }))
const signIn = (email: string) =>
  client.send(
    new InitiateAuthCommand({
      ClientId: CLIENT,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: email, PASSWORD },
    }),
  )

describe('cognito.latestCode', () => {
  it('returns the newest code sent to a user, found by the email they sign up with', async () => {
    await signUp('alice@example.com')
    const first = cognito.latestCode('alice@example.com')
    expect(first).toMatch(/^\d{6}$/)
    await signUp('bob@example.com')
    expect(cognito.latestCode('alice@example.com')).toBe(first)
    await client.send(
      new ConfirmSignUpCommand({ ClientId: CLIENT, Username: 'alice@example.com', ConfirmationCode: first }),
    )
    expect((await signIn('alice@example.com')).AuthenticationResult?.TokenType).toBe('Bearer')
  })

  it('filters by pool and by reason, and finds the user by the stored username too', async () => {
    const { UserSub } = await signUp('alice@example.com')
    const code = cognito.latestCode('alice@example.com', { poolId: POOL, reason: 'SignUp' })
    expect(cognito.latestCode(UserSub!)).toBe(code)
    expect(() => cognito.latestCode('alice@example.com', { reason: 'ForgotPassword' })).toThrow(
      'Failed to call "cognito.latestCode()": the outbox has no code with reason "ForgotPassword" for "alice@example.com"; it has none.',
    )
  })

  it('says whom the outbox has codes for when it has none for the user', async () => {
    await signUp('bob@example.com')
    const { UserSub } = await signUp('carol@example.com')
    expect(() => cognito.latestCode('alice@example.com', { poolId: POOL })).toThrow(
      new RegExp(`has no code for "alice@example.com" in pool ${POOL}; it has codes for .+, ${UserSub}\\.$`),
    )
  })
})

describe('cognito.clock', () => {
  it('moves the emulator clock, so that an access token expires after its hour', async () => {
    const { tokens } = await cognito.createUser({ username: 'alice@example.com', password: PASSWORD })
    await client.send(new GetUserCommand({ AccessToken: tokens.AccessToken }))
    cognito.clock.advance(3600)
    await expect(client.send(new GetUserCommand({ AccessToken: tokens.AccessToken }))).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Access Token has expired',
    })
  })

  it('is put back by reset()', () => {
    cognito.clock.advance(86_400)
    cognito.reset()
    expect(Math.abs(cognito.clock.now().getTime() - Date.now())).toBeLessThan(1000)
  })

  it('can be made on its own with createClock and set to a date', () => {
    const clock = createClock(() => new Date('2030-01-01T00:00:00Z'))
    clock.advance(90)
    expect(clock.now().toISOString()).toBe('2030-01-01T00:01:30.000Z')
    clock.set('2031-06-01T12:00:00Z')
    expect(clock.now().toISOString()).toBe('2031-06-01T12:00:00.000Z')
    expect(() => clock.set('soon')).toThrow('Failed to call "clock.set()": soon is not a date.')
    const seen = createCognito({ now: clock.now })
    expect(seen.clock.now().toISOString()).toBe('2031-06-01T12:00:00.000Z')
  })
})

describe('cognito.createUser', () => {
  it('creates a confirmed user in one call and returns tokens the API accepts', async () => {
    const user = await cognito.createUser({
      username: 'alice@example.com',
      password: PASSWORD,
      attributes: { name: 'Alice', email_verified: 'true' },
      groups: ['admins'],
    })
    expect(user.username).toBe(user.sub)
    expect(user.password).toBe(PASSWORD)
    const id = decodeJwt(user.tokens.IdToken)
    expect(id).toMatchObject({ sub: user.sub, email: 'alice@example.com', name: 'Alice', aud: CLIENT })
    expect(id['cognito:groups']).toEqual(['admins'])
    const { UserAttributes } = await client.send(new GetUserCommand({ AccessToken: user.tokens.AccessToken }))
    expect(UserAttributes?.find((a) => a.Name === 'email')?.Value).toBe('alice@example.com')
    expect((await signIn('alice@example.com')).AuthenticationResult?.TokenType).toBe('Bearer')
  })

  it('generates a password that meets the policy when none is given', async () => {
    const { password } = await cognito.createUser({ username: 'bob@example.com' })
    expect(password.length).toBeGreaterThanOrEqual(8)
  })

  it('refuses what AdminCreateUser and the password policy refuse', async () => {
    await cognito.createUser({ username: 'alice@example.com', password: PASSWORD })
    await expect(cognito.createUser({ username: 'alice@example.com', password: PASSWORD })).rejects.toThrow(
      'Failed to call "cognito.createUser()": username: An account with the given email already exists.',
    )
    await expect(cognito.createUser({ username: 'bob@example.com', password: 'short' })).rejects.toThrow(
      'Failed to call "cognito.createUser()": password: Password did not conform with policy: Password not long enough',
    )
    await expect(cognito.createUser({ poolId: 'us-east-1_Nope', username: 'x@example.com' })).rejects.toThrow(
      'Failed to call "cognito.createUser()": there is no user pool us-east-1_Nope.',
    )
  })
})

describe('cognito.failNext', () => {
  it('makes the next call of an operation fail with the AWS error, once', async () => {
    await cognito.createUser({ username: 'alice@example.com', password: PASSWORD })
    cognito.failNext('InitiateAuth', 'TooManyRequestsException', 'Rate exceeded')
    await expect(signIn('alice@example.com')).rejects.toMatchObject({
      name: 'TooManyRequestsException',
      message: 'Rate exceeded',
      $metadata: { httpStatusCode: 400 },
    })
    expect((await signIn('alice@example.com')).AuthenticationResult?.TokenType).toBe('Bearer')
  })

  it('fails as many calls as `times` says, which outlasts the SDK retrying a throttling error', async () => {
    await cognito.createUser({ username: 'alice@example.com', password: PASSWORD })
    cognito.failNext('InitiateAuth', 'InternalErrorException', 'Internal error', { times: 2 })
    await expect(signIn('alice@example.com')).rejects.toMatchObject({
      name: 'InternalErrorException',
      $metadata: { httpStatusCode: 500 },
    })
    await expect(signIn('alice@example.com')).rejects.toMatchObject({ name: 'InternalErrorException' })
    await expect(signIn('alice@example.com')).resolves.toMatchObject({ ChallengeParameters: {} })
  })

  it('leaves other operations alone and is forgotten on reset()', async () => {
    cognito.failNext(
      'SignUp',
      'LimitExceededException',
      'Attempt limit exceeded, please try after some time.',
    )
    cognito.reset()
    await expect(signUp('alice@example.com')).resolves.toMatchObject({ UserConfirmed: false })
  })

  it('refuses names that are not Cognito operations or AWS errors', () => {
    expect(() => cognito.failNext('Login', 'TooManyRequestsException')).toThrow(
      'Failed to call "cognito.failNext()": "Login" is not a Cognito operation. Use its API name, e.g. "InitiateAuth".',
    )
    expect(() => cognito.failNext('InitiateAuth', 'slow')).toThrow(
      'Failed to call "cognito.failNext()": "slow" is not an AWS error name, e.g. "TooManyRequestsException".',
    )
  })
})
