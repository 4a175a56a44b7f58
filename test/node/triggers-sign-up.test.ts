import {
  AdminConfirmSignUpCommand,
  AdminCreateUserCommand,
  AdminGetUserCommand,
  ConfirmForgotPasswordCommand,
  ConfirmSignUpCommand,
  ForgotPasswordCommand,
  ListUsersCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider'
import { afterEach, describe, expect, it } from 'vitest'
import { failure, PASSWORD, poolWithClient } from '../support/auth-fixtures.ts'
import { sdkClient, useCognito } from '../support/cognito.ts'
import { ARN, recordingFunctions } from '../support/trigger-recorder.ts'

const NAMES = ['pre-sign-up', 'post-confirmation', 'custom-message', 'email-sender', 'sms-sender']
const { received, behaviour, functions, clear } = recordingFunctions(NAMES)
const { cognito } = useCognito({ functions })
const sdk = sdkClient()
afterEach(() => {
  clear()
})

const LambdaConfig = {
  PreSignUp: ARN('pre-sign-up'),
  PostConfirmation: ARN('post-confirmation'),
  CustomMessage: ARN('custom-message'),
}
const pool = (lambda: Record<string, unknown> = LambdaConfig) =>
  poolWithClient(sdk, { LambdaConfig: lambda, AutoVerifiedAttributes: ['email'] })

const signUp = (clientId: string, username = 'alice') =>
  sdk.send(
    new SignUpCommand({
      ClientId: clientId,
      Username: username,
      Password: PASSWORD,
      UserAttributes: [{ Name: 'email', Value: 'alice@example.com' }],
      ValidationData: [{ Name: 'invite', Value: 'xyz' }],
      ClientMetadata: { source: 'web' },
    }),
  )

describe('PreSignUp', () => {
  it('receives the SignUp event with the attributes, ValidationData and ClientMetadata', async () => {
    const { poolId, clientId } = await pool({ PreSignUp: ARN('pre-sign-up') })
    await signUp(clientId)
    expect(received).toEqual([
      {
        version: '1',
        triggerSource: 'PreSignUp_SignUp',
        region: 'us-east-1',
        userPoolId: poolId,
        userName: 'alice',
        callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId },
        request: {
          userAttributes: { email: 'alice@example.com' },
          validationData: { invite: 'xyz' },
          clientMetadata: { source: 'web' },
        },
        response: { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false },
      },
    ])
  })

  it('confirms and verifies the user when the function sets autoConfirmUser and autoVerifyEmail', async () => {
    behaviour['pre-sign-up'] = async (event) => {
      event.response.autoConfirmUser = true
      event.response.autoVerifyEmail = true
      return event
    }
    const { poolId, clientId } = await pool({ PreSignUp: ARN('pre-sign-up') })
    const result = await signUp(clientId)
    expect(result.UserConfirmed).toBe(true)
    expect(result.CodeDeliveryDetails).toBeUndefined()
    const user = await sdk.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'alice' }))
    expect(user.UserStatus).toBe('CONFIRMED')
    expect(user.UserAttributes).toContainEqual({ Name: 'email_verified', Value: 'true' })
    expect(cognito.outbox).toEqual([])
  })

  it('rejects the sign-up with UserLambdaValidationException when the function throws, creating no user', async () => {
    behaviour['pre-sign-up'] = async () => {
      throw new Error('Invitation required')
    }
    const { poolId, clientId } = await pool({ PreSignUp: ARN('pre-sign-up') })
    expect(await failure(signUp(clientId))).toEqual({
      name: 'UserLambdaValidationException',
      message: 'PreSignUp failed with error Invitation required.',
    })
    const { Users } = await sdk.send(new ListUsersCommand({ UserPoolId: poolId }))
    expect(Users).toEqual([])
    expect(cognito.outbox).toEqual([])
  })

  it('answers InvalidLambdaResponseException when the function returns nothing usable', async () => {
    behaviour['pre-sign-up'] = async () => undefined
    const { clientId } = await pool({ PreSignUp: ARN('pre-sign-up') })
    expect(await failure(signUp(clientId))).toEqual({
      name: 'InvalidLambdaResponseException',
      message: 'Unrecognizable lambda output',
    })
  })

  it('accepts a callback-style handler', async () => {
    behaviour['pre-sign-up'] = (event, _context, callback) => {
      setTimeout(
        () => callback(null, { ...event, response: { ...event.response, autoConfirmUser: true } }),
        1,
      )
    }
    const { clientId } = await pool({ PreSignUp: ARN('pre-sign-up') })
    expect((await signUp(clientId)).UserConfirmed).toBe(true)
  })

  it('receives PreSignUp_AdminCreateUser with no app client', async () => {
    const { poolId } = await pool({ PreSignUp: ARN('pre-sign-up') })
    await sdk.send(
      new AdminCreateUserCommand({
        UserPoolId: poolId,
        Username: 'bob',
        UserAttributes: [{ Name: 'name', Value: 'Bob' }],
        MessageAction: 'SUPPRESS',
        ClientMetadata: { by: 'admin' },
      }),
    )
    expect(received).toEqual([
      {
        version: '1',
        triggerSource: 'PreSignUp_AdminCreateUser',
        region: 'us-east-1',
        userPoolId: poolId,
        userName: 'bob',
        callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: 'CLIENT_ID_NOT_APPLICABLE' },
        request: { userAttributes: { name: 'Bob' }, validationData: null, clientMetadata: { by: 'admin' } },
        response: { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false },
      },
    ])
  })
})

