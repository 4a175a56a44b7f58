import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminSetUserMFAPreferenceCommand,
  AdminUpdateUserAttributesCommand,
  ConfirmForgotPasswordCommand,
  ConfirmSignUpCommand,
  ForgotPasswordCommand,
  GetUserAttributeVerificationCodeCommand,
  InitiateAuthCommand,
  ResendConfirmationCodeCommand,
  RespondToAuthChallengeCommand,
  SetUserPoolMfaConfigCommand,
  SignUpCommand,
  VerifyUserAttributeCommand,
} from '@aws-sdk/client-cognito-identity-provider'
import { afterEach, describe, expect, it } from 'vitest'
import type { TriggerHandler } from '../../src/index.ts'
import { createUser, PASSWORD, passwordSignIn, poolWithClient } from '../support/auth-fixtures.ts'
import { sdkClient, useCognito } from '../support/cognito.ts'
import { ARN, eventBase } from '../support/trigger-recorder.ts'

const received: Record<string, unknown>[] = []
/** CustomMessage answers with its own texts, so a test can see them in the outbox. */
const customMessage: TriggerHandler = async (event) => {
  received.push(structuredClone(event))
  event.response.emailSubject = `Subject ${event.triggerSource}`
  event.response.emailMessage = `Email ${event.request.codeParameter}`
  event.response.smsMessage = `SMS ${event.request.codeParameter}`
  return event
}
const sender: TriggerHandler = async (event) => {
  received.push(structuredClone(event))
  return event
}
const { cognito } = useCognito({
  functions: { [ARN('custom-message')]: customMessage, [ARN('email')]: sender, [ARN('sms')]: sender },
})
const sdk = sdkClient()
afterEach(() => {
  received.length = 0
})

type Medium = 'EMAIL' | 'SMS'
type Trigger = 'CustomMessage' | 'CustomEmailSender' | 'CustomSMSSender'
const KMS = 'arn:aws:kms:us-east-1:123456789012:key/abcd'
const LAMBDA: Record<Trigger, Record<string, unknown>> = {
  CustomMessage: { CustomMessage: ARN('custom-message') },
  CustomEmailSender: { CustomEmailSender: { LambdaVersion: 'V1_0', LambdaArn: ARN('email') }, KMSKeyID: KMS },
  CustomSMSSender: { CustomSMSSender: { LambdaVersion: 'V1_0', LambdaArn: ARN('sms') }, KMSKeyID: KMS },
}
const medium = (trigger: Trigger): Medium => (trigger === 'CustomSMSSender' ? 'SMS' : 'EMAIL')
const CONTACT = { EMAIL: 'email', SMS: 'phone_number' } as const
const VALUE = { EMAIL: 'alice@example.com', SMS: '+15555550100' } as const
const NEW_VALUE = { EMAIL: 'new@example.com', SMS: '+15555550199' } as const
const SES = {
  EmailSendingAccount: 'DEVELOPER' as const,
  SourceArn: 'arn:aws:ses:us-east-1:123456789012:identity/no-reply@example.com',
  From: 'no-reply@example.com',
}
const SNS = { SnsCallerArn: 'arn:aws:iam::123456789012:role/cognito-sms', ExternalId: 'cognito' }
const METADATA = { app: 'web' }
const NO_CLIENT = 'CLIENT_ID_NOT_APPLICABLE'

/** A pool whose messages go to `trigger`, auto-verifying its medium's contact, with a client. */
async function messagePool(trigger: Trigger) {
  const m = medium(trigger)
  const ids = await poolWithClient(sdk, {
    LambdaConfig: LAMBDA[trigger],
    AutoVerifiedAttributes: [CONTACT[m]],
    EmailConfiguration: SES,
  })
  return { ...ids, m, contact: CONTACT[m], value: VALUE[m] }
}

const subOf = (attributes: { Name?: string; Value?: string }[] | undefined) =>
  attributes!.find((a) => a.Name === 'sub')!.Value!
