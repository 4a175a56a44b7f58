import { errors } from '../../core/errors.ts'
import { DEFAULT_PASSWORD_POLICY } from '../../core/passwords.ts'
import type { PoolRecord } from '../../core/state.ts'
import type { Input } from '../types.ts'

type Config = Record<string, unknown>

/** The members CreateUserPool and UpdateUserPool both set; UpdateUserPool resets those it is not given. */
export const CONFIGURABLE = [
  'Policies',
  'DeletionProtection',
  'LambdaConfig',
  'AutoVerifiedAttributes',
  'SmsVerificationMessage',
  'EmailVerificationMessage',
  'EmailVerificationSubject',
  'VerificationMessageTemplate',
  'SmsAuthenticationMessage',
  'UserAttributeUpdateSettings',
  'MfaConfiguration',
  'DeviceConfiguration',
  'EmailConfiguration',
  'SmsConfiguration',
  'UserPoolTags',
  'AdminCreateUserConfig',
  'UserPoolAddOns',
  'DcrConfiguration',
  'AccountRecoverySetting',
  'KeyConfiguration',
  'IssuerConfiguration',
  'AcrConfiguration',
] as const

/** Members only CreateUserPool sets; they cannot change afterwards. */
export const CREATE_ONLY = ['AliasAttributes', 'UsernameAttributes', 'UsernameConfiguration'] as const

const DEFAULT_ACCOUNT_RECOVERY = {
  RecoveryMechanisms: [
    { Priority: 1, Name: 'verified_email' },
    { Priority: 2, Name: 'verified_phone_number' },
  ],
}

function passwordPolicy(given: Config | undefined): Config {
  if (!given) return { ...DEFAULT_PASSWORD_POLICY }
  return {
    MinimumLength: given.MinimumLength ?? 8,
    RequireUppercase: given.RequireUppercase ?? false,
    RequireLowercase: given.RequireLowercase ?? false,
    RequireNumbers: given.RequireNumbers ?? false,
    RequireSymbols: given.RequireSymbols ?? false,
    ...(given.PasswordHistorySize === undefined ? {} : { PasswordHistorySize: given.PasswordHistorySize }),
    TemporaryPasswordValidityDays: given.TemporaryPasswordValidityDays ?? 7,
  }
}

function policies(given: Config | undefined): Config {
  return {
    PasswordPolicy: passwordPolicy(given?.PasswordPolicy as Config | undefined),
    SignInPolicy: (given?.SignInPolicy as Config | undefined) ?? { AllowedFirstAuthFactors: ['PASSWORD'] },
  }
}

/**
 * The verification messages live twice in a pool: in the legacy members (EmailVerificationMessage, ...) and in
 * VerificationMessageTemplate. Cognito fills each from the other.
 */
function verificationMessages(input: Input): Config {
  const template: Config = { ...(input.VerificationMessageTemplate ?? {}) }
  template.DefaultEmailOption ??= 'CONFIRM_WITH_CODE'
  const pairs = [
    ['SmsVerificationMessage', 'SmsMessage'],
    ['EmailVerificationMessage', 'EmailMessage'],
    ['EmailVerificationSubject', 'EmailSubject'],
  ] as const
  const out: Config = {}
  for (const [legacy, member] of pairs) {
    const value = input[legacy] ?? template[member]
    if (value === undefined) continue
    out[legacy] = value
    template[member] ??= value
  }
  out.VerificationMessageTemplate = template
  return out
}

/**
 * Every configurable member of a pool from a CreateUserPool or UpdateUserPool input, with AWS's defaults for the
 * members not given (UpdateUserPool resets what it is not given, as AWS documents).
 */
export function configurableMembers(input: Input): Config {
  const config: Config = {}
  for (const name of CONFIGURABLE) if (input[name] !== undefined) config[name] = structuredClone(input[name])
  Object.assign(config, verificationMessages(input))
  config.Policies = policies(input.Policies)
  config.DeletionProtection ??= 'INACTIVE'
  config.LambdaConfig ??= {}
  config.UserAttributeUpdateSettings ??= { AttributesRequireVerificationBeforeUpdate: [] }
  config.MfaConfiguration ??= 'OFF'
  config.EmailConfiguration = { EmailSendingAccount: 'COGNITO_DEFAULT', ...(input.EmailConfiguration ?? {}) }
  config.UserPoolTags ??= {}
  config.AdminCreateUserConfig = {
    AllowAdminCreateUserOnly: false,
    UnusedAccountValidityDays: 7,
    ...(input.AdminCreateUserConfig ?? {}),
  }
  config.AccountRecoverySetting ??= structuredClone(DEFAULT_ACCOUNT_RECOVERY)
  return config
}

/** Semantic checks CreateUserPool makes beyond the API model. */
export function checkCreateInput(input: Input): void {
  if (input.AliasAttributes?.length && input.UsernameAttributes?.length) {
    throw errors.invalidParameter(
      'Only one of the aliasAttributes or usernameAttributes can be set in a User Pool.',
    )
  }
}

/** The pool as DescribeUserPool (and CreateUserPool, UpdateUserPool) return it, with its derived members. */
export function describePool(pool: PoolRecord): Config {
  return { ...structuredClone(pool.config), EstimatedNumberOfUsers: Object.keys(pool.users).length }
}
