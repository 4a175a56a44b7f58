import { Amplify } from 'aws-amplify'
import { confirmSignIn, fetchAuthSession, getCurrentUser, signIn, signOut } from 'aws-amplify/auth'
import { afterEach, describe, expect, it } from 'vitest'
import { claims, createUser, PASSWORD, poolWithClient } from '../support/auth-fixtures.ts'
import { sdkClient, useCognito } from '../support/cognito.ts'

useCognito()
const sdk = sdkClient()

async function configure(pool: Parameters<typeof poolWithClient>[1] = {}) {
  const { poolId, clientId } = await poolWithClient(sdk, pool)
  Amplify.configure({ Auth: { Cognito: { userPoolId: poolId, userPoolClientId: clientId } } })
  return { poolId, clientId }
}

afterEach(async () => {
  await signOut().catch(() => undefined)
})

describe('Amplify v6, unchanged and with default settings', () => {
  it('signs in with SRP, reads the session, refreshes it and signs out', async () => {
    const { poolId } = await configure()
    await createUser(sdk, poolId, 'alice')
    const result = await signIn({ username: 'alice', password: PASSWORD })
    expect(result).toEqual({ isSignedIn: true, nextStep: { signInStep: 'DONE' } })
    expect((await getCurrentUser()).username).toBe('alice')
    const session = await fetchAuthSession()
    expect(session.tokens?.accessToken.payload.username).toBe('alice')
    const refreshed = await fetchAuthSession({ forceRefresh: true })
    expect(refreshed.tokens?.accessToken.toString()).not.toBe(session.tokens?.accessToken.toString())
    expect(refreshed.tokens?.accessToken.payload.origin_jti).toBe(
      session.tokens?.accessToken.payload.origin_jti,
    )
    await signOut()
    expect((await fetchAuthSession()).tokens).toBeUndefined()
  })

  it('signs in by email where email is the username attribute', async () => {
    const { poolId } = await configure({ UsernameAttributes: ['email'] })
    const user = await createUser(sdk, poolId, 'carol@example.com')
    await signIn({ username: 'carol@example.com', password: PASSWORD })
    expect((await getCurrentUser()).username).toBe(user.Username)
  })

  it('rejects a wrong password with NotAuthorizedException', async () => {
    const { poolId } = await configure()
    await createUser(sdk, poolId, 'alice')
    await expect(signIn({ username: 'alice', password: 'Wrong-Horse-1' })).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    })
  })

  it('confirms the sign-in of an invited user with a new password', async () => {
    const { poolId } = await configure()
    await createUser(sdk, poolId, 'alice', { permanent: false })
    const first = await signIn({ username: 'alice', password: PASSWORD })
    expect(first.nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED')
    const done = await confirmSignIn({ challengeResponse: 'Brand-New-Pass-2' })
    expect(done.isSignedIn).toBe(true)
    const session = await fetchAuthSession()
    expect(claims(session.tokens?.idToken?.toString())['cognito:username']).toBe('alice')
  })
})