/** The request CustomMessage gets: the placeholders, and `{username}` only for an invitation. */
const messageRequest = (userAttributes: Record<string, string>, invite = false, metadata = true) => ({
  userAttributes,
  codeParameter: '{####}',
  linkParameter: '{##Click Here##}',
  usernameParameter: invite ? '{username}' : null,
  ...(metadata ? { clientMetadata: METADATA } : {}),
})
const MESSAGE_RESPONSE = { smsMessage: null, emailMessage: null, emailSubject: null }
/** The request a custom sender gets: the code (plain here; AWS encrypts it with KMSKeyID). */
const senderRequest = (m: Medium, code: string, userAttributes: Record<string, string>, metadata = true) => ({
  type: m === 'EMAIL' ? 'customEmailSenderRequestV1' : 'customSMSSenderRequestV1',
  code,
  userAttributes,
  ...(metadata ? { clientMetadata: METADATA } : {}),
})
/** The code (or temporary password) of the last message, and CustomMessage's text as it landed in the outbox. */
function lastMessage() {
  const message = cognito.outbox.at(-1)!
  return { message, secret: message.code ?? message.temporaryPassword! }
}
function expectCustomText(m: Medium, source: string) {
  const { message, secret } = lastMessage()
  expect(message.message).toBe(m === 'EMAIL' ? `Email ${secret}` : `SMS ${secret}`)
  if (m === 'EMAIL') expect(message.subject).toBe(`Subject CustomMessage_${source}`)
}

// ---- the actions that send each kind of message, and what the code they send is good for ----

async function signUp(trigger: Trigger) {
  const ids = await messagePool(trigger)
  const { UserSub } = await sdk.send(
    new SignUpCommand({
      ClientId: ids.clientId,
      Username: 'alice',
      Password: PASSWORD,
      UserAttributes: [{ Name: ids.contact, Value: ids.value }],
      ClientMetadata: METADATA,
    }),
  )
  const attributes = { sub: UserSub!, [ids.contact]: ids.value, 'cognito:user_status': 'UNCONFIRMED' }
  const confirm = async (code: string) => {
    await sdk.send(
      new ConfirmSignUpCommand({ ClientId: ids.clientId, Username: 'alice', ConfirmationCode: code }),
    )
    const user = await sdk.send(new AdminGetUserCommand({ UserPoolId: ids.poolId, Username: 'alice' }))
    expect(user.UserStatus).toBe('CONFIRMED')
  }
  return { ...ids, attributes, confirm }
}

async function resendCode(trigger: Trigger) {
  const run = await signUp(trigger)
  received.length = 0
  await sdk.send(
    new ResendConfirmationCodeCommand({
      ClientId: run.clientId,
      Username: 'alice',
      ClientMetadata: METADATA,
    }),
  )
  return run
}

async function adminCreateUser(trigger: Trigger) {
  const ids = await messagePool(trigger)
  const { User } = await sdk.send(
    new AdminCreateUserCommand({
      UserPoolId: ids.poolId,
      Username: 'alice',
      TemporaryPassword: 'Temp-Pass-123',
      UserAttributes: [{ Name: ids.contact, Value: ids.value }],
      DesiredDeliveryMediums: [ids.m],
      ClientMetadata: METADATA,
    }),
  )
  const attributes = {
    sub: subOf(User!.Attributes),
    [ids.contact]: ids.value,
    'cognito:user_status': 'FORCE_CHANGE_PASSWORD',
  }
  const signIn = async (password: string) =>
    expect((await passwordSignIn(sdk, ids.clientId, 'alice', password)).ChallengeName).toBe(
      'NEW_PASSWORD_REQUIRED',
    )
  return { ...ids, attributes, signIn }
}

async function verifiedUser(trigger: Trigger, verified = true) {
  const ids = await messagePool(trigger)
  const user = await createUser(sdk, ids.poolId, 'alice', {
    attributes: { [ids.contact]: ids.value, ...(verified ? { [`${ids.contact}_verified`]: 'true' } : {}) },
  })
  return { ...ids, sub: subOf(user.Attributes) }
}

async function forgotPassword(trigger: Trigger) {
  const ids = await verifiedUser(trigger)
  received.length = 0
  await sdk.send(
    new ForgotPasswordCommand({ ClientId: ids.clientId, Username: 'alice', ClientMetadata: METADATA }),
  )
  const attributes = {
    sub: ids.sub,
    [ids.contact]: ids.value,
    [`${ids.contact}_verified`]: 'true',
    'cognito:user_status': 'CONFIRMED',
  }
  const reset = async (code: string) => {
    await sdk.send(
      new ConfirmForgotPasswordCommand({
        ClientId: ids.clientId,
        Username: 'alice',
        ConfirmationCode: code,
        Password: 'Another-Pass-2',
      }),
    )
    await passwordSignIn(sdk, ids.clientId, 'alice', 'Another-Pass-2')
  }
  return { ...ids, attributes, reset }
}

