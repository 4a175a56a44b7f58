import { errors } from './errors.ts'
import type { PoolRecord } from './state.ts'

/** A schema attribute as DescribeUserPool returns it (SchemaAttributeType). */
export interface SchemaAttribute {
  Name: string
  AttributeDataType: 'String' | 'Number' | 'DateTime' | 'Boolean'
  DeveloperOnlyAttribute: boolean
  Mutable: boolean
  Required: boolean
  StringAttributeConstraints?: { MinLength?: string; MaxLength?: string }
  NumberAttributeConstraints?: { MinValue?: string; MaxValue?: string }
}

const text = (name: string, min = '0', max = '2048'): SchemaAttribute => ({
  Name: name,
  AttributeDataType: 'String',
  DeveloperOnlyAttribute: false,
  Mutable: true,
  Required: false,
  StringAttributeConstraints: { MinLength: min, MaxLength: max },
})

const flag = (name: string): SchemaAttribute => ({
  Name: name,
  AttributeDataType: 'Boolean',
  DeveloperOnlyAttribute: false,
  Mutable: true,
  Required: false,
})

/**
 * The standard (OpenID Connect) attributes every user pool has, in the order and with the constraints
 * DescribeUserPool lists them for a pool created through the API.
 */
export const STANDARD_ATTRIBUTES: readonly SchemaAttribute[] = [
  { ...text('sub', '1'), Mutable: false, Required: true },
  text('name'),
  text('given_name'),
  text('family_name'),
  text('middle_name'),
  text('nickname'),
  text('preferred_username'),
  text('profile'),
  text('picture'),
  text('website'),
  text('email'),
  flag('email_verified'),
  text('gender'),
  text('birthdate', '10', '10'),
  text('zoneinfo'),
  text('locale'),
  text('phone_number'),
  flag('phone_number_verified'),
  text('address'),
  {
    Name: 'updated_at',
    AttributeDataType: 'Number',
    DeveloperOnlyAttribute: false,
    Mutable: true,
    Required: false,
    NumberAttributeConstraints: { MinValue: '0' },
  },
]

/** A fresh copy of the standard attributes, as a new pool gets them. */
export const standardSchema = (): SchemaAttribute[] =>
  structuredClone(STANDARD_ATTRIBUTES) as SchemaAttribute[]

/** The pool's schema attributes: standard ones, then `custom:` and `dev:custom:` ones. */
export function schemaAttributes(pool: PoolRecord): SchemaAttribute[] {
  return (pool.config.SchemaAttributes as SchemaAttribute[] | undefined) ?? standardSchema()
}

/**
 * The pool's definition of an attribute by its full name (`email`, `custom:tier`), or `undefined` when the
 * pool has no such attribute. A developer-only attribute is also found by its `custom:` name.
 *
 * @example
 * if (!schemaAttribute(pool, 'custom:tier')) throw ...
 */
export function schemaAttribute(pool: PoolRecord, name: string): SchemaAttribute | undefined {
  const all = schemaAttributes(pool)
  return all.find((a) => a.Name === name) ?? all.find((a) => a.Name === `dev:${name}`)
}

/** Names of the attributes a pool requires (`Required: true`), `sub` excluded. */
export function requiredAttributes(pool: PoolRecord): string[] {
  return schemaAttributes(pool)
    .filter((a) => a.Required && a.Name !== 'sub')
    .map((a) => a.Name)
}

/** The input form of a schema attribute (CreateUserPool `Schema`, AddCustomAttributes `CustomAttributes`). */
export interface SchemaAttributeInput {
  Name?: string
  AttributeDataType?: string
  DeveloperOnlyAttribute?: boolean
  Mutable?: boolean
  Required?: boolean
  StringAttributeConstraints?: { MinLength?: string; MaxLength?: string }
  NumberAttributeConstraints?: { MinValue?: string; MaxValue?: string }
}

/**
 * The schema of a new pool: the standard attributes with the `Schema` input's Required/Mutable/constraints
 * merged on, then its custom attributes with their `custom:` prefix. Throws Cognito's errors for what it rejects.
 */
