import {
  AdminGetUserCommand,
  AdminInitiateAuthCommand,
  AdminSetUserMFAPreferenceCommand,
  AdminUpdateUserAttributesCommand,
  ForgotPasswordCommand,
  GetUserAttributeVerificationCodeCommand,
  InitiateAuthCommand,
  ListUsersCommand,
  ResendConfirmationCodeCommand,
  RespondToAuthChallengeCommand,
  SetUserPoolMfaConfigCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider'
import { afterEach, describe, expect, it } from 'vitest'
import type { TriggerHandler } from '../../src/index.ts'
import {
  claims,
  createUser,
  failure,
  PASSWORD,
  passwordSignIn,
  poolWithClient,
} from '../support/auth-fixtures.ts'
import { sdkClient, useCognito } from '../support/cognito.ts'
import { ARN, recordingFunctions } from '../support/trigger-recorder.ts'

const NAMES = ['pre-auth', 'post-auth', 'migrate', 'custom-message', 'sms-sender', 'pre-token']
const { received, behaviour, functions, clear } = recordingFunctions(NAMES)
const { cognito } = useCognito({ functions })
const sdk = sdkClient()
afterEach(() => {
  clear()
})

const ADMIN_FLOWS = ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH']
const pool = (LambdaConfig: Record<string, unknown>, extra: Record<string, unknown> = {}, client = {}) =>
  poolWithClient(sdk, { LambdaConfig, ...extra }, { ExplicitAuthFlows: ADMIN_FLOWS, ...client } as never)
/** InitiateAuth USER_SRP_AUTH: its first step is where PreAuthentication runs. */
const srpStart = (clientId: string, username: string) =>
  sdk.send(
    new InitiateAuthCommand({
      ClientId: clientId,
      AuthFlow: 'USER_SRP_AUTH',
      AuthParameters: { USERNAME: username, SRP_A: 'abcdef0123456789' },
    }),
  )
const SES = {
  EmailSendingAccount: 'DEVELOPER' as const,
  SourceArn: 'arn:aws:ses:us-east-1:123456789012:identity/no-reply@example.com',
  From: 'no-reply@example.com',
}
const common = (poolId: string, clientId: string) => ({
  version: '1',
  region: 'us-east-1',
  userPoolId: poolId,
  callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId },
})

describe('PreAuthentication', () => {
  it('receives the user’s attributes and the ClientMetadata of InitiateAuth as validationData', async () => {
    const { poolId, clientId } = await pool({ PreAuthentication: ARN('pre-auth') })
    const user = await createUser(sdk, poolId, 'alice', { attributes: { email: 'alice@example.com' } })
    const sub = user.Attributes!.find((a) => a.Name === 'sub')!.Value
    await sdk.send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: 'alice', PASSWORD },
        ClientMetadata: { app: 'web' },
      }),
    )
    expect(received).toEqual([
      {
        ...common(poolId, clientId),
        triggerSource: 'PreAuthentication_Authentication',
        userName: 'alice',
        request: {
          userAttributes: { sub, email: 'alice@example.com', 'cognito:user_status': 'CONFIRMED' },
          validationData: { app: 'web' },
        },
        response: {},
      },
    ])
  })

  it('rejects the sign-in with UserLambdaValidationException when the function throws, even with the right password', async () => {
    behaviour['pre-auth'] = () => {
      throw new Error('Sign-in blocked')
    }
    const { poolId, clientId } = await pool({ PreAuthentication: ARN('pre-auth') })
    await createUser(sdk, poolId, 'alice')
    const refused = {
      name: 'UserLambdaValidationException',
      message: 'PreAuthentication failed with error Sign-in blocked.',
    }
    expect(await failure(passwordSignIn(sdk, clientId, 'alice'))).toEqual(refused)
    expect(await failure(passwordSignIn(sdk, clientId, 'alice', 'Wrong-Pass-1'))).toEqual(refused)
    expect(
      await failure(
        sdk.send(
          new AdminInitiateAuthCommand({
            UserPoolId: poolId,
            ClientId: clientId,
            AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
            AuthParameters: { USERNAME: 'alice', PASSWORD },
          }),
        ),
      ),
    ).toEqual(refused)
    expect(await failure(srpStart(clientId, 'alice'))).toEqual(refused)
  })

  it('runs for an unknown user only where the client prevents user existence errors, with userNotFound', async () => {
    const legacy = await pool({ PreAuthentication: ARN('pre-auth') })
    expect((await failure(passwordSignIn(sdk, legacy.clientId, 'nobody'))).name).toBe('UserNotFoundException')
    expect(received).toEqual([])

    const { poolId, clientId } = await pool(
      { PreAuthentication: ARN('pre-auth') },
      {},
      { PreventUserExistenceErrors: 'ENABLED' },
    )
    expect(await failure(passwordSignIn(sdk, clientId, 'nobody'))).toEqual({
      name: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    })
    await createUser(sdk, poolId, 'alice')
    await passwordSignIn(sdk, clientId, 'alice')
    expect(received).toMatchObject([
      { userName: 'nobody', request: { userAttributes: {}, userNotFound: true } },
      { userName: 'alice', request: { userNotFound: false } },
    ])
  })
})

