import {
  type CognitoIdentityProviderClient,
  CreateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider'
import { describe, expect, it } from 'vitest'
import { STANDARD_ATTRIBUTES } from '../../src/core/schema-attributes.ts'
import { ENDPOINTS, sdkClient, useCognito } from '../support/cognito.ts'

useCognito()

const failure = async (promise: Promise<unknown>) => {
  try {
    await promise
  } catch (e) {
    const { name, message } = e as Error
    return { name, message }
  }
  throw new Error('expected the call to fail')
}

const createPool = (sdk: CognitoIdentityProviderClient, input: Record<string, unknown> = {}) =>
  sdk.send(new CreateUserPoolCommand({ PoolName: 'pool', ...input })).then((r) => r.UserPool!)

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
      ]) {
        expect(pool).not.toHaveProperty(absent)
      }
    })

    it('refuses UsernameAttributes together with AliasAttributes', async () => {
      const answer = await failure(
        createPool(sdk, { UsernameAttributes: ['email'], AliasAttributes: ['email'] }),
      )
      expect(answer).toEqual({
        name: 'InvalidParameterException',
        message: 'Only one of the aliasAttributes or usernameAttributes can be set in a User Pool.',
      })
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
      const byName = Object.fromEntries(pool.SchemaAttributes!.map((a) => [a.Name, a]))
      expect(byName.sub).toEqual({
        Name: 'sub',
        AttributeDataType: 'String',
        DeveloperOnlyAttribute: false,
        Mutable: false,
        Required: true,
        StringAttributeConstraints: { MinLength: '1', MaxLength: '2048' },
      })
      expect(byName.email).toEqual({
        Name: 'email',
        AttributeDataType: 'String',
        DeveloperOnlyAttribute: false,
        Mutable: true,
        Required: false,
        StringAttributeConstraints: { MinLength: '0', MaxLength: '2048' },
      })
      expect(byName.email_verified).toEqual({
        Name: 'email_verified',
        AttributeDataType: 'Boolean',
        DeveloperOnlyAttribute: false,
        Mutable: true,
        Required: false,
      })
      expect(byName.birthdate!.StringAttributeConstraints).toEqual({ MinLength: '10', MaxLength: '10' })
      expect(byName.updated_at).toEqual({
        Name: 'updated_at',
        AttributeDataType: 'Number',
        DeveloperOnlyAttribute: false,
        Mutable: true,
        Required: false,
        NumberAttributeConstraints: { MinValue: '0' },
      })
    })
  })
})
