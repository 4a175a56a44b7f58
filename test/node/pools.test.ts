import {
  AddCustomAttributesCommand,
  AdminCreateUserCommand,
  type CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DeleteUserPoolCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  ListUserPoolsCommand,
  UpdateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider'
import { describe, expect, it } from 'vitest'
import { STANDARD_ATTRIBUTES } from '../../src/core/schema-attributes.ts'
import { failure } from '../support/auth-fixtures.ts'
import { ENDPOINTS, sdkClient, useCognito } from '../support/cognito.ts'

const { clock } = useCognito()

const invalid = (message: string) => ({ name: 'InvalidParameterException', message })
const UNKNOWN = 'us-east-1_AAAAAAAAA'
const poolNotFound = { name: 'ResourceNotFoundException', message: `User pool ${UNKNOWN} does not exist.` }

const createPool = (sdk: CognitoIdentityProviderClient, input: Record<string, unknown> = {}) =>
  sdk.send(new CreateUserPoolCommand({ PoolName: 'pool', ...input })).then((r) => r.UserPool!)

const describePool = (sdk: CognitoIdentityProviderClient, UserPoolId: string) =>
  sdk.send(new DescribeUserPoolCommand({ UserPoolId })).then((r) => r.UserPool!)

const attribute = (pool: { SchemaAttributes?: { Name?: string }[] }, name: string) =>
  pool.SchemaAttributes!.find((a) => a.Name === name)

describe.each(ENDPOINTS)('through %s', (_, endpoint) => {
  const sdk = sdkClient(endpoint)

  describe('CreateUserPool', () => {
    it('fills every default AWS fills for a pool created with only a name', async () => {
      const before = Math.floor(Date.now() / 1000)
      const pool = await createPool(sdk, { PoolName: 'only-a-name' })
      expect(pool.Id).toMatch(/^us-east-1_[0-9a-zA-Z]{9}$/)
      expect(pool.Name).toBe('only-a-name')
      expect(pool.Arn).toBe(`arn:aws:cognito-idp:us-east-1:${pool.Arn!.split(':')[4]}:userpool/${pool.Id}`)
      expect(pool.Arn!.split(':')[4]).toMatch(/^\d{12}$/)
      expect(pool.Policies).toEqual({
        PasswordPolicy: {
          MinimumLength: 8,
          RequireUppercase: true,
          RequireLowercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
          TemporaryPasswordValidityDays: 7,
        },
        SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD'] },
      })
      expect(pool.DeletionProtection).toBe('INACTIVE')
      expect(pool.LambdaConfig).toEqual({})
      expect(pool.VerificationMessageTemplate).toEqual({ DefaultEmailOption: 'CONFIRM_WITH_CODE' })
      expect(pool.UserAttributeUpdateSettings).toEqual({ AttributesRequireVerificationBeforeUpdate: [] })
      expect(pool.MfaConfiguration).toBe('OFF')
      expect(pool.EstimatedNumberOfUsers).toBe(0)
      expect(pool.EmailConfiguration).toEqual({ EmailSendingAccount: 'COGNITO_DEFAULT' })
      expect(pool.UserPoolTags).toEqual({})
      expect(pool.AdminCreateUserConfig).toEqual({
        AllowAdminCreateUserOnly: false,
        UnusedAccountValidityDays: 7,
      })
      expect(pool.AccountRecoverySetting).toEqual({
        RecoveryMechanisms: [
          { Priority: 1, Name: 'verified_email' },
          { Priority: 2, Name: 'verified_phone_number' },
        ],
      })
      expect(pool.UserPoolTier).toBe('ESSENTIALS')
      expect(pool.CreationDate).toBeInstanceOf(Date)
      expect(pool.CreationDate!.getTime() / 1000).toBeGreaterThanOrEqual(before)
      expect(pool.LastModifiedDate).toEqual(pool.CreationDate)
      for (const absent of [
        'AliasAttributes',
        'UsernameAttributes',
        'AutoVerifiedAttributes',
        'SmsConfiguration',
        'SmsVerificationMessage',
        'EmailVerificationMessage',
        'EmailVerificationSubject',
        'DeviceConfiguration',
        'UsernameConfiguration',
        'UserPoolAddOns',
        'Domain',
      ]) {
        expect(pool).not.toHaveProperty(absent)
      }
    })

    it('lists the standard attributes with the types, flags and constraints AWS gives them', async () => {
      const pool = await createPool(sdk)
      expect(pool.SchemaAttributes!.map((a) => a.Name)).toEqual([
        'sub',
        'name',
        'given_name',
        'family_name',
        'middle_name',
        'nickname',
        'preferred_username',
        'profile',
        'picture',
        'website',
        'email',
        'email_verified',
        'gender',
        'birthdate',
        'zoneinfo',
        'locale',
        'phone_number',
        'phone_number_verified',
        'address',
        'updated_at',
      ])
      expect(pool.SchemaAttributes).toEqual(STANDARD_ATTRIBUTES)
      expect(attribute(pool, 'sub')).toEqual({
        Name: 'sub',
        AttributeDataType: 'String',
        DeveloperOnlyAttribute: false,
        Mutable: false,
        Required: true,
        StringAttributeConstraints: { MinLength: '1', MaxLength: '2048' },
      })
      expect(attribute(pool, 'email')).toEqual({
        Name: 'email',
        AttributeDataType: 'String',
        DeveloperOnlyAttribute: false,
        Mutable: true,
        Required: false,
        StringAttributeConstraints: { MinLength: '0', MaxLength: '2048' },
      })
      expect(attribute(pool, 'email_verified')).toEqual({
        Name: 'email_verified',
        AttributeDataType: 'Boolean',
        DeveloperOnlyAttribute: false,
        Mutable: true,
        Required: false,
      })
      expect(attribute(pool, 'phone_number_verified')).toEqual({
        Name: 'phone_number_verified',
        AttributeDataType: 'Boolean',
        DeveloperOnlyAttribute: false,
        Mutable: true,
        Required: false,
      })
      expect(attribute(pool, 'birthdate')).toMatchObject({
        StringAttributeConstraints: { MinLength: '10', MaxLength: '10' },
      })
      expect(attribute(pool, 'updated_at')).toEqual({
        Name: 'updated_at',
        AttributeDataType: 'Number',
        DeveloperOnlyAttribute: false,
        Mutable: true,
        Required: false,
        NumberAttributeConstraints: { MinValue: '0' },
      })
    })

    it('merges Required and Mutable from Schema onto the standard attributes', async () => {
      const pool = await createPool(sdk, {
        Schema: [
          { Name: 'email', AttributeDataType: 'String', Required: true, Mutable: false },
          { Name: 'name', Required: true },
        ],
      })
      expect(attribute(pool, 'email')).toEqual({
        Name: 'email',
        AttributeDataType: 'String',
        DeveloperOnlyAttribute: false,
        Mutable: false,
        Required: true,
        StringAttributeConstraints: { MinLength: '0', MaxLength: '2048' },
      })
      expect(attribute(pool, 'name')).toMatchObject({ Required: true, Mutable: true })
      expect(pool.SchemaAttributes).toHaveLength(20)
    })

    it('adds custom attributes from Schema with the custom: prefix, after the standard ones', async () => {
      const pool = await createPool(sdk, {
        Schema: [
          { Name: 'tier', AttributeDataType: 'String' },
          {
            Name: 'age',
            AttributeDataType: 'Number',
            Mutable: false,
            NumberAttributeConstraints: { MinValue: '1' },
          },
          { Name: 'secret', AttributeDataType: 'String', DeveloperOnlyAttribute: true },
          { Name: 'vip', AttributeDataType: 'Boolean' },
        ],
      })
      expect(pool.SchemaAttributes!.slice(20)).toEqual([
        {
          Name: 'custom:tier',
          AttributeDataType: 'String',
          DeveloperOnlyAttribute: false,
          Mutable: true,
          Required: false,
          StringAttributeConstraints: {},
        },
        {
          Name: 'custom:age',
          AttributeDataType: 'Number',
          DeveloperOnlyAttribute: false,
          Mutable: false,
          Required: false,
          NumberAttributeConstraints: { MinValue: '1' },
        },
        {
          Name: 'dev:custom:secret',
          AttributeDataType: 'String',
          DeveloperOnlyAttribute: true,
          Mutable: true,
          Required: false,
          StringAttributeConstraints: {},
        },
        {
          Name: 'custom:vip',
          AttributeDataType: 'Boolean',
          DeveloperOnlyAttribute: false,
          Mutable: true,
          Required: false,
        },
      ])
    })

    it('stores and echoes every configuration member it is given', async () => {
      const given = {
        Policies: {
          PasswordPolicy: {
            MinimumLength: 12,
            RequireUppercase: false,
            RequireLowercase: true,
            RequireNumbers: false,
            RequireSymbols: false,
            PasswordHistorySize: 3,
            TemporaryPasswordValidityDays: 2,
          },
          SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP'] },
        },
        DeletionProtection: 'ACTIVE',
        LambdaConfig: { PreSignUp: 'arn:aws:lambda:us-east-1:123456789012:function:pre' },
        AutoVerifiedAttributes: ['email'],
        AliasAttributes: ['email', 'preferred_username'],
        SmsAuthenticationMessage: 'Your code is {####}',
        UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['email'] },
        MfaConfiguration: 'OPTIONAL',
        DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: false },
        EmailConfiguration: { ReplyToEmailAddress: 'support@example.com' },
        SmsConfiguration: { SnsCallerArn: 'arn:aws:iam::123456789012:role/sns', ExternalId: 'x' },
        UserPoolTags: { team: 'auth' },
        AdminCreateUserConfig: {
          AllowAdminCreateUserOnly: true,
          InviteMessageTemplate: { EmailSubject: 'Welcome', EmailMessage: 'Hi {username}, {####}' },
        },
        UserPoolAddOns: { AdvancedSecurityMode: 'OFF' },
        UsernameConfiguration: { CaseSensitive: false },
        AccountRecoverySetting: { RecoveryMechanisms: [{ Priority: 1, Name: 'admin_only' }] },
        UserPoolTier: 'PLUS',
      }
      const pool = await createPool(sdk, given)
      expect(pool).toMatchObject({
        ...given,
        EmailConfiguration: {
          EmailSendingAccount: 'COGNITO_DEFAULT',
          ReplyToEmailAddress: 'support@example.com',
        },
        AdminCreateUserConfig: { ...given.AdminCreateUserConfig, UnusedAccountValidityDays: 7 },
      })
      expect(await describePool(sdk, pool.Id!)).toEqual(pool)
    })

    it('fills a partly given password policy with false requirements and 7 temporary-password days', async () => {
      const pool = await createPool(sdk, { Policies: { PasswordPolicy: { MinimumLength: 6 } } })
      expect(pool.Policies).toEqual({
        PasswordPolicy: {
          MinimumLength: 6,
          RequireUppercase: false,
          RequireLowercase: false,
          RequireNumbers: false,
          RequireSymbols: false,
          TemporaryPasswordValidityDays: 7,
        },
        SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD'] },
      })
    })

    it('keeps the verification messages and VerificationMessageTemplate in step', async () => {
      const fromLegacy = await createPool(sdk, {
        EmailVerificationMessage: 'Code: {####}',
        EmailVerificationSubject: 'Verify',
        SmsVerificationMessage: 'SMS {####}',
      })
      expect(fromLegacy.VerificationMessageTemplate).toEqual({
        DefaultEmailOption: 'CONFIRM_WITH_CODE',
        EmailMessage: 'Code: {####}',
        EmailSubject: 'Verify',
        SmsMessage: 'SMS {####}',
      })
      const fromTemplate = await createPool(sdk, {
        VerificationMessageTemplate: {
          DefaultEmailOption: 'CONFIRM_WITH_LINK',
          EmailMessage: 'foo {####} bar',
          EmailSubject: 'foobar {####}',
          SmsMessage: '{####} baz',
          EmailMessageByLink: '{##Click##}',
          EmailSubjectByLink: 'Link',
        },
      })
      expect(fromTemplate.SmsVerificationMessage).toBe('{####} baz')
      expect(fromTemplate.EmailVerificationMessage).toBe('foo {####} bar')
      expect(fromTemplate.EmailVerificationSubject).toBe('foobar {####}')
      expect(fromTemplate.VerificationMessageTemplate).toMatchObject({
        DefaultEmailOption: 'CONFIRM_WITH_LINK',
        EmailMessageByLink: '{##Click##}',
      })
    })

    it('refuses UsernameAttributes together with AliasAttributes', async () => {
      const answer = await failure(
        createPool(sdk, { UsernameAttributes: ['email'], AliasAttributes: ['email'] }),
      )
      expect(answer).toEqual(
        invalid('Only one of the aliasAttributes or usernameAttributes can be set in a User Pool.'),
      )
    })

    it('refuses a required custom attribute', async () => {
      const answer = await failure(
        createPool(sdk, { Schema: [{ Name: 'tier', AttributeDataType: 'String', Required: true }] }),
      )
      expect(answer).toEqual(invalid('Required custom attributes are not supported currently.'))
    })

    it('refuses a custom attribute without AttributeDataType', async () => {
      expect(await failure(createPool(sdk, { Schema: [{ Name: 'tier' }] }))).toEqual(
        invalid('Invalid AttributeDataType input, consider using the provided AttributeDataType enum.'),
      )
    })

    it('refuses to change the type of a standard attribute or make it developer-only', async () => {
      const message =
        'You can not change AttributeDataType or set developerOnlyAttribute for standard schema attribute email'
      expect(
        await failure(createPool(sdk, { Schema: [{ Name: 'email', AttributeDataType: 'Number' }] })),
      ).toEqual(invalid(message))
      expect(
        await failure(createPool(sdk, { Schema: [{ Name: 'email', DeveloperOnlyAttribute: true }] })),
      ).toEqual(invalid(message))
    })

    it('refuses constraints that are not numbers, exceed 2048, or have min above max', async () => {
      const string = (c: Record<string, string>) =>
        createPool(sdk, {
          Schema: [{ Name: 'email', AttributeDataType: 'String', StringAttributeConstraints: c }],
        })
      expect(await failure(string({ MinLength: 'x' }))).toEqual(
        invalid('Invalid StringAttributeConstraints for schema attribute email'),
      )
      expect(await failure(string({ MaxLength: '2049' }))).toEqual(
        invalid('user.email: String attributes cannot have a length of more than 2048'),
      )
      expect(await failure(string({ MinLength: '2', MaxLength: '1' }))).toEqual(
        invalid('user.email: Max length cannot be less than min length.'),
      )
      const number = createPool(sdk, {
        Schema: [
          {
            Name: 'updated_at',
            AttributeDataType: 'Number',
            NumberAttributeConstraints: { MinValue: '2', MaxValue: '1' },
          },
        ],
      })
      expect(await failure(number)).toEqual(
        invalid('user.updated_at: Max value cannot be less than min value.'),
      )
      const custom = createPool(sdk, {
        Schema: [
          { Name: 'age', AttributeDataType: 'Number', NumberAttributeConstraints: { MinValue: 'low' } },
        ],
      })
      expect(await failure(custom)).toEqual(
        invalid('Invalid NumberAttributeConstraints for schema attribute custom:age'),
      )
    })
  })

  describe('DescribeUserPool', () => {
    it('returns the pool as CreateUserPool did', async () => {
      const pool = await createPool(sdk, { Schema: [{ Name: 'tier', AttributeDataType: 'String' }] })
      expect(await describePool(sdk, pool.Id!)).toEqual(pool)
    })

    it('counts the users in EstimatedNumberOfUsers', async () => {
      const pool = await createPool(sdk)
      for (const Username of ['ann', 'bob']) {
        await sdk.send(
          new AdminCreateUserCommand({ UserPoolId: pool.Id, Username, MessageAction: 'SUPPRESS' }),
        )
      }
      expect((await describePool(sdk, pool.Id!)).EstimatedNumberOfUsers).toBe(2)
    })

    it('answers ResourceNotFoundException for an unknown pool', async () => {
      expect(await failure(describePool(sdk, UNKNOWN))).toEqual(poolNotFound)
    })
  })

  describe('UpdateUserPool', () => {
    it('replaces the configuration and resets members it is not given to their defaults', async () => {
      const pool = await createPool(sdk, {
        AliasAttributes: ['email'],
        MfaConfiguration: 'OPTIONAL',
        DeletionProtection: 'ACTIVE',
        LambdaConfig: { PreSignUp: 'arn:aws:lambda:us-east-1:123456789012:function:pre' },
        AutoVerifiedAttributes: ['email'],
        UserPoolTags: { team: 'auth' },
        Schema: [{ Name: 'tier', AttributeDataType: 'String' }],
      })
      clock.advance(60)
      const answer = await sdk.send(
        new UpdateUserPoolCommand({
          UserPoolId: pool.Id,
          Policies: { PasswordPolicy: { MinimumLength: 10, RequireNumbers: true } },
          AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
        }),
      )
      expect(answer.$metadata.httpStatusCode).toBe(200)
      const updated = await describePool(sdk, pool.Id!)
      expect(updated.Policies!.PasswordPolicy).toEqual({
        MinimumLength: 10,
        RequireUppercase: false,
        RequireLowercase: false,
        RequireNumbers: true,
        RequireSymbols: false,
        TemporaryPasswordValidityDays: 7,
      })
      expect(updated.AdminCreateUserConfig).toEqual({
        AllowAdminCreateUserOnly: true,
        UnusedAccountValidityDays: 7,
      })
      expect(updated.MfaConfiguration).toBe('OFF')
      expect(updated.DeletionProtection).toBe('INACTIVE')
      expect(updated.LambdaConfig).toEqual({})
      expect(updated.UserPoolTags).toEqual({})
      expect(updated).not.toHaveProperty('AutoVerifiedAttributes')
      expect(updated.Name).toBe('pool')
      expect(updated.AliasAttributes).toEqual(['email'])
      expect(updated.SchemaAttributes).toEqual(pool.SchemaAttributes)
      expect(updated.Arn).toBe(pool.Arn)
      expect(updated.CreationDate).toEqual(pool.CreationDate)
      expect(updated.LastModifiedDate!.getTime() - pool.LastModifiedDate!.getTime()).toBeGreaterThanOrEqual(
        60_000,
      )
    })

    it('renames the pool when given PoolName', async () => {
      const pool = await createPool(sdk)
      await sdk.send(new UpdateUserPoolCommand({ UserPoolId: pool.Id, PoolName: 'renamed' }))
      expect((await describePool(sdk, pool.Id!)).Name).toBe('renamed')
    })

    it('answers ResourceNotFoundException for an unknown pool', async () => {
      expect(await failure(sdk.send(new UpdateUserPoolCommand({ UserPoolId: UNKNOWN })))).toEqual(
        poolNotFound,
      )
    })
  })

  describe('DeleteUserPool', () => {
    it('deletes the pool with its users and clients', async () => {
      const pool = await createPool(sdk)
      const client = await sdk.send(
        new CreateUserPoolClientCommand({ UserPoolId: pool.Id, ClientName: 'app' }),
      )
      await sdk.send(
        new AdminCreateUserCommand({ UserPoolId: pool.Id, Username: 'ann', MessageAction: 'SUPPRESS' }),
      )
      await sdk.send(new DeleteUserPoolCommand({ UserPoolId: pool.Id }))
      const gone = { name: 'ResourceNotFoundException', message: `User pool ${pool.Id} does not exist.` }
      expect(await failure(describePool(sdk, pool.Id!))).toEqual(gone)
      const describeClient = new DescribeUserPoolClientCommand({
        UserPoolId: pool.Id,
        ClientId: client.UserPoolClient!.ClientId,
      })
      expect(await failure(sdk.send(describeClient))).toEqual(gone)
      const list = await sdk.send(new ListUserPoolsCommand({ MaxResults: 60 }))
      expect(list.UserPools).toEqual([])
    })

    it('refuses while deletion protection is active, and deletes once it is inactive', async () => {
      const pool = await createPool(sdk, { DeletionProtection: 'ACTIVE' })
      expect(await failure(sdk.send(new DeleteUserPoolCommand({ UserPoolId: pool.Id })))).toEqual(
        invalid(
          'The user pool cannot be deleted because deletion protection is activated. Deletion protection must be inactivated first.',
        ),
      )
      await sdk.send(new UpdateUserPoolCommand({ UserPoolId: pool.Id, DeletionProtection: 'INACTIVE' }))
      await sdk.send(new DeleteUserPoolCommand({ UserPoolId: pool.Id }))
      expect((await sdk.send(new ListUserPoolsCommand({ MaxResults: 60 }))).UserPools).toEqual([])
    })

    it('answers ResourceNotFoundException for an unknown pool', async () => {
      expect(await failure(sdk.send(new DeleteUserPoolCommand({ UserPoolId: UNKNOWN })))).toEqual(
        poolNotFound,
      )
    })
  })

  describe('ListUserPools', () => {
    it('lists each pool with its id, name, triggers and dates', async () => {
      const LambdaConfig = { PostConfirmation: 'arn:aws:lambda:us-east-1:123456789012:function:post' }
      const pool = await createPool(sdk, { PoolName: 'listed', LambdaConfig })
      const { UserPools, NextToken } = await sdk.send(new ListUserPoolsCommand({ MaxResults: 10 }))
      expect(UserPools).toEqual([
        {
          Id: pool.Id,
          Name: 'listed',
          LambdaConfig,
          LastModifiedDate: pool.LastModifiedDate,
          CreationDate: pool.CreationDate,
        },
      ])
      expect(NextToken).toBeUndefined()
    })

    it('pages with NextToken, and a token stays valid while pools are added', async () => {
      const ids: string[] = []
      for (let i = 0; i < 5; i++) {
        ids.push((await createPool(sdk, { PoolName: `p${i}` })).Id!)
        clock.advance(1)
      }
      const first = await sdk.send(new ListUserPoolsCommand({ MaxResults: 2 }))
      expect(first.UserPools!.map((p) => p.Id)).toEqual(ids.slice(0, 2))
      expect(first.NextToken).toEqual(expect.any(String))
      ids.push((await createPool(sdk, { PoolName: 'late' })).Id!)
      const seen = [...first.UserPools!.map((p) => p.Id)]
      let token = first.NextToken
      while (token) {
        const page = await sdk.send(new ListUserPoolsCommand({ MaxResults: 2, NextToken: token }))
        seen.push(...page.UserPools!.map((p) => p.Id))
        token = page.NextToken
      }
      expect(seen).toEqual(ids)
    })

    it('requires MaxResults between 1 and 60', async () => {
      const list = (MaxResults?: number) =>
        failure(sdk.send(new ListUserPoolsCommand({ MaxResults } as never)))
      expect(await list(undefined)).toEqual(
        invalid(
          "1 validation error detected: Value null at 'maxResults' failed to satisfy constraint: Member must not be null",
        ),
      )
      expect(await list(0)).toEqual(
        invalid(
          "1 validation error detected: Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1",
        ),
      )
      expect(await list(61)).toEqual(
        invalid(
          "1 validation error detected: Value '61' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 60",
        ),
      )
    })
  })

  describe('AddCustomAttributes', () => {
    it('adds custom attributes with the custom: prefix and dev:custom: for developer-only ones', async () => {
      const pool = await createPool(sdk)
      clock.advance(30)
      await sdk.send(
        new AddCustomAttributesCommand({
          UserPoolId: pool.Id,
          CustomAttributes: [
            {
              Name: 'tier',
              AttributeDataType: 'String',
              StringAttributeConstraints: { MinLength: '1', MaxLength: '10' },
            },
            { Name: 'internal', AttributeDataType: 'Number', DeveloperOnlyAttribute: true },
          ],
        }),
      )
      const updated = await describePool(sdk, pool.Id!)
      expect(updated.SchemaAttributes!.slice(20)).toEqual([
        {
          Name: 'custom:tier',
          AttributeDataType: 'String',
          DeveloperOnlyAttribute: false,
          Mutable: true,
          Required: false,
          StringAttributeConstraints: { MinLength: '1', MaxLength: '10' },
        },
        {
          Name: 'dev:custom:internal',
          AttributeDataType: 'Number',
          DeveloperOnlyAttribute: true,
          Mutable: true,
          Required: false,
          NumberAttributeConstraints: {},
        },
      ])
      expect(updated.LastModifiedDate!.getTime()).toBeGreaterThan(pool.LastModifiedDate!.getTime())
    })

    it('refuses an attribute the pool already has', async () => {
      const pool = await createPool(sdk, {
        Schema: [{ Name: 'banana', AttributeDataType: 'String', DeveloperOnlyAttribute: true }],
      })
      const add = new AddCustomAttributesCommand({
        UserPoolId: pool.Id,
        CustomAttributes: [{ Name: 'banana', AttributeDataType: 'String', DeveloperOnlyAttribute: true }],
      })
      expect(await failure(sdk.send(add))).toEqual(
        invalid('custom:banana: Existing attribute already has name dev:custom:banana.'),
      )
    })

    it('refuses the same attribute twice in one request and adds neither', async () => {
      const pool = await createPool(sdk)
      const add = new AddCustomAttributesCommand({
        UserPoolId: pool.Id,
        CustomAttributes: [
          { Name: 'tier', AttributeDataType: 'String' },
          { Name: 'tier', AttributeDataType: 'String' },
        ],
      })
      expect(await failure(sdk.send(add))).toEqual(
        invalid('custom:tier: Existing attribute already has name custom:tier.'),
      )
      expect((await describePool(sdk, pool.Id!)).SchemaAttributes).toHaveLength(20)
    })

    it('refuses a required custom attribute', async () => {
      const pool = await createPool(sdk)
      const add = new AddCustomAttributesCommand({
        UserPoolId: pool.Id,
        CustomAttributes: [{ Name: 'tier', AttributeDataType: 'String', Required: true }],
      })
      expect(await failure(sdk.send(add))).toEqual(
        invalid('Required custom attributes are not supported currently.'),
      )
    })

    it('answers ResourceNotFoundException for an unknown pool', async () => {
      const add = new AddCustomAttributesCommand({
        UserPoolId: UNKNOWN,
        CustomAttributes: [{ Name: 'tier', AttributeDataType: 'String' }],
      })
      expect(await failure(sdk.send(add))).toEqual(poolNotFound)
    })
  })
})
