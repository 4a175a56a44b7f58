import {
  AdminGetUserCommand,
  AdminSetUserMFAPreferenceCommand,
  AdminSetUserSettingsCommand,
  AssociateSoftwareTokenCommand,
  DescribeUserPoolCommand,
  GetUserCommand,
  GetUserPoolMfaConfigCommand,
  ListUsersCommand,
  RespondToAuthChallengeCommand,
  SetUserMFAPreferenceCommand,
  SetUserPoolMfaConfigCommand,
  VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider'
import { beforeEach, describe, expect, it } from 'vitest'
import { createUser, failure, passwordSignIn, poolWithClient } from '../support/auth-fixtures.ts'
import { sdkClient, useCognito } from '../support/cognito.ts'
import { authenticatorCode, midTotpStep } from '../support/totp.ts'

const { cognito, clock } = useCognito()
const sdk = sdkClient()
const SNS = { SnsCallerArn: 'arn:aws:iam::123456789012:role/cognito-sms', ExternalId: 'cognito' }
const code = (secret: string) => authenticatorCode(secret, clock.now())
beforeEach(() => clock.freeze(midTotpStep()))
const wrong = (right: string) => (right === '000000' ? '111111' : '000000')

/** A pool with MFA in `mode` offering SMS and TOTP, a client, and alice with a phone number. */
async function mfaPool(mode: 'ON' | 'OPTIONAL' = 'OPTIONAL') {
  const { poolId, clientId } = await poolWithClient(sdk)
  await sdk.send(
    new SetUserPoolMfaConfigCommand({
      UserPoolId: poolId,
      MfaConfiguration: mode,
      SmsMfaConfiguration: { SmsConfiguration: SNS },
      SoftwareTokenMfaConfiguration: { Enabled: true },
    }),
  )
  return { poolId, clientId }
}

async function signedInAlice(poolId: string, clientId: string, phone = true) {
  await createUser(sdk, poolId, 'alice', { attributes: phone ? { phone_number: '+15555550123' } : {} })
  const out = await passwordSignIn(sdk, clientId, 'alice')
  return out.AuthenticationResult!.AccessToken!
}

/** AssociateSoftwareToken + VerifySoftwareToken for a signed-in user; returns the secret. */
async function addSoftwareToken(AccessToken: string) {
  const { SecretCode } = await sdk.send(new AssociateSoftwareTokenCommand({ AccessToken }))
  await sdk.send(new VerifySoftwareTokenCommand({ AccessToken, UserCode: code(SecretCode!) }))
  return SecretCode!
}

describe('SetUserPoolMfaConfig and GetUserPoolMfaConfig', () => {
  it('sets the mode and factors, and DescribeUserPool follows', async () => {
    const { poolId } = await poolWithClient(sdk)
    const set = await sdk.send(
      new SetUserPoolMfaConfigCommand({
        UserPoolId: poolId,
        MfaConfiguration: 'ON',
        SoftwareTokenMfaConfiguration: { Enabled: true },
        SmsMfaConfiguration: { SmsAuthenticationMessage: 'Code: {####}', SmsConfiguration: SNS },
      }),
    )
    const expected = {
      MfaConfiguration: 'ON',
      SoftwareTokenMfaConfiguration: { Enabled: true },
      SmsMfaConfiguration: { SmsAuthenticationMessage: 'Code: {####}', SmsConfiguration: SNS },
    }
    expect(set).toMatchObject(expected)
    expect(await sdk.send(new GetUserPoolMfaConfigCommand({ UserPoolId: poolId }))).toMatchObject(expected)
    const { UserPool } = await sdk.send(new DescribeUserPoolCommand({ UserPoolId: poolId }))
    expect(UserPool).toMatchObject({ MfaConfiguration: 'ON', SmsAuthenticationMessage: 'Code: {####}' })
  })

  it('reports a new pool with MFA OFF', async () => {
    const { poolId } = await poolWithClient(sdk)
    const out = await sdk.send(new GetUserPoolMfaConfigCommand({ UserPoolId: poolId }))
    expect(out.MfaConfiguration).toBe('OFF')
  })

  it('refuses MFA OFF together with a factor, and ON or OPTIONAL without one', async () => {
    const { poolId } = await poolWithClient(sdk)
    const off = sdk.send(
      new SetUserPoolMfaConfigCommand({
        UserPoolId: poolId,
        MfaConfiguration: 'OFF',
        SoftwareTokenMfaConfiguration: { Enabled: true },
      }),
    )
    expect(await failure(off)).toEqual({
      name: 'InvalidParameterException',
      message: "Invalid MFA configuration given, can't turn off MFA and configure an MFA together.",
    })
    const none = sdk.send(
      new SetUserPoolMfaConfigCommand({ UserPoolId: poolId, MfaConfiguration: 'OPTIONAL' }),
    )
    expect(await failure(none)).toEqual({
      name: 'InvalidParameterException',
      message:
        "Invalid MFA configuration given, can't disable all MFAs with a required or optional configuration.",
    })
  })

  it('refuses email MFA for a pool that does not send email through SES', async () => {
    const { poolId } = await poolWithClient(sdk)
    const email = sdk.send(
      new SetUserPoolMfaConfigCommand({
        UserPoolId: poolId,
        MfaConfiguration: 'OPTIONAL',
        EmailMfaConfiguration: {},
      }),
    )
    expect((await failure(email)).name).toBe('InvalidParameterException')
  })

  it('answers ResourceNotFoundException for an unknown pool', async () => {
    const out = sdk.send(new GetUserPoolMfaConfigCommand({ UserPoolId: 'us-east-1_missing00' }))
    expect(await failure(out)).toEqual({
      name: 'ResourceNotFoundException',
      message: 'User pool us-east-1_missing00 does not exist.',
    })
  })
})

describe('MFA preferences and settings', () => {
  it('shows enabled and preferred factors in GetUser, AdminGetUser and ListUsers', async () => {
    const { poolId, clientId } = await mfaPool()
    const AccessToken = await signedInAlice(poolId, clientId)
    expect(await sdk.send(new GetUserCommand({ AccessToken }))).not.toHaveProperty('UserMFASettingList')
    await addSoftwareToken(AccessToken)
    await sdk.send(
      new SetUserMFAPreferenceCommand({
        AccessToken,
        SMSMfaSettings: { Enabled: true },
        SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
      }),
    )
    const mfa = {
      MFAOptions: [{ DeliveryMedium: 'SMS', AttributeName: 'phone_number' }],
      PreferredMfaSetting: 'SOFTWARE_TOKEN_MFA',
      UserMFASettingList: ['SMS_MFA', 'SOFTWARE_TOKEN_MFA'],
    }
    expect(await sdk.send(new GetUserCommand({ AccessToken }))).toMatchObject(mfa)
    expect(await sdk.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'alice' }))).toMatchObject(
      mfa,
    )
    const { Users } = await sdk.send(new ListUsersCommand({ UserPoolId: poolId }))
    expect(Users?.[0]?.MFAOptions).toEqual(mfa.MFAOptions)
  })

  it('refuses to turn on a factor the user cannot receive', async () => {
    const { poolId } = await mfaPool()
    await createUser(sdk, poolId, 'bob')
    for (const [member, factor] of [
      ['SoftwareTokenMfaSettings', 'SOFTWARE_TOKEN_MFA'],
      ['SMSMfaSettings', 'SMS_MFA'],
    ] as const) {
      const out = sdk.send(
        new AdminSetUserMFAPreferenceCommand({
          UserPoolId: poolId,
          Username: 'bob',
          [member]: { Enabled: true },
        }),
      )
      expect(await failure(out)).toEqual({
        name: 'InvalidParameterException',
        message: `User does not have delivery config set to turn on ${factor}`,
      })
    }
  })

  it('turns SMS MFA on and off with the legacy AdminSetUserSettings', async () => {
    const { poolId, clientId } = await mfaPool()
    await signedInAlice(poolId, clientId)
    const MFAOptions = [{ DeliveryMedium: 'SMS' as const, AttributeName: 'phone_number' }]
    await sdk.send(new AdminSetUserSettingsCommand({ UserPoolId: poolId, Username: 'alice', MFAOptions }))
    const on = await sdk.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'alice' }))
    expect(on).toMatchObject({ MFAOptions, UserMFASettingList: ['SMS_MFA'] })
    await sdk.send(new AdminSetUserSettingsCommand({ UserPoolId: poolId, Username: 'alice', MFAOptions: [] }))
    const off = await sdk.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'alice' }))
    expect(off).not.toHaveProperty('MFAOptions')
    expect(off).not.toHaveProperty('UserMFASettingList')
  })
})