async function updateUserAttribute(trigger: Trigger) {
  const ids = await verifiedUser(trigger)
  const { AuthenticationResult } = await passwordSignIn(sdk, ids.clientId, 'alice')
  received.length = 0
  await sdk.send(
    new AdminUpdateUserAttributesCommand({
      UserPoolId: ids.poolId,
      Username: 'alice',
      UserAttributes: [{ Name: ids.contact, Value: NEW_VALUE[ids.m] }],
      ClientMetadata: METADATA,
    }),
  )
  const attributes = {
    sub: ids.sub,
    [ids.contact]: NEW_VALUE[ids.m],
    [`${ids.contact}_verified`]: 'false',
    'cognito:user_status': 'CONFIRMED',
  }
  return { ...ids, attributes, verify: verifier(ids, AuthenticationResult!.AccessToken!) }
}

const verifier = (ids: { poolId: string; contact: string }, AccessToken: string) => async (code: string) => {
  await sdk.send(new VerifyUserAttributeCommand({ AccessToken, AttributeName: ids.contact, Code: code }))
  const user = await sdk.send(new AdminGetUserCommand({ UserPoolId: ids.poolId, Username: 'alice' }))
  expect(user.UserAttributes).toContainEqual({ Name: `${ids.contact}_verified`, Value: 'true' })
}

async function verifyUserAttribute(trigger: Trigger) {
  const ids = await verifiedUser(trigger, false)
  const { AuthenticationResult } = await passwordSignIn(sdk, ids.clientId, 'alice')
  const AccessToken = AuthenticationResult!.AccessToken!
  received.length = 0
  await sdk.send(
    new GetUserAttributeVerificationCodeCommand({
      AccessToken,
      AttributeName: ids.contact,
      ClientMetadata: METADATA,
    }),
  )
  const attributes = { sub: ids.sub, [ids.contact]: ids.value, 'cognito:user_status': 'CONFIRMED' }
  return { ...ids, attributes, verify: verifier(ids, AccessToken) }
}

/** An MFA sign-in code (EMAIL_OTP by email, SMS_MFA by SMS); InitiateAuth's ClientMetadata does not reach it. */
async function authentication(trigger: Trigger) {
  const ids = await verifiedUser(trigger)
  await sdk.send(
    new SetUserPoolMfaConfigCommand({
      UserPoolId: ids.poolId,
      MfaConfiguration: 'OPTIONAL',
      ...(ids.m === 'EMAIL'
        ? { EmailMfaConfiguration: {} }
        : { SmsMfaConfiguration: { SmsConfiguration: SNS } }),
    }),
  )
  await sdk.send(
    new AdminSetUserMFAPreferenceCommand({
      UserPoolId: ids.poolId,
      Username: 'alice',
      ...(ids.m === 'EMAIL'
        ? { EmailMfaSettings: { Enabled: true, PreferredMfa: true } }
        : { SMSMfaSettings: { Enabled: true, PreferredMfa: true } }),
    }),
  )
  received.length = 0
  const challenge = await sdk.send(
    new InitiateAuthCommand({
      ClientId: ids.clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: 'alice', PASSWORD },
      ClientMetadata: METADATA,
    }),
  )
  const name = ids.m === 'EMAIL' ? 'EMAIL_OTP' : 'SMS_MFA'
  expect(challenge.ChallengeName).toBe(name)
  const attributes = {
    sub: ids.sub,
    [ids.contact]: ids.value,
    [`${ids.contact}_verified`]: 'true',
    'cognito:user_status': 'CONFIRMED',
  }
  const answer = async (code: string) => {
    const done = await sdk.send(
      new RespondToAuthChallengeCommand({
        ClientId: ids.clientId,
        ChallengeName: name,
        Session: challenge.Session,
        ChallengeResponses: { USERNAME: 'alice', [`${name}_CODE`]: code },
      }),
    )
    expect(done.AuthenticationResult?.AccessToken).toEqual(expect.any(String))
  }
  return { ...ids, attributes, answer }
}

