import {
  AdminDisableUserCommand,
  AdminGetUserCommand,
  AdminResetUserPasswordCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider'
import { describe, expect, it } from 'vitest'
import { secretHash } from '../../src/core/secret-hash.ts'
import type { UserRecord } from '../../src/core/state.ts'
import { createUser, failure, PASSWORD, passwordSignIn, poolWithClient } from '../support/auth-fixtures.ts'
import { ENDPOINTS, sdkClient, useCognito } from '../support/cognito.ts'

const { cognito, clock } = useCognito()

/**
 * Runs an admin operation through the SDK; while it is not emulated yet (HTTP 501), applies the same change to
 * the state directly so the sign-in behaviour under test can still be checked.
 */
async function adminChange(
  send: () => Promise<unknown>,
  poolId: string,
  username: string,
  change: (u: UserRecord) => void,
) {
  try {
    await send()
  } catch (e) {
    if ((e as Error).name !== 'NotImplementedException') throw e
    const snap = cognito.snapshot()
    change(snap.pools[poolId]!.users[username]!)
    cognito.restore(snap)
  }
}

const incorrect = { name: 'NotAuthorizedException', message: 'Incorrect username or password.' }

describe.each(ENDPOINTS)('USER_PASSWORD_AUTH through %s', (_, endpoint) => {
  const sdk = sdkClient(endpoint)

  it('signs a confirmed user in and returns ID, access and refresh tokens', async () => {
    const { poolId, clientId } = await poolWithClient(sdk)
    await createUser(sdk, poolId, 'alice')
    const res = await passwordSignIn(sdk, clientId, 'alice')
    expect(res.ChallengeName).toBeUndefined()
    expect(res.Session).toBeUndefined()
    expect(res.ChallengeParameters).toEqual({})
    expect(Object.keys(res.AuthenticationResult!).sort()).toEqual([
      'AccessToken',
      'ExpiresIn',
      'IdToken',
      'RefreshToken',
      'TokenType',
    ])
    expect(res.AuthenticationResult!.ExpiresIn).toBe(3600)
    expect(res.AuthenticationResult!.TokenType).toBe('Bearer')
    expect(res.AuthenticationResult!.AccessToken!.split('.')).toHaveLength(3)
    expect(res.AuthenticationResult!.IdToken!.split('.')).toHaveLength(3)
    expect(res.AuthenticationResult!.RefreshToken!.split('.')).toHaveLength(5)
  })

  it('answers ExpiresIn from the client access-token validity', async () => {
    const { poolId, clientId } = await poolWithClient(
      sdk,
      {},
      {
        AccessTokenValidity: 15,
        TokenValidityUnits: { AccessToken: 'minutes' },
      },
    )
    await createUser(sdk, poolId, 'alice')
    const res = await passwordSignIn(sdk, clientId, 'alice')
    expect(res.AuthenticationResult!.ExpiresIn).toBe(900)
  })

  it('refuses USER_PASSWORD_AUTH when the client does not allow it', async () => {
    const { poolId, clientId } = await poolWithClient(
      sdk,
      {},
      { ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] },
    )
    await createUser(sdk, poolId, 'alice')
    expect(await failure(passwordSignIn(sdk, clientId, 'alice'))).toEqual({
      name: 'InvalidParameterException',
      message: 'USER_PASSWORD_AUTH flow not enabled for this client',
    })
  })

  it('refuses USER_PASSWORD_AUTH for a client created without ExplicitAuthFlows', async () => {
    const { poolId, clientId } = await poolWithClient(sdk, {}, { ExplicitAuthFlows: undefined })
    await createUser(sdk, poolId, 'alice')
    expect(await failure(passwordSignIn(sdk, clientId, 'alice'))).toEqual({
      name: 'InvalidParameterException',
      message: 'USER_PASSWORD_AUTH flow not enabled for this client',
    })
  })

  it('accepts the legacy USER_PASSWORD_AUTH name in ExplicitAuthFlows', async () => {
    const { poolId, clientId } = await poolWithClient(sdk, {}, { ExplicitAuthFlows: ['USER_PASSWORD_AUTH'] })
    await createUser(sdk, poolId, 'alice')
    const res = await passwordSignIn(sdk, clientId, 'alice')
    expect(res.AuthenticationResult?.AccessToken).toBeTypeOf('string')
  })

  it('rejects a wrong password with NotAuthorizedException', async () => {
    const { poolId, clientId } = await poolWithClient(sdk)
    await createUser(sdk, poolId, 'alice')
    expect(await failure(passwordSignIn(sdk, clientId, 'alice', 'Wrong-Horse-1'))).toEqual(incorrect)
  })

  it('answers UserNotFoundException for an unknown user', async () => {
    const { clientId } = await poolWithClient(sdk)
    expect(await failure(passwordSignIn(sdk, clientId, 'nobody'))).toEqual({
      name: 'UserNotFoundException',
      message: 'User does not exist.',
    })
  })

  it('hides an unknown user behind "Incorrect username or password." when the client prevents user existence errors', async () => {
    const { clientId } = await poolWithClient(sdk, {}, { PreventUserExistenceErrors: 'ENABLED' })
    expect(await failure(passwordSignIn(sdk, clientId, 'nobody'))).toEqual(incorrect)
  })

  it('answers ResourceNotFoundException for an unknown client id', async () => {
    expect(await failure(passwordSignIn(sdk, 'abcdefghijklmnopqrstuvwxyz', 'alice'))).toEqual({
      name: 'ResourceNotFoundException',
      message: 'User pool client abcdefghijklmnopqrstuvwxyz does not exist.',
    })
  })

  it('requires USERNAME and PASSWORD', async () => {
    const { clientId } = await poolWithClient(sdk)
    const missing = (AuthParameters: Record<string, string>) =>
      failure(
        sdk.send(
          new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters }),
        ),
      )
    expect(await missing({ PASSWORD })).toEqual({
      name: 'InvalidParameterException',
      message: 'Missing required parameter USERNAME',
    })
    expect(await missing({ USERNAME: 'alice' })).toEqual({
      name: 'InvalidParameterException',
      message: 'Missing required parameter PASSWORD',
    })
  })

  it('refuses an unconfirmed user with UserNotConfirmedException once the password is right', async () => {
    const { clientId } = await poolWithClient(sdk)
    await sdk.send(new SignUpCommand({ ClientId: clientId, Username: 'bob', Password: PASSWORD }))
    expect(await failure(passwordSignIn(sdk, clientId, 'bob', 'Wrong-Horse-1'))).toEqual(incorrect)
    expect(await failure(passwordSignIn(sdk, clientId, 'bob'))).toEqual({
      name: 'UserNotConfirmedException',
      message: 'User is not confirmed.',
    })
  })

  it('refuses a disabled user with "User is disabled."', async () => {
    const { poolId, clientId } = await poolWithClient(sdk)
    await createUser(sdk, poolId, 'alice')
    await adminChange(
      () => sdk.send(new AdminDisableUserCommand({ UserPoolId: poolId, Username: 'alice' })),
      poolId,
      'alice',
      (u) => {
        u.enabled = false
      },
    )
    expect(await failure(passwordSignIn(sdk, clientId, 'alice'))).toEqual({
      name: 'NotAuthorizedException',
      message: 'User is disabled.',
    })
  })

  it('answers PasswordResetRequiredException for a user whose password an administrator reset', async () => {
    const { poolId, clientId } = await poolWithClient(sdk)
    await createUser(sdk, poolId, 'alice', {
      attributes: { email: 'alice@example.com', email_verified: 'true' },
    })
    await adminChange(
      () => sdk.send(new AdminResetUserPasswordCommand({ UserPoolId: poolId, Username: 'alice' })),
      poolId,
      'alice',
      (u) => {
        u.status = 'RESET_REQUIRED'
      },
    )
    expect(await failure(passwordSignIn(sdk, clientId, 'alice'))).toEqual({
      name: 'PasswordResetRequiredException',
      message: 'Password reset required for the user',
    })
  })

  it('signs in by a verified email alias', async () => {
    const { poolId, clientId } = await poolWithClient(sdk, { AliasAttributes: ['email'] })
    await createUser(sdk, poolId, 'alice', {
      attributes: { email: 'alice@example.com', email_verified: 'true' },
    })
    const res = await passwordSignIn(sdk, clientId, 'alice@example.com')
    expect(res.AuthenticationResult?.AccessToken).toBeTypeOf('string')
  })

  it('signs in by email where email is the username attribute', async () => {
    const { poolId, clientId } = await poolWithClient(sdk, { UsernameAttributes: ['email'] })
    await createUser(sdk, poolId, 'carol@example.com')
    const res = await passwordSignIn(sdk, clientId, 'carol@example.com')
    expect(res.AuthenticationResult?.AccessToken).toBeTypeOf('string')
  })
})