describe('software tokens (TOTP)', () => {
  it('hands every user a fresh base32 secret', async () => {
    const { poolId, clientId } = await mfaPool()
    const AccessToken = await signedInAlice(poolId, clientId)
    const a = await sdk.send(new AssociateSoftwareTokenCommand({ AccessToken }))
    const b = await sdk.send(new AssociateSoftwareTokenCommand({ AccessToken }))
    expect(a.SecretCode).toMatch(/^[A-Z2-7]{52}$/)
    expect(b.SecretCode).not.toBe(a.SecretCode)
  })

  it('verifies a code computed from the secret, and rejects a wrong one', async () => {
    const { poolId, clientId } = await mfaPool()
    const AccessToken = await signedInAlice(poolId, clientId)
    const { SecretCode } = await sdk.send(new AssociateSoftwareTokenCommand({ AccessToken }))
    const bad = sdk.send(new VerifySoftwareTokenCommand({ AccessToken, UserCode: wrong(code(SecretCode!)) }))
    expect(await failure(bad)).toEqual({
      name: 'EnableSoftwareTokenMFAException',
      message: 'Code mismatch and fail enable Software Token MFA',
    })
    const ok = await sdk.send(new VerifySoftwareTokenCommand({ AccessToken, UserCode: code(SecretCode!) }))
    expect(ok.Status).toBe('SUCCESS')
  })

  it('refuses VerifySoftwareToken before AssociateSoftwareToken', async () => {
    const { poolId, clientId } = await mfaPool()
    const AccessToken = await signedInAlice(poolId, clientId)
    const out = sdk.send(new VerifySoftwareTokenCommand({ AccessToken, UserCode: '123456' }))
    expect(await failure(out)).toEqual({
      name: 'SoftwareTokenMFANotFoundException',
      message: 'Software Token MFA does not exist for the user.',
    })
  })

  it('asks for SOFTWARE_TOKEN_MFA, accepts a code once, and accepts the next step', async () => {
    const { poolId, clientId } = await mfaPool()
    const AccessToken = await signedInAlice(poolId, clientId, false)
    const secret = await addSoftwareToken(AccessToken)
    await sdk.send(
      new SetUserMFAPreferenceCommand({ AccessToken, SoftwareTokenMfaSettings: { Enabled: true } }),
    )
    const answer = (Session: string, SOFTWARE_TOKEN_MFA_CODE: string) =>
      sdk.send(
        new RespondToAuthChallengeCommand({
          ClientId: clientId,
          ChallengeName: 'SOFTWARE_TOKEN_MFA',
          Session,
          ChallengeResponses: { USERNAME: 'alice', SOFTWARE_TOKEN_MFA_CODE },
        }),
      )
    const first = await passwordSignIn(sdk, clientId, 'alice')
    expect(first).toMatchObject({ ChallengeName: 'SOFTWARE_TOKEN_MFA', ChallengeParameters: {} })
    expect(await failure(answer(first.Session!, code(secret)))).toEqual({
      name: 'CodeMismatchException',
      message: 'Invalid code received for user',
    })
    clock.advance(30)
    const done = await answer(first.Session!, code(secret))
    expect(done.AuthenticationResult?.AccessToken).toBeDefined()
    expect(await failure(answer(first.Session!, code(secret)))).toEqual({
      name: 'NotAuthorizedException',
      message: 'Invalid session for the user.',
    })
  })

  it('sets TOTP up during MFA_SETUP with the Session, which each step renews', async () => {
    const { poolId, clientId } = await mfaPool('ON')
    await createUser(sdk, poolId, 'alice')
    const first = await passwordSignIn(sdk, clientId, 'alice')
    expect(first).toMatchObject({
      ChallengeName: 'MFA_SETUP',
      ChallengeParameters: { MFAS_CAN_SETUP: '["SMS_MFA","SOFTWARE_TOKEN_MFA"]' },
    })
    const associated = await sdk.send(new AssociateSoftwareTokenCommand({ Session: first.Session }))
    expect(associated.Session).not.toBe(first.Session)
    const stale = sdk.send(new AssociateSoftwareTokenCommand({ Session: first.Session }))
    expect(await failure(stale)).toEqual({
      name: 'NotAuthorizedException',
      message: 'Invalid session for the user.',
    })
    const verified = await sdk.send(
      new VerifySoftwareTokenCommand({ Session: associated.Session, UserCode: code(associated.SecretCode!) }),
    )
    expect(verified.Status).toBe('SUCCESS')
    const done = await sdk.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: 'MFA_SETUP',
        Session: verified.Session,
        ChallengeResponses: { USERNAME: 'alice' },
      }),
    )
    expect(done.AuthenticationResult?.IdToken).toBeDefined()
    const user = await sdk.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'alice' }))
    expect(user.UserMFASettingList).toEqual(['SOFTWARE_TOKEN_MFA'])
  })
})

