import { AdminGetUserCommand, ListUsersCommand } from '@aws-sdk/client-cognito-identity-provider'
import { Amplify } from 'aws-amplify'
import { fetchUserAttributes, getCurrentUser, signIn, signOut, signUp } from 'aws-amplify/auth'
import { afterEach, describe, expect, it } from 'vitest'
import type { TriggerHandler } from '../../src/index.ts'
import { poolWithClient } from '../support/auth-fixtures.ts'
import { sdkClient, useCognito } from '../support/cognito.ts'

/** The legacy system the migration function asks. */
const LEGACY: Record<string, { password: string; email: string }> = {
  'old-timer': { password: 'Legacy-Pass-1', email: 'old-timer@example.com' },
}
const userMigration: TriggerHandler = async (event) => {
  const legacy = LEGACY[event.userName]
  if (!legacy || legacy.password !== event.request.password) throw new Error('Bad credentials')
  event.response.userAttributes = { email: legacy.email, email_verified: 'true' }
  event.response.finalUserStatus = 'CONFIRMED'
  event.response.messageAction = 'SUPPRESS'
  return event
}
const preSignUp: TriggerHandler = async (event) => {
  if (!String(event.request.userAttributes.email).endsWith('@example.com')) {
    throw new Error('Only example.com addresses may sign up')
  }
  return event
}

// The `triggers` shortcut: the same functions for every pool, no ARNs.
useCognito({ triggers: { userMigration, preSignUp } })
const sdk = sdkClient()
afterEach(async () => {
  await signOut().catch(() => undefined)
})

async function configure() {
  const ids = await poolWithClient(sdk, { AutoVerifiedAttributes: ['email'] })
  Amplify.configure({ Auth: { Cognito: { userPoolId: ids.poolId, userPoolClientId: ids.clientId } } })
  return ids
}

describe('Triggers through Amplify v6', () => {
  it('migrates a user unknown to the pool on a USER_PASSWORD_AUTH sign-in; the user exists afterwards', async () => {
    const { poolId } = await configure()
    const result = await signIn({
      username: 'old-timer',
      password: 'Legacy-Pass-1',
      options: { authFlowType: 'USER_PASSWORD_AUTH' },
    })
    expect(result).toEqual({ isSignedIn: true, nextStep: { signInStep: 'DONE' } })
    expect((await getCurrentUser()).username).toBe('old-timer')
    expect(await fetchUserAttributes()).toMatchObject({
      email: 'old-timer@example.com',
      email_verified: 'true',
    })
    const user = await sdk.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'old-timer' }))
    expect(user.UserStatus).toBe('CONFIRMED')

    // Signed in again with the same password, now the pool's own.
    await signOut()
    const again = await signIn({ username: 'old-timer', password: 'Legacy-Pass-1' })
    expect(again.isSignedIn).toBe(true)
  })

  it('refuses a migration the function rejects, creating no user', async () => {
    const { poolId } = await configure()
    await expect(
      signIn({
        username: 'old-timer',
        password: 'Not-The-Pass-1',
        options: { authFlowType: 'USER_PASSWORD_AUTH' },
      }),
    ).rejects.toMatchObject({
      name: 'UserLambdaValidationException',
      message: 'UserMigration failed with error Bad credentials.',
    })
    expect((await sdk.send(new ListUsersCommand({ UserPoolId: poolId }))).Users).toEqual([])
  })

  it('gives UserLambdaValidationException from a throwing PreSignUp through signUp, and no user is created', async () => {
    const { poolId } = await configure()
    await expect(
      signUp({
        username: 'mallory',
        password: 'Correct-Horse-1',
        options: { userAttributes: { email: 'mallory@evil.test' } },
      }),
    ).rejects.toMatchObject({
      name: 'UserLambdaValidationException',
      message: 'PreSignUp failed with error Only example.com addresses may sign up.',
    })
    expect((await sdk.send(new ListUsersCommand({ UserPoolId: poolId }))).Users).toEqual([])
  })
})