describe('PostAuthentication', () => {
  it('runs after the password with newDeviceUsed, and without ClientMetadata on InitiateAuth', async () => {
    const { poolId, clientId } = await pool({ PostAuthentication: ARN('post-auth') })
    const user = await createUser(sdk, poolId, 'alice')
    const sub = user.Attributes!.find((a) => a.Name === 'sub')!.Value
    await sdk.send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: 'alice', PASSWORD },
        ClientMetadata: { app: 'web' },
      }),
    )
    expect(received).toEqual([
      {
        ...common(poolId, clientId),
        triggerSource: 'PostAuthentication_Authentication',
        userName: 'alice',
        request: {
          userAttributes: { sub, 'cognito:user_status': 'CONFIRMED' },
          newDeviceUsed: false,
        },
        response: {},
      },
    ])
  })

  it('runs once MFA is answered, with the ClientMetadata of RespondToAuthChallenge, and says when a new device is tracked', async () => {
    const { poolId, clientId } = await pool(
      { PostAuthentication: ARN('post-auth') },
      {
        DeviceConfiguration: { ChallengeRequiredOnNewDevice: false, DeviceOnlyRememberedOnUserPrompt: true },
        EmailConfiguration: SES,
      },
    )
    await createUser(sdk, poolId, 'alice', {
      attributes: { email: 'alice@example.com', email_verified: 'true' },
    })
    await sdk.send(
      new SetUserPoolMfaConfigCommand({
        UserPoolId: poolId,
        MfaConfiguration: 'OPTIONAL',
        EmailMfaConfiguration: {},
      }),
    )
    await sdk.send(
      new AdminSetUserMFAPreferenceCommand({
        UserPoolId: poolId,
        Username: 'alice',
        EmailMfaSettings: { Enabled: true, PreferredMfa: true },
      }),
    )
    const challenge = await passwordSignIn(sdk, clientId, 'alice')
    expect(challenge.ChallengeName).toBe('EMAIL_OTP')
    expect(received).toEqual([])
    const done = await sdk.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: 'EMAIL_OTP',
        Session: challenge.Session,
        ChallengeResponses: { USERNAME: 'alice', EMAIL_OTP_CODE: cognito.outbox.at(-1)!.code! },
        ClientMetadata: { step: 'mfa' },
      }),
    )
    expect(done.AuthenticationResult?.NewDeviceMetadata).toBeDefined()
    expect(received).toMatchObject([
      {
        triggerSource: 'PostAuthentication_Authentication',
        request: { newDeviceUsed: true, clientMetadata: { step: 'mfa' } },
      },
    ])
  })

  it('refuses the sign-in (no tokens) when the function throws', async () => {
    behaviour['post-auth'] = () => {
      throw new Error('audit log down')
    }
    const { poolId, clientId } = await pool({ PostAuthentication: ARN('post-auth') })
    await createUser(sdk, poolId, 'alice')
    expect(await failure(passwordSignIn(sdk, clientId, 'alice'))).toEqual({
      name: 'UserLambdaValidationException',
      message: 'PostAuthentication failed with error audit log down.',
    })
  })
})