describe('SMS MFA and the choice of factor', () => {
  it('sends SMS_MFA to a user with a phone number where MFA is ON, and checks the code', async () => {
    const { poolId, clientId } = await mfaPool('ON')
    await createUser(sdk, poolId, 'alice', { attributes: { phone_number: '+15555550123' } })
    const first = await passwordSignIn(sdk, clientId, 'alice')
    expect(first).toMatchObject({
      ChallengeName: 'SMS_MFA',
      ChallengeParameters: {
        CODE_DELIVERY_DELIVERY_MEDIUM: 'SMS',
        CODE_DELIVERY_DESTINATION: '+*******0123',
      },
    })
    const sms = cognito.outbox.at(-1)!
    expect(sms).toMatchObject({ reason: 'SMS_MFA', message: `Your authentication code is ${sms.code}. ` })
    const answer = (SMS_MFA_CODE: string) =>
      sdk.send(
        new RespondToAuthChallengeCommand({
          ClientId: clientId,
          ChallengeName: 'SMS_MFA',
          Session: first.Session,
          ChallengeResponses: { USERNAME: 'alice', SMS_MFA_CODE },
        }),
      )
    expect(await failure(answer(wrong(sms.code!)))).toEqual({
      name: 'CodeMismatchException',
      message: 'Invalid code or auth state for the user.',
    })
    expect((await answer(sms.code!)).AuthenticationResult).toBeDefined()
  })

  it('ends the challenge after five wrong codes and after three minutes', async () => {
    const { poolId, clientId } = await mfaPool('ON')
    await createUser(sdk, poolId, 'alice', { attributes: { phone_number: '+15555550123' } })
    const answer = (Session: string, SMS_MFA_CODE: string) =>
      sdk.send(
        new RespondToAuthChallengeCommand({
          ClientId: clientId,
          ChallengeName: 'SMS_MFA',
          Session,
          ChallengeResponses: { USERNAME: 'alice', SMS_MFA_CODE },
        }),
      )
    const first = await passwordSignIn(sdk, clientId, 'alice')
    const right = cognito.outbox.at(-1)!.code!
    for (let i = 0; i < 5; i++) await failure(answer(first.Session!, wrong(right)))
    expect(await failure(answer(first.Session!, right))).toEqual({
      name: 'NotAuthorizedException',
      message: 'Invalid session for the user.',
    })
    const second = await passwordSignIn(sdk, clientId, 'alice')
    clock.advance(181)
    expect(await failure(answer(second.Session!, cognito.outbox.at(-1)!.code!))).toEqual({
      name: 'NotAuthorizedException',
      message: 'Invalid session for the user, session is expired.',
    })
  })

  it('lets a user with two factors and no preference choose with SELECT_MFA_TYPE', async () => {
    const { poolId, clientId } = await mfaPool()
    const AccessToken = await signedInAlice(poolId, clientId)
    await addSoftwareToken(AccessToken)
    await sdk.send(
      new SetUserMFAPreferenceCommand({
        AccessToken,
        SMSMfaSettings: { Enabled: true },
        SoftwareTokenMfaSettings: { Enabled: true },
      }),
    )
    const first = await passwordSignIn(sdk, clientId, 'alice')
    expect(first).toMatchObject({
      ChallengeName: 'SELECT_MFA_TYPE',
      ChallengeParameters: { MFAS_CAN_CHOOSE: '["SMS_MFA","SOFTWARE_TOKEN_MFA"]' },
    })
    const chosen = await sdk.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: 'SELECT_MFA_TYPE',
        Session: first.Session,
        ChallengeResponses: { USERNAME: 'alice', ANSWER: 'SMS_MFA' },
      }),
    )
    expect(chosen.ChallengeName).toBe('SMS_MFA')
    expect(cognito.outbox.at(-1)?.reason).toBe('SMS_MFA')
  })
})
