import {
  AdminSetUserMFAPreferenceCommand,
  SetUserPoolMfaConfigCommand,
} from '@aws-sdk/client-cognito-identity-provider'
import { Amplify } from 'aws-amplify'
import { confirmSignIn, fetchAuthSession, signIn, signOut } from 'aws-amplify/auth'
import { afterEach, describe, expect, it } from 'vitest'
import { createUser, PASSWORD, poolWithClient } from '../support/auth-fixtures.ts'
import { sdkClient, useCognito } from '../support/cognito.ts'

const { cognito } = useCognito()
const sdk = sdkClient()

const SES = {
  EmailSendingAccount: 'DEVELOPER' as const,
  SourceArn: 'arn:aws:ses:us-east-1:123456789012:identity/no-reply@example.com',
  From: 'no-reply@example.com',
}
const SNS = { SnsCallerArn: 'arn:aws:iam::123456789012:role/cognito-sms', ExternalId: 'cognito' }

async function configure(factor: 'SMS' | 'EMAIL') {
  const { poolId, clientId } = await poolWithClient(sdk, { EmailConfiguration: SES })
  await sdk.send(
    new SetUserPoolMfaConfigCommand({
      UserPoolId: poolId,
      MfaConfiguration: 'OPTIONAL',
      ...(factor === 'SMS'
        ? { SmsMfaConfiguration: { SmsAuthenticationMessage: 'Your code is {####}', SmsConfiguration: SNS } }
        : { EmailMfaConfiguration: { Message: 'Your sign-in code is {####}', Subject: 'Sign-in code' } }),
    }),
  )
  Amplify.configure({ Auth: { Cognito: { userPoolId: poolId, userPoolClientId: clientId } } })
  await createUser(sdk, poolId, 'alice', {
    attributes: { email: 'alice@example.com', phone_number: '+15555550123' },
  })
  await sdk.send(
    new AdminSetUserMFAPreferenceCommand({
      UserPoolId: poolId,
      Username: 'alice',
      ...(factor === 'SMS'
        ? { SMSMfaSettings: { Enabled: true, PreferredMfa: true } }
        : { EmailMfaSettings: { Enabled: true, PreferredMfa: true } }),
    }),
  )
}

afterEach(async () => {
  await signOut().catch(() => undefined)
})

describe('Amplify v6 with SMS and email MFA', () => {
  it('signs in with the SMS code read from the outbox', async () => {
    await configure('SMS')
    const first = await signIn({ username: 'alice', password: PASSWORD })
    expect(first.nextStep).toEqual({
      signInStep: 'CONFIRM_SIGN_IN_WITH_SMS_CODE',
      codeDeliveryDetails: { deliveryMedium: 'SMS', destination: '+*******0123' },
    })
    const sms = cognito.outbox.at(-1)!
    expect(sms).toMatchObject({
      deliveryMedium: 'SMS',
      destination: '+15555550123',
      reason: 'SMS_MFA',
      message: `Your code is ${sms.code}`,
    })
    expect(sms.code).toMatch(/^\d{6}$/)
    const done = await confirmSignIn({ challengeResponse: sms.code! })
    expect(done.isSignedIn).toBe(true)
    expect((await fetchAuthSession()).tokens?.accessToken.payload.username).toBe('alice')
  })

  it('signs in with the email code read from the outbox', async () => {
    await configure('EMAIL')
    const first = await signIn({ username: 'alice', password: PASSWORD })
    expect(first.nextStep).toEqual({
      signInStep: 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE',
      codeDeliveryDetails: { deliveryMedium: 'EMAIL', destination: 'a***@e***' },
    })
    const email = cognito.outbox.at(-1)!
    expect(email).toMatchObject({
      deliveryMedium: 'EMAIL',
      destination: 'alice@example.com',
      reason: 'EMAIL_OTP',
      subject: 'Sign-in code',
      message: `Your sign-in code is ${email.code}`,
    })
    expect(email.code).toMatch(/^\d{8}$/)
    expect((await confirmSignIn({ challengeResponse: email.code! })).isSignedIn).toBe(true)
  })

  it('rejects a wrong SMS code with CodeMismatchException', async () => {
    await configure('SMS')
    await signIn({ username: 'alice', password: PASSWORD })
    const wrong = cognito.outbox.at(-1)!.code === '000000' ? '111111' : '000000'
    await expect(confirmSignIn({ challengeResponse: wrong })).rejects.toMatchObject({
      name: 'CodeMismatchException',
      message: 'Invalid code or auth state for the user.',
    })
  })
})
