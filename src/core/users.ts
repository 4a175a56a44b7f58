import { errors } from './errors.ts'
import {
  getUserBySub,
  getUserByUsername,
  getUsersByAttribute,
  removeRefreshTokensOf,
  removeUser,
} from './indexes.ts'
import type { PoolRecord, UserRecord } from './state.ts'

type SignInAttribute = 'email' | 'phone_number' | 'preferred_username'

/** The pool's UsernameAttributes (email / phone_number used as the username; the stored username is the sub). */
export const usernameAttributes = (pool: PoolRecord): string[] =>
  (pool.config.UsernameAttributes as string[] | undefined) ?? []

/** The pool's AliasAttributes (email / phone_number / preferred_username usable to sign in). */
export const aliasAttributes = (pool: PoolRecord): string[] =>
  (pool.config.AliasAttributes as string[] | undefined) ?? []

/**
 * Finds a user the way Cognito resolves the `Username` parameter: the username itself, then an email or phone
 * number used as username (UsernameAttributes), then an alias (verified email/phone, or preferred_username),
 * then the `sub`.
 */
export function findUser(pool: PoolRecord, name: string): UserRecord | undefined {
  const direct = getUserByUsername(pool, name)
  if (direct) return direct
  for (const attribute of usernameAttributes(pool) as SignInAttribute[]) {
    const [user] = getUsersByAttribute(pool, attribute, name)
    if (user) return user
  }
  for (const attribute of aliasAttributes(pool) as SignInAttribute[]) {
    const match = getUsersByAttribute(pool, attribute, name).find(
      (u) => attribute === 'preferred_username' || u.attributes[`${attribute}_verified`] === 'true',
    )
    if (match) return match
  }
  return getUserBySub(pool, name)
}

/** Deletes a user (AdminDeleteUser, DeleteUser) and the refresh tokens it held. */
export function removeUserAndTokens(pool: PoolRecord, user: UserRecord): void {
  removeUser(pool, user)
  removeRefreshTokensOf(pool, user.username)
}

/** `findUser`, or Cognito's `UserNotFoundException` `User does not exist.` */
export function requireUser(pool: PoolRecord, name: string): UserRecord {
  const user = findUser(pool, name)
  if (!user) throw errors.userNotFound()
  return user
}

/** What Cognito takes for an email or a phone number where one may stand for a username. */
export const EMAIL: RegExp = /^[^@\s]+@[^@\s]+$/
export const PHONE: RegExp = /^\+[0-9]{4,15}$/

/**
 * For a new user: the username to store and the attributes it implies. Where email or phone number is the
 * username (UsernameAttributes), the given name must be one, it becomes that attribute, and the stored username is
 * the sub. Throws Cognito's errors for a malformed name or a taken username, email or phone number.
 */
export function newUsername(
  pool: PoolRecord,
  given: string,
  sub: string,
): { username: string; implied: Record<string, string> } {
  const kinds = usernameAttributes(pool)
  if (kinds.length === 0) {
    if (getUserByUsername(pool, given)) throw errors.usernameExists()
    return { username: given, implied: {} }
  }
  const isEmail = EMAIL.test(given)
  const isPhone = PHONE.test(given)
  const attribute =
    isEmail && kinds.includes('email')
      ? 'email'
      : isPhone && kinds.includes('phone_number')
        ? 'phone_number'
        : undefined
  if (!attribute) {
    const message =
      kinds.length > 1
        ? 'Username should be either an email or a phone number.'
        : kinds[0] === 'email'
          ? 'Username should be an email.'
          : 'Username should be a phone number.'
    throw errors.invalidParameter(message)
  }
  if (getUsersByAttribute(pool, attribute, given).length > 0) {
    throw errors.signInNameExists('UsernameExistsException', attribute, 'username')
  }
  return { username: sub, implied: { [attribute]: given } }
}
