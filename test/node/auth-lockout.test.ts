import { beforeEach, describe, expect, it } from 'vitest'
import { createUser, failure, PASSWORD, passwordSignIn, poolWithClient } from '../support/auth-fixtures.ts'
import { sdkClient, useCognito } from '../support/cognito.ts'
import { cij } from '../support/cognito-identity-js.ts'

const { clock } = useCognito()
const sdk = sdkClient()
// Lock-outs last a second or two: the clock stands still, so only the test's own advances count.
beforeEach(() => clock.freeze(Date.now()))

const incorrect = { name: 'NotAuthorizedException', message: 'Incorrect username or password.' }
const exceeded = { name: 'NotAuthorizedException', message: 'Password attempts exceeded' }

describe('repeated wrong passwords', () => {
  it('lock the user out for a second after five failures, refusing even the right password meanwhile', async () => {
    const { poolId, clientId } = await poolWithClient(sdk)
    await createUser(sdk, poolId, 'alice')
    for (let i = 0; i < 5; i++)
      expect(await failure(passwordSignIn(sdk, clientId, 'alice', 'Wrong-Horse-1'))).toEqual(incorrect)
    expect(await failure(passwordSignIn(sdk, clientId, 'alice'))).toEqual(exceeded)
    clock.advance(2)
    const { AuthenticationResult } = await passwordSignIn(sdk, clientId, 'alice')
    expect(AuthenticationResult?.AccessToken).toBeTypeOf('string')
  })

  it('double the lock-out with each further failure, and a right password clears the count', async () => {
    const { poolId, clientId } = await poolWithClient(sdk)
    await createUser(sdk, poolId, 'bob')
    for (let i = 0; i < 5; i++) await failure(passwordSignIn(sdk, clientId, 'bob', 'Wrong-Horse-1'))
    clock.advance(1.5) // past the first lock-out (1 s)
    expect(await failure(passwordSignIn(sdk, clientId, 'bob', 'Wrong-Horse-1'))).toEqual(incorrect)
    clock.advance(1.5) // not past the second (2 s)
    expect(await failure(passwordSignIn(sdk, clientId, 'bob'))).toEqual(exceeded)
    clock.advance(1)
    await passwordSignIn(sdk, clientId, 'bob')
    // Counting starts again: four wrong passwords do not lock.
    for (let i = 0; i < 4; i++) await failure(passwordSignIn(sdk, clientId, 'bob', 'Wrong-Horse-1'))
    expect((await passwordSignIn(sdk, clientId, 'bob')).AuthenticationResult?.IdToken).toBeTypeOf('string')
  })

  it('count SRP sign-ins too (amazon-cognito-identity-js)', async () => {
    const { poolId, clientId } = await poolWithClient(sdk)
    await createUser(sdk, poolId, 'carol')
    const signIn = (password: string) =>
      new Promise<unknown>((resolve, reject) => {
        const user = new cij.CognitoUser({
          Username: 'carol',
          Pool: new cij.CognitoUserPool({ UserPoolId: poolId, ClientId: clientId }),
        })
        user.authenticateUser(new cij.AuthenticationDetails({ Username: 'carol', Password: password }), {
          onSuccess: resolve,
          onFailure: reject,
        })
      })
    for (let i = 0; i < 5; i++) {
      await expect(signIn('Wrong-Horse-1')).rejects.toMatchObject({
        code: 'NotAuthorizedException',
        message: incorrect.message,
      })
    }
    await expect(signIn(PASSWORD)).rejects.toMatchObject({
      code: 'NotAuthorizedException',
      message: exceeded.message,
    })
    clock.advance(2)
    await expect(signIn(PASSWORD)).resolves.toBeDefined()
  })
})
