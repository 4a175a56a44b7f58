import { SetUserPoolMfaConfigCommand } from '@aws-sdk/client-cognito-identity-provider'
import { Amplify } from 'aws-amplify'
import {
  confirmSignIn,
  fetchMFAPreference,
  setUpTOTP,
  signIn,
  signOut,
  updateMFAPreference,
  verifyTOTPSetup,
} from 'aws-amplify/auth'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createUser, PASSWORD, poolWithClient } from '../support/auth-fixtures.ts'
import { sdkClient, useCognito } from '../support/cognito.ts'
import { authenticatorCode, midTotpStep } from '../support/totp.ts'

const { clock } = useCognito()
const sdk = sdkClient()
/** The authenticator app's code now, on the emulator's clock. */
const code = (secret: string) => authenticatorCode(secret, clock.now())
beforeEach(() => clock.freeze(midTotpStep()))

async function totpPool(MfaConfiguration: 'ON' | 'OPTIONAL') {
  const { poolId, clientId } = await poolWithClient(sdk)
  await sdk.send(
    new SetUserPoolMfaConfigCommand({
      UserPoolId: poolId,
      MfaConfiguration,
      SoftwareTokenMfaConfiguration: { Enabled: true },
    }),
  )
  Amplify.configure({ Auth: { Cognito: { userPoolId: poolId, userPoolClientId: clientId } } })
  await createUser(sdk, poolId, 'alice')
  return { poolId, clientId }
}

afterEach(async () => {
  await signOut().catch(() => undefined)
})

describe('Amplify v6 with TOTP MFA', () => {
  it('sets up TOTP, then asks for a code at every sign-in and accepts a fresh one', async () => {
    await totpPool('OPTIONAL')
    await signIn({ username: 'alice', password: PASSWORD })
    const setup = await setUpTOTP()
    expect(setup.sharedSecret).toMatch(/^[A-Z2-7]{52}$/)
    await verifyTOTPSetup({ code: code(setup.sharedSecret) })
    await updateMFAPreference({ totp: 'PREFERRED' })
    expect(await fetchMFAPreference()).toEqual({ enabled: ['TOTP'], preferred: 'TOTP' })
    await signOut()

    const first = await signIn({ username: 'alice', password: PASSWORD })
    expect(first.nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_TOTP_CODE')
    clock.advance(30) // the setup code's step is used up
    const done = await confirmSignIn({ challengeResponse: code(setup.sharedSecret) })
    expect(done).toEqual({ isSignedIn: true, nextStep: { signInStep: 'DONE' } })
  })

  it('rejects a wrong TOTP code with CodeMismatchException', async () => {
    await totpPool('OPTIONAL')
    await signIn({ username: 'alice', password: PASSWORD })
    const { sharedSecret } = await setUpTOTP()
    await verifyTOTPSetup({ code: code(sharedSecret) })
    await updateMFAPreference({ totp: 'PREFERRED' })
    await signOut()

    await signIn({ username: 'alice', password: PASSWORD })
    const wrong = code(sharedSecret) === '000000' ? '111111' : '000000'
    await expect(confirmSignIn({ challengeResponse: wrong })).rejects.toMatchObject({
      name: 'CodeMismatchException',
      message: 'Invalid code received for user',
    })
  })

  it('rejects a wrong setup code with EnableSoftwareTokenMFAException', async () => {
    await totpPool('OPTIONAL')
    await signIn({ username: 'alice', password: PASSWORD })
    const { sharedSecret } = await setUpTOTP()
    const wrong = code(sharedSecret) === '000000' ? '111111' : '000000'
    await expect(verifyTOTPSetup({ code: wrong })).rejects.toMatchObject({
      name: 'EnableSoftwareTokenMFAException',
      message: 'Code mismatch and fail enable Software Token MFA',
    })
  })

  it('walks a user of a pool with MFA ON through MFA_SETUP at the first sign-in', async () => {
    await totpPool('ON')
    const first = await signIn({ username: 'alice', password: PASSWORD })
    expect(first.nextStep.signInStep).toBe('CONTINUE_SIGN_IN_WITH_TOTP_SETUP')
    if (first.nextStep.signInStep !== 'CONTINUE_SIGN_IN_WITH_TOTP_SETUP') return
    const secret = first.nextStep.totpSetupDetails.sharedSecret
    const done = await confirmSignIn({ challengeResponse: code(secret) })
    expect(done).toEqual({ isSignedIn: true, nextStep: { signInStep: 'DONE' } })
    await signOut()

    const again = await signIn({ username: 'alice', password: PASSWORD })
    expect(again.nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_TOTP_CODE')
    const wrong = code(secret) === '000000' ? '111111' : '000000'
    await expect(confirmSignIn({ challengeResponse: wrong })).rejects.toMatchObject({
      name: 'CodeMismatchException',
    })
    clock.advance(30)
    expect((await confirmSignIn({ challengeResponse: code(secret) })).isSignedIn).toBe(true)
  })
})
