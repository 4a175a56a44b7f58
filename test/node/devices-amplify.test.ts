import {
  AdminSetUserMFAPreferenceCommand,
  SetUserPoolMfaConfigCommand,
} from '@aws-sdk/client-cognito-identity-provider'
import { Amplify } from 'aws-amplify'
import {
  confirmSignIn,
  fetchAuthSession,
  fetchDevices,
  forgetDevice,
  signIn,
  signOut,
} from 'aws-amplify/auth'
import { afterEach, describe, expect, it } from 'vitest'
import { createUser, PASSWORD, poolWithClient } from '../support/auth-fixtures.ts'
import { sdkClient, useCognito } from '../support/cognito.ts'

const { cognito } = useCognito()
const sdk = sdkClient()
const SNS = { SnsCallerArn: 'arn:aws:iam::123456789012:role/cognito-sms', ExternalId: 'cognito' }

async function configure(ChallengeRequiredOnNewDevice: boolean) {
  const { poolId, clientId } = await poolWithClient(sdk, {
    DeviceConfiguration: { ChallengeRequiredOnNewDevice, DeviceOnlyRememberedOnUserPrompt: false },
  })
  await sdk.send(
    new SetUserPoolMfaConfigCommand({
      UserPoolId: poolId,
      MfaConfiguration: 'OPTIONAL',
      SmsMfaConfiguration: { SmsConfiguration: SNS },
    }),
  )
  Amplify.configure({ Auth: { Cognito: { userPoolId: poolId, userPoolClientId: clientId } } })
  await createUser(sdk, poolId, 'alice', { attributes: { phone_number: '+15555550123' } })
  await sdk.send(
    new AdminSetUserMFAPreferenceCommand({
      UserPoolId: poolId,
      Username: 'alice',
      SMSMfaSettings: { Enabled: true, PreferredMfa: true },
    }),
  )
}

/** Signs in through SMS MFA with the code from the outbox. */
async function signInWithSms() {
  const first = await signIn({ username: 'alice', password: PASSWORD })
  expect(first.nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_SMS_CODE')
  return confirmSignIn({ challengeResponse: cognito.outbox.at(-1)!.code! })
}

afterEach(async () => {
  await signOut().catch(() => undefined)
})

describe('Amplify v6 with remembered devices', () => {
  it('remembers the device after MFA and skips MFA on it next time', async () => {
    await configure(true)
    expect((await signInWithSms()).isSignedIn).toBe(true)
    const { tokens } = await fetchAuthSession()
    const deviceKey = tokens?.accessToken.payload.device_key as string
    expect(deviceKey).toMatch(/^us-east-1_[0-9a-f-]{36}$/)
    const devices = await fetchDevices()
    expect(devices).toEqual([expect.objectContaining({ id: deviceKey })])
    await signOut()

    const sent = cognito.outbox.length
    const again = await signIn({ username: 'alice', password: PASSWORD })
    expect(again).toEqual({ isSignedIn: true, nextStep: { signInStep: 'DONE' } })
    expect(cognito.outbox.length).toBe(sent)
    expect((await fetchAuthSession()).tokens?.accessToken.payload.device_key).toBe(deviceKey)
  })

  it('still asks for MFA on a remembered device where the pool does not let devices stand in for it', async () => {
    await configure(false)
    await signInWithSms()
    await signOut()
    const again = await signInWithSms()
    expect(again.isSignedIn).toBe(true)
  })

  it('forgets the device, after which MFA is asked again', async () => {
    await configure(true)
    await signInWithSms()
    await forgetDevice()
    expect(await fetchDevices()).toEqual([])
    await signOut()
    const again = await signIn({ username: 'alice', password: PASSWORD })
    expect(again.nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_SMS_CODE')
  })
})