describe.each(ENDPOINTS)('SECRET_HASH through %s', (_, endpoint) => {
  const sdk = sdkClient(endpoint)

  it('requires SECRET_HASH from a client that has a secret', async () => {
    const { poolId, clientId } = await poolWithClient(sdk, {}, { GenerateSecret: true })
    await createUser(sdk, poolId, 'alice')
    expect(await failure(passwordSignIn(sdk, clientId, 'alice'))).toEqual({
      name: 'NotAuthorizedException',
      message: `Client ${clientId} is configured with secret but SECRET_HASH was not received`,
    })
  })

  it('rejects a wrong SECRET_HASH', async () => {
    const { poolId, clientId } = await poolWithClient(sdk, {}, { GenerateSecret: true })
    await createUser(sdk, poolId, 'alice')
    const SECRET_HASH = secretHash('not-the-secret', 'alice', clientId)
    expect(await failure(passwordSignIn(sdk, clientId, 'alice', PASSWORD, { SECRET_HASH }))).toEqual({
      name: 'NotAuthorizedException',
      message: `Unable to verify secret hash for client ${clientId}`,
    })
  })

  it('signs in with the right SECRET_HASH', async () => {
    const { poolId, clientId, clientSecret } = await poolWithClient(sdk, {}, { GenerateSecret: true })
    await createUser(sdk, poolId, 'alice')
    const SECRET_HASH = secretHash(clientSecret!, 'alice', clientId)
    const res = await passwordSignIn(sdk, clientId, 'alice', PASSWORD, { SECRET_HASH })
    expect(res.AuthenticationResult?.IdToken).toBeTypeOf('string')
  })
})