export function buildSchema(input: SchemaAttributeInput[] = []): SchemaAttribute[] {
  const schema = standardSchema()
  const custom: SchemaAttributeInput[] = []
  for (const item of input) {
    const name = item.Name ?? ''
    const standard = schema.find((a) => a.Name === name)
    if (standard) mergeStandard(standard, item)
    else custom.push(item)
  }
  return addCustomAttributes(schema, custom)
}

function mergeStandard(target: SchemaAttribute, item: SchemaAttributeInput): void {
  if (
    (item.AttributeDataType !== undefined && item.AttributeDataType !== target.AttributeDataType) ||
    item.DeveloperOnlyAttribute === true
  ) {
    throw errors.invalidParameter(
      `You can not change AttributeDataType or set developerOnlyAttribute for standard schema attribute ${target.Name}`,
    )
  }
  if (item.Required !== undefined) target.Required = item.Required
  if (item.Mutable !== undefined) target.Mutable = item.Mutable
  if (item.AttributeDataType !== undefined) applyConstraints(target, item, target.Name)
}

/**
 * The schema with custom attributes appended (AddCustomAttributes, and the custom part of CreateUserPool's
 * `Schema`). Each gets `custom:` (or `dev:custom:` when developer-only) before its name.
 */
export function addCustomAttributes(
  schema: SchemaAttribute[],
  input: SchemaAttributeInput[],
): SchemaAttribute[] {
  const result = [...schema]
  for (const item of input) {
    const base = item.Name ?? ''
    const name = `${item.DeveloperOnlyAttribute ? 'dev:' : ''}custom:${base}`
    if (!item.AttributeDataType) {
      throw errors.invalidParameter(
        'Invalid AttributeDataType input, consider using the provided AttributeDataType enum.',
      )
    }
    if (item.Required)
      throw errors.invalidParameter('Required custom attributes are not supported currently.')
    const clash = result.find(
      (a) => a.Name === name || a.Name === `custom:${base}` || a.Name === `dev:custom:${base}`,
    )
    if (clash)
      throw errors.invalidParameter(`custom:${base}: Existing attribute already has name ${clash.Name}.`)
    const attribute: SchemaAttribute = {
      Name: name,
      AttributeDataType: item.AttributeDataType as SchemaAttribute['AttributeDataType'],
      DeveloperOnlyAttribute: item.DeveloperOnlyAttribute ?? false,
      Mutable: item.Mutable ?? true,
      Required: false,
    }
    if (attribute.AttributeDataType === 'String') attribute.StringAttributeConstraints = {}
    if (attribute.AttributeDataType === 'Number') attribute.NumberAttributeConstraints = {}
    applyConstraints(attribute, item, name)
    result.push(attribute)
  }
  return result
}

function limit(value: string | undefined, kind: string, name: string): number | undefined {
  if (value === undefined || value === '') return undefined
  const n = /^\d+$/.test(value) ? Number(value) : Number.NaN
  if (Number.isNaN(n)) throw errors.invalidParameter(`Invalid ${kind} for schema attribute ${name}`)
  return n
}

function applyConstraints(target: SchemaAttribute, item: SchemaAttributeInput, name: string): void {
  if (target.AttributeDataType === 'String' && item.StringAttributeConstraints) {
    const c = item.StringAttributeConstraints
    const min = limit(c.MinLength, 'StringAttributeConstraints', name)
    const max = limit(c.MaxLength, 'StringAttributeConstraints', name)
    if ((min ?? 0) > 2048 || (max ?? 0) > 2048) {
      throw errors.invalidParameter(`user.${name}: String attributes cannot have a length of more than 2048`)
    }
    if (min !== undefined && max !== undefined && min > max) {
      throw errors.invalidParameter(`user.${name}: Max length cannot be less than min length.`)
    }
    target.StringAttributeConstraints = { ...c }
  }
  if (target.AttributeDataType === 'Number' && item.NumberAttributeConstraints) {
    const c = item.NumberAttributeConstraints
    const min = limit(c.MinValue, 'NumberAttributeConstraints', name)
    const max = limit(c.MaxValue, 'NumberAttributeConstraints', name)
    if (min !== undefined && max !== undefined && min > max) {
      throw errors.invalidParameter(`user.${name}: Max value cannot be less than min value.`)
    }
    target.NumberAttributeConstraints = { ...c }
  }
}
