import {
  AdminCreateUserCommand,
  AdminSetUserMFAPreferenceCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
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
import { setupWorker } from 'msw/browser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCognito } from '../../src/index.ts'

const cognito = createCognito()
const worker = setupWorker(...cognito.handlers)

beforeAll(async () => {
  await worker.start({ quiet: true, onUnhandledFrame: 'bypass' })
})
afterAll(async () => {
  await signOut().catch(() => undefined)
  await worker.stop()
})

const client = new CognitoIdentityProviderClient({
  region: 'us-east-1',
  endpoint: 'http://localhost:4566',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  maxAttempts: 1,
})
const PASSWORD = 'Correct-Horse-42'

/** A pool where remembered devices stand in for SMS MFA, and a user with SMS MFA. */
async function setUp() {
  const { UserPool } = await client.send(
    new CreateUserPoolCommand({
      PoolName: 'devices',
      DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: false },
    }),
  )
  const UserPoolId = UserPool!.Id!
  await client.send(
    new SetUserPoolMfaConfigCommand({
      UserPoolId,
      MfaConfiguration: 'OPTIONAL',
      SmsMfaConfiguration: {
        SmsConfiguration: { SnsCallerArn: 'arn:aws:iam::123456789012:role/cognito-sms', ExternalId: 'x' },
      },
    }),
  )
  const { UserPoolClient } = await client.send(
    new CreateUserPoolClientCommand({ UserPoolId, ClientName: 'web' }),
  )
  await client.send(
    new AdminCreateUserCommand({
      UserPoolId,
      Username: 'alice',
      UserAttributes: [{ Name: 'phone_number', Value: '+15555550123' }],
      MessageAction: 'SUPPRESS',
    }),
  )
  await client.send(
    new AdminSetUserPasswordCommand({ UserPoolId, Username: 'alice', Password: PASSWORD, Permanent: true }),
  )
  await client.send(
    new AdminSetUserMFAPreferenceCommand({
      UserPoolId,
      Username: 'alice',
      SMSMfaSettings: { Enabled: true, PreferredMfa: true },
    }),
  )
  Amplify.configure({
    Auth: { Cognito: { userPoolId: UserPoolId, userPoolClientId: UserPoolClient!.ClientId! } },
  })
}

describe('Amplify v6 in the browser with a remembered device', () => {
  it('skips MFA on the remembered device, lists it, and asks again once it is forgotten', async () => {
    await setUp()
    const first = await signIn({ username: 'alice', password: PASSWORD })
    expect(first.nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_SMS_CODE')
    await confirmSignIn({ challengeResponse: cognito.outbox.at(-1)!.code! })
    const deviceKey = (await fetchAuthSession()).tokens?.accessToken.payload.device_key
    expect(deviceKey).toMatch(/^us-east-1_/)
    expect(
      localStorage.getItem(
        `CognitoIdentityServiceProvider.${Amplify.getConfig().Auth?.Cognito.userPoolClientId}.alice.deviceKey`,
      ),
    ).toBe(deviceKey)
    await signOut()

    const sent = cognito.outbox.length
    const again = await signIn({ username: 'alice', password: PASSWORD })
    expect(again).toEqual({ isSignedIn: true, nextStep: { signInStep: 'DONE' } })
    expect(cognito.outbox.length).toBe(sent)

    const devices = await fetchDevices()
    expect(devices.map((d) => d.id)).toEqual([deviceKey])
    expect(devices[0]?.attributes['dev:device_remembered_status']).toBe('remembered')
    await forgetDevice()
    expect(await fetchDevices()).toEqual([])
    await signOut()

    const afterForget = await signIn({ username: 'alice', password: PASSWORD })
    expect(afterForget.nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_SMS_CODE')
  })
})