describe('UserMigration', () => {
  const migrating: TriggerHandler = async (event) => {
    if (event.request.password !== 'Legacy-Pass-1') throw new Error('Bad password')
    event.response.userAttributes = { email: 'legacy@example.com', email_verified: 'true' }
    event.response.finalUserStatus = 'CONFIRMED'
    event.response.messageAction = 'SUPPRESS'
    return event
  }

  it('creates an unknown user from UserMigration_Authentication with the password given, and signs it in', async () => {
    behaviour.migrate = migrating
    const { poolId, clientId } = await pool({ UserMigration: ARN('migrate') })
    const result = await sdk.send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: 'legacy', PASSWORD: 'Legacy-Pass-1' },
        ClientMetadata: { from: 'old-system' },
      }),
    )
    expect(claims(result.AuthenticationResult?.IdToken)).toMatchObject({
      'cognito:username': 'legacy',
      email: 'legacy@example.com',
    })
    expect(received).toEqual([
      {
        ...common(poolId, clientId),
        triggerSource: 'UserMigration_Authentication',
        userName: 'legacy',
        request: { password: 'Legacy-Pass-1', validationData: { from: 'old-system' } },
        response: {},
      },
    ])
    const user = await sdk.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'legacy' }))
    expect(user.UserStatus).toBe('CONFIRMED')
    expect(user.UserAttributes).toContainEqual({ Name: 'email', Value: 'legacy@example.com' })
    received.length = 0
    // The password it signed in with is now the user's own; the trigger is not asked again.
    await passwordSignIn(sdk, clientId, 'legacy', 'Legacy-Pass-1')
    expect(received).toEqual([])
  })

  it('runs for ADMIN_USER_PASSWORD_AUTH; RESET_REQUIRED asks for a password reset', async () => {
    behaviour.migrate = async (event) => ({
      ...event,
      response: { userAttributes: { email: 'a@example.com' }, finalUserStatus: 'RESET_REQUIRED' },
    })
    const { poolId, clientId } = await pool({ UserMigration: ARN('migrate') })
    expect(
      await failure(
        sdk.send(
          new AdminInitiateAuthCommand({
            UserPoolId: poolId,
            ClientId: clientId,
            AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
            AuthParameters: { USERNAME: 'old', PASSWORD: 'Legacy-Pass-1' },
          }),
        ),
      ),
    ).toEqual({ name: 'PasswordResetRequiredException', message: 'Password reset required for the user' })
    const user = await sdk.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'old' }))
    expect(user.UserStatus).toBe('RESET_REQUIRED')
    expect(received).toMatchObject([
      { triggerSource: 'UserMigration_Authentication', callerContext: { clientId } },
    ])
  })

  it('creates no user when the function throws, and answers UserLambdaValidationException', async () => {
    behaviour.migrate = migrating
    const { poolId, clientId } = await pool({ UserMigration: ARN('migrate') })
    expect(await failure(passwordSignIn(sdk, clientId, 'legacy', 'Wrong-Pass-1'))).toEqual({
      name: 'UserLambdaValidationException',
      message: 'UserMigration failed with error Bad password.',
    })
    expect((await sdk.send(new ListUsersCommand({ UserPoolId: poolId }))).Users).toEqual([])
  })

  it('is not asked by USER_SRP_AUTH, which cannot pass the password', async () => {
    behaviour.migrate = migrating
    const { clientId } = await pool({ UserMigration: ARN('migrate') })
    expect((await failure(srpStart(clientId, 'legacy'))).name).toBe('UserNotFoundException')
    expect(received).toEqual([])
  })

  it('runs UserMigration_ForgotPassword without a password, and the migrated user gets the reset code', async () => {
    behaviour.migrate = async (event) => ({
      ...event,
      response: { userAttributes: { email: 'legacy@example.com', email_verified: 'true' } },
    })
    const { poolId, clientId } = await pool({ UserMigration: ARN('migrate') })
    const { CodeDeliveryDetails } = await sdk.send(
      new ForgotPasswordCommand({ ClientId: clientId, Username: 'legacy', ClientMetadata: { a: 'b' } }),
    )
    expect(CodeDeliveryDetails).toEqual({
      AttributeName: 'email',
      DeliveryMedium: 'EMAIL',
      Destination: 'l***@e***',
    })
    expect(received).toEqual([
      {
        ...common(poolId, clientId),
        triggerSource: 'UserMigration_ForgotPassword',
        userName: 'legacy',
        request: { clientMetadata: { a: 'b' } },
        response: {},
      },
    ])
    const user = await sdk.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'legacy' }))
    expect(user.UserStatus).toBe('RESET_REQUIRED')
    expect(cognito.outbox.at(-1)).toMatchObject({ username: 'legacy', reason: 'ForgotPassword' })
  })

  it('refuses an alias another user has verified unless forceAliasCreation', async () => {
    const { poolId, clientId } = await pool({ UserMigration: ARN('migrate') }, { AliasAttributes: ['email'] })
    await createUser(sdk, poolId, 'holder', {
      attributes: { email: 'legacy@example.com', email_verified: 'true' },
    })
    behaviour.migrate = migrating
    expect(await failure(passwordSignIn(sdk, clientId, 'newcomer', 'Legacy-Pass-1'))).toEqual({
      name: 'AliasExistsException',
      message: 'An account with the email already exists.',
    })
    behaviour.migrate = async (event) => {
      const migrated = (await migrating(event, {} as never, () => undefined)) as typeof event
      migrated.response.forceAliasCreation = true
      return migrated
    }
    await passwordSignIn(sdk, clientId, 'newcomer', 'Legacy-Pass-1')
    const holder = await sdk.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'holder' }))
    expect(holder.UserAttributes).toContainEqual({ Name: 'email_verified', Value: 'false' })
  })
})

