import { Amplify } from 'aws-amplify'
import { confirmSignIn, fetchAuthSession, signIn, signOut } from 'aws-amplify/auth'
import { afterEach, describe, expect, it } from 'vitest'
import { createUser, PASSWORD, poolWithClient } from '../support/auth-fixtures.ts'
import { sdkClient, useCognito } from '../support/cognito.ts'

const { cognito } = useCognito()
const sdk = sdkClient()

async function configure() {
  const { poolId, clientId } = await poolWithClient(
    sdk,
    { Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP'] } } },
    { ExplicitAuthFlows: ['ALLOW_USER_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] },
  )
  Amplify.configure({ Auth: { Cognito: { userPoolId: poolId, userPoolClientId: clientId } } })
  await createUser(sdk, poolId, 'alice', {
    attributes: { email: 'alice@example.com', email_verified: 'true' },
  })
}

afterEach(async () => {
  await signOut().catch(() => undefined)
})

describe('Amplify v6 choice-based sign-in (USER_AUTH)', () => {
  it('signs in without a password with the EMAIL_OTP code from the outbox', async () => {
    await configure()
    const first = await signIn({
      username: 'alice',
      options: { authFlowType: 'USER_AUTH', preferredChallenge: 'EMAIL_OTP' },
    })
    expect(first.nextStep).toEqual({
      signInStep: 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE',
      codeDeliveryDetails: { deliveryMedium: 'EMAIL', destination: 'a***@e***' },
    })
    const done = await confirmSignIn({ challengeResponse: cognito.outbox.at(-1)!.code! })
    expect(done).toEqual({ isSignedIn: true, nextStep: { signInStep: 'DONE' } })
    expect((await fetchAuthSession()).tokens?.accessToken.payload.username).toBe('alice')
  })

  it('offers the available first factors when no challenge is preferred, then takes the chosen one', async () => {
    await configure()
    const first = await signIn({ username: 'alice', options: { authFlowType: 'USER_AUTH' } })
    expect(first.nextStep).toEqual({
      signInStep: 'CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION',
      availableChallenges: ['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP'],
    })
    const password = await confirmSignIn({ challengeResponse: 'PASSWORD_SRP' })
    expect(password.nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_PASSWORD')
    const done = await confirmSignIn({ challengeResponse: PASSWORD })
    expect(done.isSignedIn).toBe(true)
  })
})
