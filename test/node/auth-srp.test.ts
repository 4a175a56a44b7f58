import {
  AdminInitiateAuthCommand,
  type CognitoIdentityProviderClient,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider'
import { describe, expect, it } from 'vitest'
import { secretHash } from '../../src/core/secret-hash.ts'
import { claims, createUser, failure, PASSWORD, poolWithClient } from '../support/auth-fixtures.ts'
import { ENDPOINTS, sdkClient, useCognito } from '../support/cognito.ts'
import { cij, passwordClaim, srpStart } from '../support/cognito-identity-js.ts'

useCognito()

/** The client half of Cognito's SRP, computed with amazon-cognito-identity-js's own helper. */
async function srpClient(poolId: string) {
  const poolName = poolId.split('_')[1]!
  const { helper, SRP_A } = await srpStart(poolName)
  return {
    SRP_A,
    async claim(params: Record<string, string>, password: string) {
      const userId = params.USER_ID_FOR_SRP!
      return { USERNAME: userId, ...(await passwordClaim(helper, poolName, userId, password, params)) }
    },
  }
}

/** InitiateAuth USER_SRP_AUTH, then RespondToAuthChallenge PASSWORD_VERIFIER, through the SDK. */
async function srpSignIn(
  sdk: CognitoIdentityProviderClient,
  poolId: string,
  clientId: string,
  username: string,
  password: string,
  extra: Record<string, string> = {},
) {
  const client = await srpClient(poolId)
  const challenge = await sdk.send(
    new InitiateAuthCommand({
      AuthFlow: 'USER_SRP_AUTH',
      ClientId: clientId,
      AuthParameters: { USERNAME: username, SRP_A: client.SRP_A, ...extra },
    }),
  )
  const responses = await client.claim(challenge.ChallengeParameters!, password)
  const answer = await sdk.send(
    new RespondToAuthChallengeCommand({
      ClientId: clientId,
      ChallengeName: 'PASSWORD_VERIFIER',
      ChallengeResponses: { ...responses, ...extra },
    }),
  )
  return { challenge, answer, responses }
}

const incorrect = { name: 'NotAuthorizedException', message: 'Incorrect username or password.' }

describe.each(ENDPOINTS)('USER_SRP_AUTH through %s', (_, endpoint) => {
  const sdk = sdkClient(endpoint)

  it('answers SRP_A with PASSWORD_VERIFIER and no Session', async () => {
    const { poolId, clientId } = await poolWithClient(sdk)
    await createUser(sdk, poolId, 'alice')
    const client = await srpClient(poolId)
    const res = await sdk.send(
      new InitiateAuthCommand({
        AuthFlow: 'USER_SRP_AUTH',
        ClientId: clientId,
        AuthParameters: { USERNAME: 'alice', SRP_A: client.SRP_A },
      }),
    )
    expect(res.ChallengeName).toBe('PASSWORD_VERIFIER')
    expect(res.Session).toBeUndefined()
    expect(Object.keys(res.ChallengeParameters!).sort()).toEqual([
      'SALT',
      'SECRET_BLOCK',
      'SRP_B',
      'USERNAME',
      'USER_ID_FOR_SRP',
    ])
    expect(res.ChallengeParameters).toMatchObject({ USERNAME: 'alice', USER_ID_FOR_SRP: 'alice' })
    expect(res.ChallengeParameters!.SRP_B).toMatch(/^[0-9a-f]+$/)
    expect(res.ChallengeParameters!.SALT).toMatch(/^[0-9a-f]+$/)
  })

  it('signs in with the right password and returns tokens', async () => {
    const { poolId, clientId } = await poolWithClient(sdk)
    await createUser(sdk, poolId, 'alice')
    const { answer } = await srpSignIn(sdk, poolId, clientId, 'alice', PASSWORD)
    expect(answer.ChallengeParameters).toEqual({})
    expect(answer.AuthenticationResult?.TokenType).toBe('Bearer')
    expect(answer.AuthenticationResult?.ExpiresIn).toBe(3600)
    expect(claims(answer.AuthenticationResult?.AccessToken).username).toBe('alice')
  })

  it('rejects a wrong password with "Incorrect username or password."', async () => {
    const { poolId, clientId } = await poolWithClient(sdk)
    await createUser(sdk, poolId, 'alice')
    expect(await failure(srpSignIn(sdk, poolId, clientId, 'alice', 'Wrong-Horse-1'))).toEqual(incorrect)
  })

  it('accepts each SECRET_BLOCK once', async () => {
    const { poolId, clientId } = await poolWithClient(sdk)
    await createUser(sdk, poolId, 'alice')
    const { responses } = await srpSignIn(sdk, poolId, clientId, 'alice', PASSWORD)
    const replay = sdk.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: 'PASSWORD_VERIFIER',
        ChallengeResponses: responses,
      }),
    )
    expect(await failure(replay)).toEqual({
      name: 'NotAuthorizedException',
      message: 'Invalid session for the user.',
    })
  })

  it('uses the sub as USER_ID_FOR_SRP where email is the username attribute', async () => {
    const { poolId, clientId } = await poolWithClient(sdk, { UsernameAttributes: ['email'] })
    const user = await createUser(sdk, poolId, 'carol@example.com')
    const { challenge, answer } = await srpSignIn(sdk, poolId, clientId, 'carol@example.com', PASSWORD)
    expect(challenge.ChallengeParameters!.USER_ID_FOR_SRP).toBe(user.Username)
    expect(challenge.ChallengeParameters!.USERNAME).toBe(user.Username)
    expect(answer.AuthenticationResult?.IdToken).toBeTypeOf('string')
  })

  it('signs in by a verified email alias', async () => {
    const { poolId, clientId } = await poolWithClient(sdk, { AliasAttributes: ['email'] })
    await createUser(sdk, poolId, 'alice', {
      attributes: { email: 'alice@example.com', email_verified: 'true' },
    })
    const { challenge, answer } = await srpSignIn(sdk, poolId, clientId, 'alice@example.com', PASSWORD)
    expect(challenge.ChallengeParameters!.USER_ID_FOR_SRP).toBe('alice')
    expect(answer.AuthenticationResult?.AccessToken).toBeTypeOf('string')
  })

  it('continues with NEW_PASSWORD_REQUIRED for a temporary password', async () => {
    const { poolId, clientId } = await poolWithClient(sdk)
    await createUser(sdk, poolId, 'alice', { permanent: false })
    const { answer } = await srpSignIn(sdk, poolId, clientId, 'alice', PASSWORD)
    expect(answer.ChallengeName).toBe('NEW_PASSWORD_REQUIRED')
    expect(answer.Session).toBeTypeOf('string')
    const done = await sdk.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: 'NEW_PASSWORD_REQUIRED',
        Session: answer.Session,
        ChallengeResponses: { USERNAME: 'alice', NEW_PASSWORD: 'Brand-New-Pass-2' },
      }),
    )
    expect(done.AuthenticationResult?.AccessToken).toBeTypeOf('string')
    const again = await srpSignIn(sdk, poolId, clientId, 'alice', 'Brand-New-Pass-2')
    expect(again.answer.AuthenticationResult?.AccessToken).toBeTypeOf('string')
  })

  it('refuses an unconfirmed user after a correct password proof', async () => {
    const { poolId, clientId } = await poolWithClient(sdk)
    await sdk.send(new SignUpCommand({ ClientId: clientId, Username: 'bob', Password: PASSWORD }))
    expect(await failure(srpSignIn(sdk, poolId, clientId, 'bob', PASSWORD))).toEqual({
      name: 'UserNotConfirmedException',
      message: 'User is not confirmed.',
    })
  })

  it('answers an unknown user with UserNotFoundException, or a challenge that fails when existence errors are prevented', async () => {
    const { poolId, clientId } = await poolWithClient(sdk)
    expect(await failure(srpSignIn(sdk, poolId, clientId, 'nobody', PASSWORD))).toEqual({
      name: 'UserNotFoundException',
      message: 'User does not exist.',
    })
    const hidden = await poolWithClient(sdk, {}, { PreventUserExistenceErrors: 'ENABLED' })
    expect(await failure(srpSignIn(sdk, hidden.poolId, hidden.clientId, 'nobody', PASSWORD))).toEqual(
      incorrect,
    )
  })

  it('refuses USER_SRP_AUTH when the client does not allow it', async () => {
    const { poolId, clientId } = await poolWithClient(
      sdk,
      {},
      { ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'] },
    )
    await createUser(sdk, poolId, 'alice')
    expect(await failure(srpSignIn(sdk, poolId, clientId, 'alice', PASSWORD))).toEqual({
      name: 'InvalidParameterException',
      message: 'USER_SRP_AUTH is not enabled for the client.',
    })
  })

  it('requires SRP_A', async () => {
    const { poolId, clientId } = await poolWithClient(sdk)
    await createUser(sdk, poolId, 'alice')
    const res = sdk.send(
      new InitiateAuthCommand({
        AuthFlow: 'USER_SRP_AUTH',
        ClientId: clientId,
        AuthParameters: { USERNAME: 'alice' },
      }),
    )
    expect(await failure(res)).toEqual({
      name: 'InvalidParameterException',
      message: 'Missing required parameter SRP_A',
    })
  })

  it('checks SECRET_HASH on both steps for a client with a secret', async () => {
    const { poolId, clientId, clientSecret } = await poolWithClient(sdk, {}, { GenerateSecret: true })
    await createUser(sdk, poolId, 'alice')
    const SECRET_HASH = secretHash(clientSecret!, 'alice', clientId)
    const { answer } = await srpSignIn(sdk, poolId, clientId, 'alice', PASSWORD, { SECRET_HASH })
    expect(answer.AuthenticationResult?.AccessToken).toBeTypeOf('string')
  })

  it('works through AdminInitiateAuth', async () => {
    const { poolId, clientId } = await poolWithClient(sdk)
    await createUser(sdk, poolId, 'alice')
    const client = await srpClient(poolId)
    const res = await sdk.send(
      new AdminInitiateAuthCommand({
        UserPoolId: poolId,
        ClientId: clientId,
        AuthFlow: 'USER_SRP_AUTH',
        AuthParameters: { USERNAME: 'alice', SRP_A: client.SRP_A },
      }),
    )
    expect(res.ChallengeName).toBe('PASSWORD_VERIFIER')
  })
})