describe('CustomMessage: every source, its whole event, and its text in the outbox', () => {
  it('CustomMessage_AdminCreateUser: an invitation with {username} and the temporary password', async () => {
    const run = await adminCreateUser('CustomMessage')
    expect(received).toEqual([
      {
        ...eventBase(run.poolId, NO_CLIENT),
        triggerSource: 'CustomMessage_AdminCreateUser',
        request: messageRequest(run.attributes, true),
        response: MESSAGE_RESPONSE,
      },
    ])
    expectCustomText('EMAIL', 'AdminCreateUser')
    await run.signIn(lastMessage().secret)
  })

  it('CustomMessage_ResendCode: a new sign-up code', async () => {
    const run = await resendCode('CustomMessage')
    expect(received).toEqual([
      {
        ...eventBase(run.poolId, run.clientId),
        triggerSource: 'CustomMessage_ResendCode',
        request: messageRequest(run.attributes),
        response: MESSAGE_RESPONSE,
      },
    ])
    expectCustomText('EMAIL', 'ResendCode')
    await run.confirm(lastMessage().secret)
  })

  it('CustomMessage_ForgotPassword: a password-reset code', async () => {
    const run = await forgotPassword('CustomMessage')
    expect(received).toEqual([
      {
        ...eventBase(run.poolId, run.clientId),
        triggerSource: 'CustomMessage_ForgotPassword',
        request: messageRequest(run.attributes),
        response: MESSAGE_RESPONSE,
      },
    ])
    expectCustomText('EMAIL', 'ForgotPassword')
    await run.reset(lastMessage().secret)
  })

  it('CustomMessage_UpdateUserAttribute: the code for a changed email', async () => {
    const run = await updateUserAttribute('CustomMessage')
    expect(received).toEqual([
      {
        ...eventBase(run.poolId, NO_CLIENT),
        triggerSource: 'CustomMessage_UpdateUserAttribute',
        request: messageRequest(run.attributes),
        response: MESSAGE_RESPONSE,
      },
    ])
    expectCustomText('EMAIL', 'UpdateUserAttribute')
    await run.verify(lastMessage().secret)
  })

  it('CustomMessage_VerifyUserAttribute: the code GetUserAttributeVerificationCode sends', async () => {
    const run = await verifyUserAttribute('CustomMessage')
    expect(received).toEqual([
      {
        ...eventBase(run.poolId, run.clientId),
        triggerSource: 'CustomMessage_VerifyUserAttribute',
        request: messageRequest(run.attributes),
        response: MESSAGE_RESPONSE,
      },
    ])
    expectCustomText('EMAIL', 'VerifyUserAttribute')
    await run.verify(lastMessage().secret)
  })
})

describe('CustomEmailSender: every source hands the code over', () => {
  const sent = (code: string, attributes: Record<string, string>, metadata = true) =>
    senderRequest('EMAIL', code, attributes, metadata)

  it('CustomEmailSender_AdminCreateUser: the temporary password', async () => {
    const run = await adminCreateUser('CustomEmailSender')
    const { secret } = lastMessage()
    expect(received).toEqual([
      {
        ...eventBase(run.poolId, NO_CLIENT),
        triggerSource: 'CustomEmailSender_AdminCreateUser',
        request: sent(secret, run.attributes),
        response: {},
      },
    ])
    await run.signIn(secret)
  })

  it('CustomEmailSender_ResendCode: a new sign-up code', async () => {
    const run = await resendCode('CustomEmailSender')
    const { secret } = lastMessage()
    expect(received).toEqual([
      {
        ...eventBase(run.poolId, run.clientId),
        triggerSource: 'CustomEmailSender_ResendCode',
        request: sent(secret, run.attributes),
        response: {},
      },
    ])
    await run.confirm(secret)
  })

  it('CustomEmailSender_ForgotPassword: a password-reset code', async () => {
    const run = await forgotPassword('CustomEmailSender')
    const { secret } = lastMessage()
    expect(received).toEqual([
      {
        ...eventBase(run.poolId, run.clientId),
        triggerSource: 'CustomEmailSender_ForgotPassword',
        request: sent(secret, run.attributes),
        response: {},
      },
    ])
    await run.reset(secret)
  })

  it('CustomEmailSender_UpdateUserAttribute: the code for a changed email', async () => {
    const run = await updateUserAttribute('CustomEmailSender')
    const { secret } = lastMessage()
    expect(received).toEqual([
      {
        ...eventBase(run.poolId, NO_CLIENT),
        triggerSource: 'CustomEmailSender_UpdateUserAttribute',
        request: sent(secret, run.attributes),
        response: {},
      },
    ])
    await run.verify(secret)
  })

  it('CustomEmailSender_VerifyUserAttribute: the code GetUserAttributeVerificationCode sends', async () => {
    const run = await verifyUserAttribute('CustomEmailSender')
    const { secret } = lastMessage()
    expect(received).toEqual([
      {
        ...eventBase(run.poolId, run.clientId),
        triggerSource: 'CustomEmailSender_VerifyUserAttribute',
        request: sent(secret, run.attributes),
        response: {},
      },
    ])
    await run.verify(secret)
  })

  it('CustomEmailSender_Authentication: an EMAIL_OTP sign-in code, without InitiateAuth’s ClientMetadata', async () => {
    const run = await authentication('CustomEmailSender')
    const { secret } = lastMessage()
    expect(received).toEqual([
      {
        ...eventBase(run.poolId, run.clientId),
        triggerSource: 'CustomEmailSender_Authentication',
        request: sent(secret, run.attributes, false),
        response: {},
      },
    ])
    await run.answer(secret)
  })
})