describe('PreTokenGeneration sources', () => {
  it('tells TokenGeneration_NewPasswordChallenge, _Authentication and _RefreshTokens apart, each changing its tokens', async () => {
    behaviour['pre-token'] = async (event) => {
      event.response.claimsOverrideDetails = { claimsToAddOrOverride: { source: event.triggerSource } }
      return event
    }
    const { poolId, clientId } = await pool(
      { PreTokenGeneration: ARN('pre-token') },
      {},
      { ExplicitAuthFlows: [...ADMIN_FLOWS, 'ALLOW_REFRESH_TOKEN_AUTH'] },
    )
    const user = await createUser(sdk, poolId, 'invited', { permanent: false })
    const challenge = await passwordSignIn(sdk, clientId, 'invited')
    const changed = await sdk.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: 'NEW_PASSWORD_REQUIRED',
        Session: challenge.Session,
        ChallengeResponses: { USERNAME: 'invited', NEW_PASSWORD: 'Brand-New-Pass-2' },
        ClientMetadata: { step: 'new-password' },
      }),
    )
    const signedIn = await passwordSignIn(sdk, clientId, 'invited', 'Brand-New-Pass-2')
    const refreshed = await sdk.send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        AuthParameters: { REFRESH_TOKEN: signedIn.AuthenticationResult!.RefreshToken! },
        ClientMetadata: { not: 'forwarded' },
      }),
    )
    const event = {
      ...common(poolId, clientId),
      userName: 'invited',
      response: { claimsOverrideDetails: null },
    }
    const request = {
      userAttributes: {
        sub: user.Attributes!.find((a) => a.Name === 'sub')!.Value,
        'cognito:user_status': 'CONFIRMED',
      },
      groupConfiguration: { groupsToOverride: [], iamRolesToOverride: [], preferredRole: null },
    }
    expect(received).toEqual([
      {
        ...event,
        triggerSource: 'TokenGeneration_NewPasswordChallenge',
        request: { ...request, clientMetadata: { step: 'new-password' } },
        response: { claimsOverrideDetails: null },
      },
      {
        ...event,
        triggerSource: 'TokenGeneration_Authentication',
        request,
        response: { claimsOverrideDetails: null },
      },
      {
        ...event,
        triggerSource: 'TokenGeneration_RefreshTokens',
        request,
        response: { claimsOverrideDetails: null },
      },
    ])
    expect([changed, signedIn, refreshed].map((r) => claims(r.AuthenticationResult?.IdToken).source)).toEqual(
      [
        'TokenGeneration_NewPasswordChallenge',
        'TokenGeneration_Authentication',
        'TokenGeneration_RefreshTokens',
      ],
    )
  })

  it('sends the V3_0 event (version "3", claimsAndScopeOverrideDetails) and applies it to both tokens', async () => {
    behaviour['pre-token'] = async (event) => {
      event.response.claimsAndScopeOverrideDetails = {
        idTokenGeneration: { claimsToAddOrOverride: { plan: 'pro' } },
        accessTokenGeneration: { claimsToAddOrOverride: { tenant: 't-1' }, scopesToAdd: ['api/read'] },
      }
      return event
    }
    const { poolId, clientId } = await pool({
      PreTokenGenerationConfig: { LambdaVersion: 'V3_0', LambdaArn: ARN('pre-token') },
    })
    const user = await createUser(sdk, poolId, 'alice')
    const sub = user.Attributes!.find((a) => a.Name === 'sub')!.Value
    const { AuthenticationResult } = await passwordSignIn(sdk, clientId, 'alice')
    expect(received).toEqual([
      {
        ...common(poolId, clientId),
        version: '3',
        triggerSource: 'TokenGeneration_Authentication',
        userName: 'alice',
        request: {
          userAttributes: { sub, 'cognito:user_status': 'CONFIRMED' },
          groupConfiguration: { groupsToOverride: [], iamRolesToOverride: [], preferredRole: null },
          scopes: ['aws.cognito.signin.user.admin'],
        },
        response: { claimsAndScopeOverrideDetails: null },
      },
    ])
    expect(claims(AuthenticationResult?.IdToken).plan).toBe('pro')
    const access = claims(AuthenticationResult?.AccessToken)
    expect(access.tenant).toBe('t-1')
    expect(access.scope).toBe('aws.cognito.signin.user.admin api/read')
  })
})

