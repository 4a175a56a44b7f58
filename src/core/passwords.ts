import { errors } from './errors.ts'
import { randomBytes } from './ids.ts'
import { sha256Hex, timingSafeEqual } from './sha256.ts'
import type { PoolRecord } from './state.ts'

/** AWS's default password policy. */
export const DEFAULT_PASSWORD_POLICY = {
  MinimumLength: 8,
  RequireUppercase: true,
  RequireLowercase: true,
  RequireNumbers: true,
  RequireSymbols: true,
  TemporaryPasswordValidityDays: 7,
}

/** The special characters Cognito counts as symbols (and the space). */
export const SYMBOLS = '^$*.[]{}()?"!@#%&/\\,><\':;|_~`=+- '
/** Any of SYMBOLS (all ASCII, so a code unit test is a code point test). */
const SYMBOL = new RegExp(`[${SYMBOLS.replace(/[\\\]^-]/g, '\\$&')}]`)

interface PasswordPolicy {
  MinimumLength?: number
  RequireUppercase?: boolean
  RequireLowercase?: boolean
  RequireNumbers?: boolean
  RequireSymbols?: boolean
}

export function passwordPolicy(pool: PoolRecord): PasswordPolicy {
  const policies = pool.config.Policies as { PasswordPolicy?: PasswordPolicy } | undefined
  return policies?.PasswordPolicy ?? DEFAULT_PASSWORD_POLICY
}

/**
 * Enforces the pool's password policy with Cognito's messages, in Cognito's order: length, lowercase,
 * uppercase, numbers, symbols.
 */
export function checkPasswordPolicy(pool: PoolRecord, password: string): void {
  const policy = passwordPolicy(pool)
  if (password.length < (policy.MinimumLength ?? 8)) throw errors.invalidPassword('Password not long enough')
  if (policy.RequireLowercase && !/\p{Ll}/u.test(password)) {
    throw errors.invalidPassword('Password must have lowercase characters')
  }
  if (policy.RequireUppercase && !/\p{Lu}/u.test(password)) {
    throw errors.invalidPassword('Password must have uppercase characters')
  }
  if (policy.RequireNumbers && !/[0-9]/.test(password)) {
    throw errors.invalidPassword('Password must have numeric characters')
  }
  if (policy.RequireSymbols && !SYMBOL.test(password)) {
    throw errors.invalidPassword('Password must have symbol characters')
  }
}

/** The part of a pool id after `_`, which Cognito's SRP calls the pool name. */
export const poolNamePart = (poolId: string): string => poolId.slice(poolId.indexOf('_') + 1)

/**
 * What we keep instead of a password: SHA-256 of `<pool name part><username>:<password>`, which is also the
 * inner hash of Cognito's SRP verifier (see decisions/0003-password-storage.md).
 */
export function hashPassword(poolId: string, username: string, password: string): string {
  return sha256Hex(`${poolNamePart(poolId)}${username}:${password}`)
}

export function passwordMatches(poolId: string, username: string, password: string, hash: string): boolean {
  return timingSafeEqual(hashPassword(poolId, username, password), hash)
}

const PASSWORD_SETS = [
  'abcdefghijkmnopqrstuvwxyz',
  'ABCDEFGHJKLMNPQRSTUVWXYZ',
  '23456789',
  '^$*.[]{}()?!@#%&',
]
const PASSWORD_CHARACTERS = PASSWORD_SETS.join('')

/** A random password that satisfies the pool's policy, for invitations without a TemporaryPassword. */
export function generatePassword(pool: PoolRecord): string {
  const length = Math.max(passwordPolicy(pool).MinimumLength ?? 8, 8) + 2
  // One draw for the whole password: a character from each set, then any characters.
  const random = new Uint32Array(randomBytes(4 * length).buffer)
  let password = ''
  for (let i = 0; i < length; i++) {
    const set = PASSWORD_SETS[i] ?? PASSWORD_CHARACTERS
    password += set[random[i]! % set.length]
  }
  return password
}
