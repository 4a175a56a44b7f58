import { errors } from '../../core/errors.ts'
import {
  getUserBySub,
  getUserByUsername,
  getUsersByAttribute,
  isCaseInsensitive,
} from '../../core/indexes.ts'
import type { PoolRecord, UserRecord } from '../../core/state.ts'

/** The attributes ListUsers can search, as the API reference lists them. */
const SEARCHABLE = new Set([
  'username',
  'email',
  'phone_number',
  'name',
  'given_name',
  'family_name',
  'preferred_username',
  'cognito:user_status',
  'status',
  'sub',
])

/** `attribute = "value"` or `attribute ^= "value"`, spaces optional, `\"` inside the value. */
const GRAMMAR = /^\s*([^\s=^"]+)\s*(=|\^=)\s*"((?:[^"\\]|\\.)*)"\s*$/

export interface Filter {
  attribute: string
  prefix: boolean
  value: string
}

/** Parses a ListUsers Filter; an empty one is no filter. */
export function parseFilter(text: string | undefined): Filter | undefined {
  if (text === undefined || text.trim() === '') return undefined
  const match = GRAMMAR.exec(text)
  if (!match) throw errors.invalidParameter('Error while parsing filter')
  const [, attribute = '', operator, quoted = ''] = match
  if (!SEARCHABLE.has(attribute)) throw errors.invalidParameter(`Invalid search attribute: ${attribute}`)
  return { attribute, prefix: operator === '^=', value: quoted.replace(/\\(.)/g, '$1') }
}

/** The value a filter compares: `status` is Enabled/Disabled, `cognito:user_status` the UserStatus. */
function searchedValue(user: UserRecord, attribute: string): string | undefined {
  if (attribute === 'username') return user.username
  if (attribute === 'status') return user.enabled ? 'Enabled' : 'Disabled'
  if (attribute === 'cognito:user_status') return user.status
  return user.attributes[attribute]
}

/** Which comparisons ignore case: the user status always, usernames and emails in a case-insensitive pool. */
function folds(pool: PoolRecord, attribute: string): boolean {
  if (attribute === 'cognito:user_status') return true
  return isCaseInsensitive(pool) && ['username', 'email', 'preferred_username'].includes(attribute)
}

export function matcher(pool: PoolRecord, filter: Filter): (user: UserRecord) => boolean {
  const fold = folds(pool, filter.attribute)
  const wanted = fold ? filter.value.toLowerCase() : filter.value
  return (user) => {
    const raw = searchedValue(user, filter.attribute)
    if (raw === undefined) return false
    const value = fold ? raw.toLowerCase() : raw
    return filter.prefix ? value.startsWith(wanted) : value === wanted
  }
}

const INDEXED = new Set(['email', 'phone_number', 'preferred_username'])

/**
 * The users an exact filter on username, sub, email, phone number or preferred_username can match, from the
 * indexes; `undefined` for any other filter, whose matches are found by walking the users in order.
 */
export function candidates(pool: PoolRecord, filter: Filter): UserRecord[] | undefined {
  if (filter.prefix) return undefined
  const { attribute, value } = filter
  if (attribute === 'username') {
    const user = getUserByUsername(pool, value)
    return user ? [user] : []
  }
  if (attribute === 'sub') {
    const user = getUserBySub(pool, value)
    return user ? [user] : []
  }
  if (INDEXED.has(attribute)) return getUsersByAttribute(pool, attribute, value)
  return undefined
}