describe('CustomSMSSender: every source hands the code over', () => {
  const sent = (code: string, attributes: Record<string, string>, metadata = true) =>
    senderRequest('SMS', code, attributes, metadata)

  it('CustomSMSSender_SignUp: the sign-up code', async () => {
    const run = await signUp('CustomSMSSender')
    const { secret } = lastMessage()
    expect(received).toEqual([
      {
        ...eventBase(run.poolId, run.clientId),
        triggerSource: 'CustomSMSSender_SignUp',
        request: sent(secret, run.attributes),
        response: {},
      },
    ])
    await run.confirm(secret)
  })

  it('CustomSMSSender_AdminCreateUser: the temporary password', async () => {
    const run = await adminCreateUser('CustomSMSSender')
    const { secret } = lastMessage()
    expect(received).toEqual([
      {
        ...eventBase(run.poolId, NO_CLIENT),
        triggerSource: 'CustomSMSSender_AdminCreateUser',
        request: sent(secret, run.attributes),
        response: {},
      },
    ])
    await run.signIn(secret)
  })

  it('CustomSMSSender_ResendCode: a new sign-up code', async () => {
    const run = await resendCode('CustomSMSSender')
    const { secret } = lastMessage()
    expect(received).toEqual([
      {
        ...eventBase(run.poolId, run.clientId),
        triggerSource: 'CustomSMSSender_ResendCode',
        request: sent(secret, run.attributes),
        response: {},
      },
    ])
    await run.confirm(secret)
  })

  it('CustomSMSSender_UpdateUserAttribute: the code for a changed phone number', async () => {
    const run = await updateUserAttribute('CustomSMSSender')
    const { secret } = lastMessage()
    expect(received).toEqual([
      {
        ...eventBase(run.poolId, NO_CLIENT),
        triggerSource: 'CustomSMSSender_UpdateUserAttribute',
        request: sent(secret, run.attributes),
        response: {},
      },
    ])
    await run.verify(secret)
  })

  it('CustomSMSSender_VerifyUserAttribute: the code GetUserAttributeVerificationCode sends', async () => {
    const run = await verifyUserAttribute('CustomSMSSender')
    const { secret } = lastMessage()
    expect(received).toEqual([
      {
        ...eventBase(run.poolId, run.clientId),
        triggerSource: 'CustomSMSSender_VerifyUserAttribute',
        request: sent(secret, run.attributes),
        response: {},
      },
    ])
    await run.verify(secret)
  })

  it('CustomSMSSender_Authentication: an SMS_MFA sign-in code, without InitiateAuth’s ClientMetadata', async () => {
    const run = await authentication('CustomSMSSender')
    const { secret } = lastMessage()
    expect(received).toEqual([
      {
        ...eventBase(run.poolId, run.clientId),
        triggerSource: 'CustomSMSSender_Authentication',
        request: sent(secret, run.attributes, false),
        response: {},
      },
    ])
    await run.answer(secret)
  })
})