describe('PostConfirmation', () => {
  it('receives PostConfirmation_ConfirmSignUp with the confirmed user’s attributes', async () => {
    const { poolId, clientId } = await pool({ PostConfirmation: ARN('post-confirmation') })
    const { UserSub } = await signUp(clientId)
    const code = cognito.outbox[0]!.code!
    await sdk.send(
      new ConfirmSignUpCommand({
        ClientId: clientId,
        Username: 'alice',
        ConfirmationCode: code,
        ClientMetadata: { a: 'b' },
      }),
    )
    expect(received).toEqual([
      {
        version: '1',
        triggerSource: 'PostConfirmation_ConfirmSignUp',
        region: 'us-east-1',
        userPoolId: poolId,
        userName: 'alice',
        callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId },
        request: {
          userAttributes: {
            sub: UserSub,
            email: 'alice@example.com',
            email_verified: 'true',
            'cognito:user_status': 'CONFIRMED',
          },
          clientMetadata: { a: 'b' },
        },
        response: {},
      },
    ])
  })

  it('runs on AdminConfirmSignUp and on ConfirmForgotPassword; a failure fails the call but the user stays confirmed', async () => {
    const { poolId, clientId } = await pool({ PostConfirmation: ARN('post-confirmation') })
    const { UserSub } = await signUp(clientId)
    behaviour['post-confirmation'] = () => {
      throw new Error('db down')
    }
    expect(
      await failure(sdk.send(new AdminConfirmSignUpCommand({ UserPoolId: poolId, Username: 'alice' }))),
    ).toEqual({
      name: 'UserLambdaValidationException',
      message: 'PostConfirmation failed with error db down.',
    })
    const user = await sdk.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'alice' }))
    expect(user.UserStatus).toBe('CONFIRMED')
    clear()
    // verify the email so that a reset code can be sent
    const snap = cognito.snapshot()
    snap.pools[poolId]!.users.alice!.attributes.email_verified = 'true'
    cognito.restore(snap)
    await sdk.send(new ForgotPasswordCommand({ ClientId: clientId, Username: 'alice' }))
    const code = cognito.outbox.at(-1)!.code!
    received.length = 0
    await sdk.send(
      new ConfirmForgotPasswordCommand({
        ClientId: clientId,
        Username: 'alice',
        ConfirmationCode: code,
        Password: 'Another-Pass-2',
        ClientMetadata: { reset: 'yes' },
      }),
    )
    expect(received).toEqual([
      {
        version: '1',
        triggerSource: 'PostConfirmation_ConfirmForgotPassword',
        region: 'us-east-1',
        userPoolId: poolId,
        userName: 'alice',
        callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId },
        request: {
          userAttributes: {
            sub: UserSub,
            email: 'alice@example.com',
            email_verified: 'true',
            'cognito:user_status': 'CONFIRMED',
          },
          clientMetadata: { reset: 'yes' },
        },
        response: {},
      },
    ])
  })
})

