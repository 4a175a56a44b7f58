import { clearCode } from './codes.ts'
import type { Context } from './context.ts'
import { type CodeDeliveryDetails, type Contact, deliverCode } from './delivery.ts'
import { CognitoError, errors } from './errors.ts'
import { updateAttributes } from './indexes.ts'
import { schemaAttributes, schemaAttribute as schemaEntry } from './schema-attributes.ts'
import type { PoolRecord, UserRecord } from './state.ts'

export interface AttributeType {
  Name: string
  Value?: string
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
  const missing = schemaAttributes(pool).find((a) => a.Required && a.Name !== 'sub' && !attributes[a.Name])
  if (missing) {
    throw new CognitoError(
      'InvalidParameterException',
      `Attributes did not conform to the schema: ${missing.Name}: The attribute is required\n`,
    )
  }
}

/**
 * Deletes attributes of a user (AdminDeleteUserAttributes, DeleteUserAttributes). Unknown, immutable and required
 * attributes cannot be deleted; deleting email or phone_number also drops its verified flag and any pending
 * verification code.
 */
export function deleteAttributes(pool: PoolRecord, user: UserRecord, names: string[]): void {
  // Only existence and mutability matter here; a well-formed value keeps the flags' value check quiet.
  checkAttributes(
    pool,
    names.map((Name) => ({ Name, Value: Name.endsWith('_verified') ? 'false' : '' })),
    { updating: true },
  )
  const changes: Record<string, undefined> = {}
  for (const name of names) {
    changes[name] = undefined
    if (name === 'email' || name === 'phone_number') changes[`${name}_verified`] = undefined
  }
  const remaining = Object.fromEntries(Object.entries(user.attributes).filter(([name]) => !(name in changes)))
  checkRequiredAttributes(pool, remaining)

  updateAttributes(pool, user, changes)
  for (const name of names) {
    if (name === 'email' || name === 'phone_number') clearCode(user, `verify:${name}`)
  }
}

const listed = (pool: PoolRecord, setting: 'AutoVerifiedAttributes' | 'BeforeUpdate', attribute: string) => {
  if (setting === 'AutoVerifiedAttributes') {
    return ((pool.config.AutoVerifiedAttributes as string[] | undefined) ?? []).includes(attribute)
  }
  const settings = pool.config.UserAttributeUpdateSettings as
    | { AttributesRequireVerificationBeforeUpdate?: string[] }
    | undefined
  return (settings?.AttributesRequireVerificationBeforeUpdate ?? []).includes(attribute)
}

export interface AttributeUpdate {
  /** What to write to the user's attributes (`undefined` deletes). */
  changes: Record<string, string | undefined>
  /** Contacts whose pending verification code no longer applies. */
  stale: Contact[]
  /** Contacts to send a verification code to, with the value it verifies when that is not yet the attribute's. */
  codes: Array<{ attribute: Contact; pending?: string }>
}

/**
 * What an update (UpdateUserAttributes, AdminUpdateUserAttributes) does to email and phone_number, as Cognito
 * documents: given with its `*_verified` flag, it is taken as is; otherwise it becomes unverified and, where the
 * pool auto-verifies it, a code goes to it. Where AttributesRequireVerificationBeforeUpdate lists it and the old
 * value is verified, the old value stays until the code sent to the new one is confirmed.
 */
export function planAttributeUpdate(
  pool: PoolRecord,
  user: UserRecord,
  attributes: Record<string, string>,
): AttributeUpdate {
  const changes: Record<string, string | undefined> = { ...attributes }
  const held: AttributeUpdate['codes'] = []
  const fresh: AttributeUpdate['codes'] = []
  const stale: Contact[] = []
  for (const [name, value] of Object.entries(attributes)) {
    if (name !== 'email' && name !== 'phone_number') continue
    const flag = `${name}_verified`
    if (value === user.attributes[name] || flag in attributes) continue
    const autoVerified = listed(pool, 'AutoVerifiedAttributes', name)
    if (autoVerified && listed(pool, 'BeforeUpdate', name) && user.attributes[flag] === 'true') {
      delete changes[name]
      held.push({ attribute: name, pending: value })
      continue
    }
    changes[flag] = 'false'
    stale.push(name)
    if (autoVerified) fresh.push({ attribute: name })
  }
  return { changes, stale, codes: [...held, ...fresh] }
}

/** Applies a planned update and sends its verification codes; returns their delivery details. */
export function applyAttributeUpdate(
  ctx: Context,
  pool: PoolRecord,
  user: UserRecord,
  { changes, stale, codes }: AttributeUpdate,
): CodeDeliveryDetails[] {
  updateAttributes(pool, user, changes)
  for (const attribute of stale) clearCode(user, `verify:${attribute}`)
  return codes.map(({ attribute, pending }) =>
    deliverCode(ctx, pool, user, {
      purpose: `verify:${attribute}`,
      to: attribute,
      reason: 'UpdateUserAttributes',
      value: pending,
    }),
  )
}
