import type { PoolRecord, UserRecord } from './state.ts'

/**
 * Lookups derived from a pool's users. Built from the data on first use (so a restored snapshot needs no
 * migration) and kept in step by `addUser`, `removeUser` and `updateAttributes`.
 */
interface PoolIndex {
  /** Normalized username → user. */
  byUsername: Map<string, UserRecord>
  bySub: Map<string, UserRecord>
  /** `<attribute>\u0000<normalized value>` → users holding that value (email, phone_number, preferred_username). */
  byAttribute: Map<string, Set<UserRecord>>
}

const INDEXED_ATTRIBUTES = ['email', 'phone_number', 'preferred_username'] as const
const indexes = new WeakMap<PoolRecord, PoolIndex>()

/** Whether usernames (and email, preferred_username) compare case-insensitively in this pool. */
export function isCaseInsensitive(pool: PoolRecord): boolean {
  const cfg = pool.config.UsernameConfiguration as { CaseSensitive?: boolean } | undefined
  return cfg?.CaseSensitive === false
}

/** The key a username is stored and looked up under. */
export function usernameKey(pool: PoolRecord, username: string): string {
  return isCaseInsensitive(pool) ? username.toLowerCase() : username
}

function attributeKey(pool: PoolRecord, name: string, value: string): string {
  const v = name !== 'phone_number' && isCaseInsensitive(pool) ? value.toLowerCase() : value
  return `${name}\u0000${v}`
}

function index(pool: PoolRecord): PoolIndex {
  let idx = indexes.get(pool)
  if (!idx) {
    idx = { byUsername: new Map(), bySub: new Map(), byAttribute: new Map() }
    indexes.set(pool, idx)
    for (const user of Object.values(pool.users)) indexUser(pool, idx, user)
  }
  return idx
}

function indexUser(pool: PoolRecord, idx: PoolIndex, user: UserRecord): void {
  idx.byUsername.set(usernameKey(pool, user.username), user)
  const sub = user.attributes.sub
  if (sub) idx.bySub.set(sub, user)
  for (const name of INDEXED_ATTRIBUTES) {
    const value = user.attributes[name]
    if (value === undefined) continue
    const key = attributeKey(pool, name, value)
    const set = idx.byAttribute.get(key)
    if (set) set.add(user)
    else idx.byAttribute.set(key, new Set([user]))
  }
}

function unindexUser(pool: PoolRecord, idx: PoolIndex, user: UserRecord): void {
  idx.byUsername.delete(usernameKey(pool, user.username))
  const sub = user.attributes.sub
  if (sub) idx.bySub.delete(sub)
  for (const name of INDEXED_ATTRIBUTES) {
    const value = user.attributes[name]
    if (value === undefined) continue
    const key = attributeKey(pool, name, value)
    const set = idx.byAttribute.get(key)
    set?.delete(user)
    if (set?.size === 0) idx.byAttribute.delete(key)
  }
}

/** The user stored under exactly this username (after case folding where the pool says so). */
export function getUserByUsername(pool: PoolRecord, username: string): UserRecord | undefined {
  return index(pool).byUsername.get(usernameKey(pool, username))
}

export function getUserBySub(pool: PoolRecord, sub: string): UserRecord | undefined {
  return index(pool).bySub.get(sub)
}

/** Users whose attribute `name` holds `value` (email, phone_number or preferred_username). */
export function getUsersByAttribute(pool: PoolRecord, name: string, value: string): UserRecord[] {
  const set = index(pool).byAttribute.get(attributeKey(pool, name, value))
  return set ? [...set] : []
}

export function addUser(pool: PoolRecord, user: UserRecord): void {
  pool.users[user.username] = user
  index(pool) // build first, so the new user is indexed exactly once
  indexUser(pool, index(pool), user)
}

export function removeUser(pool: PoolRecord, user: UserRecord): void {
  unindexUser(pool, index(pool), user)
  delete pool.users[user.username]
}

/** Applies attribute changes (a value of `undefined` deletes) and keeps the indexes in step. */
export function updateAttributes(
  pool: PoolRecord,
  user: UserRecord,
  changes: Record<string, string | undefined>,
): void {
  const idx = index(pool)
  unindexUser(pool, idx, user)
  for (const [name, value] of Object.entries(changes)) {
    if (value === undefined) delete user.attributes[name]
    else user.attributes[name] = value
  }
  indexUser(pool, idx, user)
}

/** Forgets the derived lookups of a pool, e.g. after its users were replaced wholesale. */
export function dropIndex(pool: PoolRecord): void {
  indexes.delete(pool)
}