describe('CustomMessage', () => {
  it('receives CustomMessage_SignUp and its subject and body land in the outbox with the code', async () => {
    behaviour['custom-message'] = async (event) => {
      event.response.emailSubject = 'Welcome!'
      event.response.emailMessage = `Hi ${event.request.userAttributes.email}, your code is ${event.request.codeParameter}`
      return event
    }
    const { poolId, clientId } = await pool({ CustomMessage: ARN('custom-message') })
    const { UserSub } = await signUp(clientId)
    expect(received).toEqual([
      {
        version: '1',
        triggerSource: 'CustomMessage_SignUp',
        region: 'us-east-1',
        userPoolId: poolId,
        userName: 'alice',
        callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId },
        request: {
          userAttributes: { sub: UserSub, email: 'alice@example.com', 'cognito:user_status': 'UNCONFIRMED' },
          codeParameter: '{####}',
          linkParameter: '{##Click Here##}',
          usernameParameter: null,
          clientMetadata: { source: 'web' },
        },
        response: { smsMessage: null, emailMessage: null, emailSubject: null },
      },
    ])
    const [message] = cognito.outbox
    expect(message).toMatchObject({ reason: 'SignUp', subject: 'Welcome!' })
    expect(message!.message).toBe(`Hi alice@example.com, your code is ${message!.code}`)
  })

  it('gets {username} in CustomMessage_AdminCreateUser and replaces it and {####} with the temporary password', async () => {
    behaviour['custom-message'] = (event) => ({
      ...event,
      response: {
        ...event.response,
        emailMessage: `User ${event.request.usernameParameter} / ${event.request.codeParameter}`,
      },
    })
    const { poolId } = await pool({ CustomMessage: ARN('custom-message') })
    await sdk.send(
      new AdminCreateUserCommand({
        UserPoolId: poolId,
        Username: 'carol',
        TemporaryPassword: 'Temp-Pass-123',
        UserAttributes: [{ Name: 'email', Value: 'carol@example.com' }],
        DesiredDeliveryMediums: ['EMAIL'],
      }),
    )
    expect(received[0]).toMatchObject({
      triggerSource: 'CustomMessage_AdminCreateUser',
      request: { usernameParameter: '{username}', codeParameter: '{####}' },
    })
    expect(cognito.outbox[0]!.message).toBe('User carol / Temp-Pass-123')
  })

  it('rejects a message without the code placeholder with InvalidLambdaResponseException', async () => {
    behaviour['custom-message'] = (event) => ({
      ...event,
      response: { ...event.response, emailMessage: 'no code' },
    })
    const { clientId } = await pool({ CustomMessage: ARN('custom-message') })
    expect(await failure(signUp(clientId))).toEqual({
      name: 'InvalidLambdaResponseException',
      message: 'Unrecognizable lambda output',
    })
  })

  it('uses the ForgotPassword source for a reset code', async () => {
    const { poolId, clientId } = await pool({ CustomMessage: ARN('custom-message') })
    await signUp(clientId)
    const snap = cognito.snapshot()
    snap.pools[poolId]!.users.alice!.attributes.email_verified = 'true'
    cognito.restore(snap)
    received.length = 0
    await sdk.send(new ForgotPasswordCommand({ ClientId: clientId, Username: 'alice' }))
    expect(received).toMatchObject([{ triggerSource: 'CustomMessage_ForgotPassword' }])
  })
})

describe('CustomEmailSender', () => {
  it('hands the code to the function (as is: no KMS here)', async () => {
    const { poolId, clientId } = await pool({
      CustomEmailSender: { LambdaVersion: 'V1_0', LambdaArn: ARN('email-sender') },
      KMSKeyID: 'arn:aws:kms:us-east-1:123456789012:key/abcd',
    })
    const { UserSub } = await signUp(clientId)
    const code = cognito.outbox[0]!.code
    expect(received).toEqual([
      {
        version: '1',
        triggerSource: 'CustomEmailSender_SignUp',
        region: 'us-east-1',
        userPoolId: poolId,
        userName: 'alice',
        callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId },
        request: {
          type: 'customEmailSenderRequestV1',
          code,
          userAttributes: { sub: UserSub, email: 'alice@example.com', 'cognito:user_status': 'UNCONFIRMED' },
          clientMetadata: { source: 'web' },
        },
        response: {},
      },
    ])
  })
})

describe('trigger errors', () => {
  it('fails as a deleted function does when the ARN has no function', async () => {
    const { clientId } = await pool({ PreSignUp: ARN('missing') })
    expect(await failure(signUp(clientId))).toEqual({
      name: 'UnexpectedLambdaException',
      message: 'PreSignUp invocation failed due to error ResourceNotFoundException.',
    })
  })

  it('gives up after Cognito’s 5 seconds with UnexpectedLambdaException', { timeout: 10_000 }, async () => {
    behaviour['pre-sign-up'] = () => new Promise(() => {})
    const { poolId, clientId } = await pool({ PreSignUp: ARN('pre-sign-up') })
    expect(await failure(signUp(clientId))).toEqual({
      name: 'UnexpectedLambdaException',
      message: 'PreSignUp invocation failed due to error Socket timeout while invoking Lambda function.',
    })
    const { Users } = await sdk.send(new ListUsersCommand({ UserPoolId: poolId }))
    expect(Users).toEqual([])
  })
})