describe('message triggers of sign-in and attribute codes', () => {
  const mfaPool = async (LambdaConfig: Record<string, unknown>) => {
    const ids = await pool(LambdaConfig, { EmailConfiguration: SES })
    await sdk.send(
      new SetUserPoolMfaConfigCommand({
        UserPoolId: ids.poolId,
        MfaConfiguration: 'OPTIONAL',
        EmailMfaConfiguration: {},
      }),
    )
    const user = await createUser(sdk, ids.poolId, 'alice', {
      attributes: { email: 'alice@example.com', email_verified: 'true' },
    })
    await sdk.send(
      new AdminSetUserMFAPreferenceCommand({
        UserPoolId: ids.poolId,
        Username: 'alice',
        EmailMfaSettings: { Enabled: true, PreferredMfa: true },
      }),
    )
    return { ...ids, sub: user.Attributes!.find((a) => a.Name === 'sub')!.Value }
  }

  it('sends an MFA code through CustomMessage_Authentication, whose body lands in the outbox', async () => {
    behaviour['custom-message'] = async (event) => {
      event.response.emailSubject = 'Sign-in code'
      event.response.emailMessage = `Code: ${event.request.codeParameter}`
      return event
    }
    const { poolId, clientId, sub } = await mfaPool({ CustomMessage: ARN('custom-message') })
    await passwordSignIn(sdk, clientId, 'alice')
    expect(received).toEqual([
      {
        ...common(poolId, clientId),
        triggerSource: 'CustomMessage_Authentication',
        userName: 'alice',
        request: {
          userAttributes: {
            sub,
            email: 'alice@example.com',
            email_verified: 'true',
            'cognito:user_status': 'CONFIRMED',
          },
          codeParameter: '{####}',
          linkParameter: '{##Click Here##}',
          usernameParameter: null,
        },
        response: { smsMessage: null, emailMessage: null, emailSubject: null },
      },
    ])
    const message = cognito.outbox.at(-1)!
    expect(message).toMatchObject({ reason: 'EMAIL_OTP', subject: 'Sign-in code' })
    expect(message.message).toBe(`Code: ${message.code}`)
  })

  it('uses CustomMessage_UpdateUserAttribute for the code of a changed email', async () => {
    const { poolId } = await pool(
      { CustomMessage: ARN('custom-message') },
      { AutoVerifiedAttributes: ['email'] },
    )
    await createUser(sdk, poolId, 'alice', {
      attributes: { email: 'alice@example.com', email_verified: 'true' },
    })
    await sdk.send(
      new AdminUpdateUserAttributesCommand({
        UserPoolId: poolId,
        Username: 'alice',
        UserAttributes: [{ Name: 'email', Value: 'new@example.com' }],
      }),
    )
    expect(received.map((e) => e.triggerSource)).toEqual(['CustomMessage_UpdateUserAttribute'])
  })

  it('uses CustomMessage_ResendCode and CustomMessage_VerifyUserAttribute for those codes', async () => {
    const { poolId, clientId } = await pool(
      { CustomMessage: ARN('custom-message') },
      { AutoVerifiedAttributes: ['email'] },
    )
    await sdk.send(
      new SignUpCommand({
        ClientId: clientId,
        Username: 'carol',
        Password: PASSWORD,
        UserAttributes: [{ Name: 'email', Value: 'carol@example.com' }],
      }),
    )
    await sdk.send(new ResendConfirmationCodeCommand({ ClientId: clientId, Username: 'carol' }))
    await createUser(sdk, poolId, 'dave', { attributes: { email: 'dave@example.com' } })
    const { AuthenticationResult } = await passwordSignIn(sdk, clientId, 'dave')
    await sdk.send(
      new GetUserAttributeVerificationCodeCommand({
        AccessToken: AuthenticationResult!.AccessToken!,
        AttributeName: 'email',
      }),
    )
    expect(received.map((e) => [e.triggerSource, e.userName])).toEqual([
      ['CustomMessage_SignUp', 'carol'],
      ['CustomMessage_ResendCode', 'carol'],
      ['CustomMessage_VerifyUserAttribute', 'dave'],
    ])
  })

  it('hands an SMS code to CustomSMSSender', async () => {
    const { poolId, clientId } = await pool(
      { CustomSMSSender: { LambdaVersion: 'V1_0', LambdaArn: ARN('sms-sender') } },
      { AutoVerifiedAttributes: ['phone_number'] },
    )
    const user = await createUser(sdk, poolId, 'bob', { attributes: { phone_number: '+15555550100' } })
    const sub = user.Attributes!.find((a) => a.Name === 'sub')!.Value
    await sdk.send(new ForgotPasswordCommand({ ClientId: clientId, Username: 'bob' })).catch(() => undefined)
    received.length = 0
    const snapshot = cognito.snapshot()
    snapshot.pools[poolId]!.users.bob!.attributes.phone_number_verified = 'true'
    cognito.restore(snapshot)
    await sdk.send(new ForgotPasswordCommand({ ClientId: clientId, Username: 'bob' }))
    const code = cognito.outbox.at(-1)!.code
    expect(received).toEqual([
      {
        ...common(poolId, clientId),
        triggerSource: 'CustomSMSSender_ForgotPassword',
        userName: 'bob',
        request: {
          type: 'customSMSSenderRequestV1',
          code,
          userAttributes: {
            sub,
            phone_number: '+15555550100',
            phone_number_verified: 'true',
            'cognito:user_status': 'CONFIRMED',
          },
        },
        response: {},
      },
    ])
  })
})