describe.each(ENDPOINTS)('NEW_PASSWORD_REQUIRED through %s', (_, endpoint) => {
  const sdk = sdkClient(endpoint)
  const respond = (clientId: string, Session: string | undefined, responses: Record<string, string>) =>
    sdk.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: 'NEW_PASSWORD_REQUIRED',
        Session,
        ChallengeResponses: responses,
      }),
    )

  it('asks a user with a temporary password for a new one', async () => {
    const { poolId, clientId } = await poolWithClient(sdk)
    await createUser(sdk, poolId, 'alice', { permanent: false, attributes: { email: 'alice@example.com' } })
    const res = await passwordSignIn(sdk, clientId, 'alice')
    expect(res.AuthenticationResult).toBeUndefined()
    expect(res.ChallengeName).toBe('NEW_PASSWORD_REQUIRED')
    expect(res.Session).toMatch(/^[A-Za-z0-9_-]{20,}$/)
    expect(res.ChallengeParameters).toEqual({
      USER_ID_FOR_SRP: 'alice',
      requiredAttributes: '[]',
      userAttributes: '{"email":"alice@example.com"}',
    })
  })

  it('sets the new password, confirms the user and returns tokens', async () => {
    const { poolId, clientId } = await poolWithClient(sdk)
    await createUser(sdk, poolId, 'alice', { permanent: false })
    const { Session } = await passwordSignIn(sdk, clientId, 'alice')
    const res = await respond(clientId, Session, { USERNAME: 'alice', NEW_PASSWORD: 'Brand-New-Pass-2' })
    expect(res.ChallengeParameters).toEqual({})
    expect(res.AuthenticationResult?.TokenType).toBe('Bearer')
    expect(res.AuthenticationResult?.RefreshToken).toBeTypeOf('string')
    const user = await sdk.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'alice' }))
    expect(user.UserStatus).toBe('CONFIRMED')
    expect(await failure(passwordSignIn(sdk, clientId, 'alice'))).toEqual(incorrect)
    const again = await passwordSignIn(sdk, clientId, 'alice', 'Brand-New-Pass-2')
    expect(again.AuthenticationResult?.AccessToken).toBeTypeOf('string')
  })

  it('enforces the password policy on the new password and lets the user retry with the same session', async () => {
    const { poolId, clientId } = await poolWithClient(sdk)
    await createUser(sdk, poolId, 'alice', { permanent: false })
    const { Session } = await passwordSignIn(sdk, clientId, 'alice')
    expect(await failure(respond(clientId, Session, { USERNAME: 'alice', NEW_PASSWORD: 'Sh0rt!' }))).toEqual({
      name: 'InvalidPasswordException',
      message: 'Password did not conform with policy: Password not long enough',
    })
    const res = await respond(clientId, Session, { USERNAME: 'alice', NEW_PASSWORD: 'Brand-New-Pass-2' })
    expect(res.AuthenticationResult?.AccessToken).toBeTypeOf('string')
  })

  it('requires NEW_PASSWORD and USERNAME', async () => {
    const { poolId, clientId } = await poolWithClient(sdk)
    await createUser(sdk, poolId, 'alice', { permanent: false })
    const { Session } = await passwordSignIn(sdk, clientId, 'alice')
    expect(await failure(respond(clientId, Session, { USERNAME: 'alice' }))).toEqual({
      name: 'InvalidParameterException',
      message: 'Missing required parameter NEW_PASSWORD',
    })
    expect(await failure(respond(clientId, Session, { NEW_PASSWORD: 'Brand-New-Pass-2' }))).toEqual({
      name: 'InvalidParameterException',
      message: 'Missing required parameter USERNAME',
    })
  })

  it('takes required attributes as userAttributes.<name> answers', async () => {
    const { poolId, clientId } = await poolWithClient(sdk, {
      Schema: [{ Name: 'family_name', AttributeDataType: 'String', Required: true, Mutable: true }],
    })
    await createUser(sdk, poolId, 'alice', { permanent: false, attributes: { family_name: 'Liddell' } })
    const { Session } = await passwordSignIn(sdk, clientId, 'alice')
    const res = await respond(clientId, Session, {
      USERNAME: 'alice',
      NEW_PASSWORD: 'Brand-New-Pass-2',
      'userAttributes.given_name': 'Alice',
    })
    expect(res.AuthenticationResult?.AccessToken).toBeTypeOf('string')
    const user = await sdk.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'alice' }))
    expect(user.UserAttributes).toContainEqual({ Name: 'given_name', Value: 'Alice' })
  })

  it('rejects an answer for an attribute the schema does not have', async () => {
    const { poolId, clientId } = await poolWithClient(sdk)
    await createUser(sdk, poolId, 'alice', { permanent: false })
    const { Session } = await passwordSignIn(sdk, clientId, 'alice')
    expect(
      await failure(
        respond(clientId, Session, {
          USERNAME: 'alice',
          NEW_PASSWORD: 'Brand-New-Pass-2',
          'userAttributes.custom:x': '1',
        }),
      ),
    ).toEqual({
      name: 'InvalidParameterException',
      message: 'Invalid user attributes: user.custom:x: Attribute does not exist in the schema.',
    })
  })

  it('fails a reused session with "Invalid session for the user."', async () => {
    const { poolId, clientId } = await poolWithClient(sdk)
    await createUser(sdk, poolId, 'alice', { permanent: false })
    const { Session } = await passwordSignIn(sdk, clientId, 'alice')
    await respond(clientId, Session, { USERNAME: 'alice', NEW_PASSWORD: 'Brand-New-Pass-2' })
    expect(
      await failure(respond(clientId, Session, { USERNAME: 'alice', NEW_PASSWORD: 'Brand-New-Pass-3' })),
    ).toEqual({
      name: 'NotAuthorizedException',
      message: 'Invalid session for the user.',
    })
  })

  it('fails an unknown session with "Invalid session for the user."', async () => {
    const { clientId } = await poolWithClient(sdk)
    expect(
      await failure(
        respond(clientId, 'x'.repeat(40), { USERNAME: 'alice', NEW_PASSWORD: 'Brand-New-Pass-2' }),
      ),
    ).toEqual({ name: 'NotAuthorizedException', message: 'Invalid session for the user.' })
  })

  it('expires the session after 3 minutes by default', async () => {
    const { poolId, clientId } = await poolWithClient(sdk)
    await createUser(sdk, poolId, 'alice', { permanent: false })
    const { Session } = await passwordSignIn(sdk, clientId, 'alice')
    clock.advance(181)
    expect(
      await failure(respond(clientId, Session, { USERNAME: 'alice', NEW_PASSWORD: 'Brand-New-Pass-2' })),
    ).toEqual({
      name: 'NotAuthorizedException',
      message: 'Invalid session for the user, session is expired.',
    })
  })

  it("keeps the session for the client's AuthSessionValidity minutes", async () => {
    const { poolId, clientId } = await poolWithClient(sdk, {}, { AuthSessionValidity: 10 })
    await createUser(sdk, poolId, 'alice', { permanent: false })
    const { Session } = await passwordSignIn(sdk, clientId, 'alice')
    clock.advance(9 * 60)
    const res = await respond(clientId, Session, { USERNAME: 'alice', NEW_PASSWORD: 'Brand-New-Pass-2' })
    expect(res.AuthenticationResult?.AccessToken).toBeTypeOf('string')
  })

  it('refuses an expired temporary password', async () => {
    const { poolId, clientId } = await poolWithClient(sdk)
    await createUser(sdk, poolId, 'alice', { permanent: false })
    clock.advance(7 * 86_400 + 1)
    expect(await failure(passwordSignIn(sdk, clientId, 'alice'))).toEqual({
      name: 'NotAuthorizedException',
      message: 'Temporary password has expired and must be reset by an administrator.',
    })
  })
})