describe('amazon-cognito-identity-js', () => {
  const sdk = sdkClient()

  function authenticate(poolId: string, clientId: string, username: string, password: string) {
    const pool = new cij.CognitoUserPool({ UserPoolId: poolId, ClientId: clientId })
    const user = new cij.CognitoUser({ Username: username, Pool: pool })
    const details = new cij.AuthenticationDetails({ Username: username, Password: password })
    return new Promise<{
      user: typeof user
      session: import('amazon-cognito-identity-js').CognitoUserSession
    }>((resolve, reject) =>
      user.authenticateUser(details, {
        onSuccess: (session) => resolve({ user, session }),
        onFailure: reject,
        newPasswordRequired: () => reject(new Error('newPasswordRequired')),
      }),
    )
  }

  it('signs in with SRP (authenticateUser) and refreshes the session', async () => {
    const { poolId, clientId } = await poolWithClient(sdk)
    await createUser(sdk, poolId, 'alice')
    const { user, session } = await authenticate(poolId, clientId, 'alice', PASSWORD)
    expect(session.isValid()).toBe(true)
    expect(session.getIdToken().payload['cognito:username']).toBe('alice')
    const refreshed = await new Promise<import('amazon-cognito-identity-js').CognitoUserSession>(
      (resolve, reject) =>
        user.refreshSession(session.getRefreshToken(), (err, s) => (err ? reject(err) : resolve(s))),
    )
    expect(refreshed.getAccessToken().getJwtToken()).not.toBe(session.getAccessToken().getJwtToken())
    expect(refreshed.getAccessToken().payload.origin_jti).toBe(session.getAccessToken().payload.origin_jti)
  })

  it('fails a wrong password with NotAuthorizedException', async () => {
    const { poolId, clientId } = await poolWithClient(sdk)
    await createUser(sdk, poolId, 'alice')
    const err = (await authenticate(poolId, clientId, 'alice', 'Wrong-Horse-1').catch((e) => e)) as Error & {
      code: string
    }
    expect(err.code).toBe('NotAuthorizedException')
    expect(err.message).toBe('Incorrect username or password.')
  })
})
