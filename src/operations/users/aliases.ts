import { CognitoError, errors } from '../../core/errors.ts'
import { getUsersByAttribute, updateAttributes } from '../../core/indexes.ts'
import type { PoolRecord, UserRecord } from '../../core/state.ts'
import { aliasAttributes, usernameAttributes } from '../../core/users.ts'

const EMAIL = /^[^@\s]+@[^@\s]+$/
const PHONE = /^\+[0-9]{4,15}$/

/** In a pool with email or phone aliases, a username must not look like one (it would shadow the alias). */
export function checkAliasUsername(pool: PoolRecord, username: string): void {
  const aliases = aliasAttributes(pool)
  if (aliases.includes('email') && EMAIL.test(username)) {
    throw errors.invalidParameter(
      'Username cannot be of email format, since user pool is configured for email alias.',
    )
  }
  if (aliases.includes('phone_number') && PHONE.test(username)) {
    throw errors.invalidParameter(
      'Username cannot be of phone_number format, since user pool is configured for phone_number alias.',
    )
  }
}

/** Where email or phone number is the username, no two users may hold the same one. */
export function checkUsernameAttributesUnique(
  pool: PoolRecord,
  attributes: Record<string, string | undefined>,
  self: UserRecord | undefined,
  errorName: 'UsernameExistsException' | 'AliasExistsException',
): void {
  for (const name of usernameAttributes(pool)) {
    const value = attributes[name]
    if (value === undefined) continue
    if (getUsersByAttribute(pool, name, value).some((u) => u !== self)) {
      throw new CognitoError(errorName, `An account with the given ${name} already exists.`)
    }
  }
}

interface AliasConflict {
  holder: UserRecord
  attribute: string
}

function aliasConflicts(
  pool: PoolRecord,
  attributes: Record<string, string | undefined>,
  self: UserRecord | undefined,
): AliasConflict[] {
  const conflicts: AliasConflict[] = []
  for (const attribute of aliasAttributes(pool)) {
    const value = attributes[attribute]
    if (value === undefined) continue
    const flag = `${attribute}_verified`
    if (attribute !== 'preferred_username' && attributes[flag] !== 'true') continue
    for (const holder of getUsersByAttribute(pool, attribute, value)) {
      if (holder === self) continue
      if (attribute === 'preferred_username' || holder.attributes[flag] === 'true') {
        conflicts.push({ holder, attribute })
      }
    }
  }
  return conflicts
}

/**
 * Verified aliases (AliasAttributes) are unique in a pool. Checks that `attributes` can take theirs: another
 * user's verified email or phone number fails with AliasExistsException unless `force` (ForceAliasCreation, or
 * AdminUpdateUserAttributes, which always moves it); a taken preferred_username always fails. Returns what moves
 * the aliases, to run once every other check has passed: the previous holders keep the value, unverified.
 */
export function claimAliases(
  pool: PoolRecord,
  attributes: Record<string, string | undefined>,
  self: UserRecord | undefined,
  force: boolean,
): (now: number) => void {
  const conflicts = aliasConflicts(pool, attributes, self)
  const refused = conflicts.find((c) => !force || c.attribute === 'preferred_username')
  if (refused) {
    throw new CognitoError('AliasExistsException', `An account with the ${refused.attribute} already exists.`)
  }
  return (now) => {
    for (const { holder, attribute } of conflicts) {
      updateAttributes(pool, holder, { [`${attribute}_verified`]: 'false' })
      holder.modified = now
    }
  }
}
