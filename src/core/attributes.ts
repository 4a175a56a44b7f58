import { CognitoError, errors } from './errors.ts'
import type { PoolRecord } from './state.ts'

export interface AttributeType {
  Name: string
  Value?: string
}

interface SchemaAttribute {
  Name: string
  AttributeDataType?: string
  Mutable?: boolean
  Required?: boolean
  DeveloperOnlyAttribute?: boolean
  StringAttributeConstraints?: { MinLength?: string; MaxLength?: string }
}

const STANDARD = [
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
]

/** The pool's attribute schema (SchemaAttributes), or the standard attributes when the pool has none stored. */
export function poolSchema(pool: PoolRecord): SchemaAttribute[] {
  const schema = pool.config.SchemaAttributes as SchemaAttribute[] | undefined
  return schema ?? STANDARD.map((Name) => ({ Name, Mutable: Name !== 'sub', Required: Name === 'sub' }))
}

function schemaEntry(pool: PoolRecord, name: string): SchemaAttribute | undefined {
  return poolSchema(pool).find((a) => a.Name === name || a.Name === `dev:${name}`)
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/
const PHONE = /^\+[0-9]{4,15}$/

/**
 * Checks attributes a caller wants to write against the pool's schema, as Cognito does, and returns them as a
 * record. `sub` and unknown attributes are refused; immutable ones only when `updating`.
 */
export function checkAttributes(
  pool: PoolRecord,
  attributes: AttributeType[] | undefined,
  { updating = false }: { updating?: boolean } = {},
): Record<string, string> {
  const out: Record<string, string> = {}
  for (const { Name, Value = '' } of attributes ?? []) {
    const entry = schemaEntry(pool, Name)
    if (!entry) {
      throw errors.invalidParameter(
        `Invalid user attributes: user.${Name}: Attribute does not exist in the schema.\n`.trim(),
      )
    }
    if (Name === 'sub' || (updating && entry.Mutable === false)) {
      throw errors.invalidParameter(`Cannot modify an already provided immutable attribute: ${Name}`)
    }
    if (Name === 'email' && Value !== '' && !EMAIL.test(Value))
      throw errors.invalidParameter('Invalid email address format.')
    if (Name === 'phone_number' && Value !== '' && !PHONE.test(Value)) {
      throw errors.invalidParameter('Invalid phone number format.')
    }
    if (
      (Name === 'email_verified' || Name === 'phone_number_verified') &&
      Value !== 'true' &&
      Value !== 'false'
    ) {
      throw errors.invalidParameter(
        `Invalid user attributes: user.${Name}: ${Name} must be either true or false.`,
      )
    }
    const max = Number(entry.StringAttributeConstraints?.MaxLength ?? 2048)
    if (Value.length > max) {
      throw errors.invalidParameter(
        `Invalid user attributes: user.${Name}: String must be no longer than ${max} characters`,
      )
    }
    out[Name] = Value
  }
  return out
}

/** Refuses a new user that lacks an attribute the schema marks as required. */
export function checkRequiredAttributes(pool: PoolRecord, attributes: Record<string, string>): void {
  const missing = poolSchema(pool).find((a) => a.Required && a.Name !== 'sub' && !attributes[a.Name])
  if (missing) {
    throw new CognitoError(
      'InvalidParameterException',
      `Attributes did not conform to the schema: ${missing.Name}: The attribute is required\n`,
    )
  }
}
