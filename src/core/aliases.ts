import { errors } from './errors.ts'
import { getUsersByAttribute, updateAttributes } from './indexes.ts'
import type { PoolRecord, UserRecord } from './state.ts'
import { aliasAttributes, EMAIL, PHONE, usernameAttributes } from './users.ts'

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

/**
 * Where email or phone number is the username (UsernameAttributes), no two users may hold the same one, verified
 * or not: `errorName` with `An account with the given <attribute> already exists.`
 */
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
      throw errors.signInNameExists(errorName, name, 'username')
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
 * user's verified email or phone number fails with AliasExistsException `An account with the <attribute> already
 * exists.` unless `force` (ForceAliasCreation, or AdminUpdateUserAttributes, which always moves it); a taken
 * preferred_username always fails. Returns what moves the aliases, to run once every other check has passed: the
 * previous holders keep the value, unverified.
 */
export function claimAliases(
  pool: PoolRecord,
  attributes: Record<string, string | undefined>,
  self: UserRecord | undefined,
  force: boolean,
): (now: number) => void {
  const conflicts = aliasConflicts(pool, attributes, self)
  const refused = conflicts.find((c) => !force || c.attribute === 'preferred_username')
  if (refused) throw errors.signInNameExists('AliasExistsException', refused.attribute, 'alias')
  return (now) => {
    for (const { holder, attribute } of conflicts) {
      updateAttributes(pool, holder, { [`${attribute}_verified`]: 'false' })
      holder.modified = now
    }
  }
}

/**
 * Before `user` gets `value` verified as `attribute` (ConfirmSignUp, VerifyUserAttribute): refuses a value that
 * is another user's username (UsernameAttributes), and an alias another user has verified unless `force`
 * (ForceAliasCreation). Returns what moves the alias, as `claimAliases`.
 */
export function claimVerifiedContact(
  pool: PoolRecord,
  user: UserRecord,
  attribute: 'email' | 'phone_number',
  value: string,
  force: boolean,
): (now: number) => void {
  const claimed = { [attribute]: value, [`${attribute}_verified`]: 'true' }
  checkUsernameAttributesUnique(pool, claimed, user, 'AliasExistsException')
  return claimAliases(pool, claimed, user, force)
}
