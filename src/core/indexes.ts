import type { PoolRecord, RefreshTokenRecord, UserRecord } from './state.ts'

/**
 * Lookups derived from a pool's users. Built from the data on first use (so a restored snapshot needs no
 * migration) and kept in step by `addUser`, `removeUser` and `updateAttributes`.
 */
interface PoolIndex {
  /** Normalized username → user. */
  byUsername: Map<string, UserRecord>
  bySub: Map<string, UserRecord>
  /**
   * `<attribute>\u0000<normalized value>` → the user holding that value (email, phone_number,
   * preferred_username), or a Set when several do (a Set per user would cost ~300 bytes each).
   */
  byAttribute: Map<string, UserRecord | Set<UserRecord>>
  /**
   * Every user in username order (code units, as ListUsers pages them), made on the first `usersAfter`. Kept in
   * chunks of at most CHUNK users, so that adding or removing a user moves at most a chunk's entries, not the
   * whole pool's (a move of n entries costs V8 a write barrier each while the GC is marking).
   */
  ordered?: UserRecord[][]
}

const CHUNK = 256

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
    const held = idx.byAttribute.get(key)
    if (held === undefined) idx.byAttribute.set(key, user)
    else if (held instanceof Set) held.add(user)
    else if (held !== user) idx.byAttribute.set(key, new Set([held, user]))
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
    const held = idx.byAttribute.get(key)
    if (held === user) idx.byAttribute.delete(key)
    else if (held instanceof Set) {
      held.delete(user)
      if (held.size === 1) idx.byAttribute.set(key, held.values().next().value!)
    }
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
  const held = index(pool).byAttribute.get(attributeKey(pool, name, value))
  return held === undefined ? [] : held instanceof Set ? [...held] : [held]
}

export function addUser(pool: PoolRecord, user: UserRecord): void {
  pool.users[user.username] = user
  const idx = index(pool) // build first, so the new user is indexed exactly once
  indexUser(pool, idx, user)
  if (idx.ordered) insertOrdered(idx.ordered, user)
}

export function removeUser(pool: PoolRecord, user: UserRecord): void {
  const idx = index(pool)
  unindexUser(pool, idx, user)
  if (idx.ordered && !removeOrdered(idx.ordered, user)) idx.ordered = undefined // not where it belongs: rebuild
  delete pool.users[user.username]
}

/**
 * The pool's users in username order (code units), from the first one after `username` (all of them without
 * it): the order in which ListUsers pages them. Do not change the pool while iterating.
 */
export function* usersAfter(pool: PoolRecord, username?: string): Generator<UserRecord> {
  const chunks = orderedChunks(pool)
  let c = username === undefined ? 0 : chunkFor(chunks, username, false)
  let i = username === undefined || c === chunks.length ? 0 : firstAfter(chunks[c]!, username, false)
  for (; c < chunks.length; c++, i = 0) {
    const chunk = chunks[c]!
    for (; i < chunk.length; i++) yield chunk[i]!
  }
}

function orderedChunks(pool: PoolRecord): UserRecord[][] {
  const idx = index(pool)
  if (!idx.ordered) {
    const all = Object.values(pool.users).sort((a, b) => compare(a.username, b.username))
    idx.ordered = []
    for (let i = 0; i < all.length; i += CHUNK) idx.ordered.push(all.slice(i, i + CHUNK))
  }
  return idx.ordered
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/**
 * The first of `length` positions whose username (`usernameAt`, ascending) is after `username`, or equal to it
 * with `inclusive`; `length` if none is.
 */
function lowerBound(
  length: number,
  usernameAt: (i: number) => string,
  username: string,
  inclusive: boolean,
): number {
  let low = 0
  let high = length
  while (low < high) {
    const mid = (low + high) >>> 1
    const c = compare(usernameAt(mid), username)
    if (c < 0 || (c === 0 && !inclusive)) low = mid + 1
    else high = mid
  }
  return low
}

/** The position in a chunk of the first user after `username` (or equal to it, with `inclusive`). */
const firstAfter = (chunk: readonly UserRecord[], username: string, inclusive: boolean): number =>
  lowerBound(chunk.length, (i) => chunk[i]!.username, username, inclusive)

/** The first chunk whose last user is after `username` (or equal, with `inclusive`); `chunks.length` if none. */
const chunkFor = (chunks: readonly UserRecord[][], username: string, inclusive: boolean): number =>
  lowerBound(chunks.length, (i) => chunks[i]!.at(-1)!.username, username, inclusive)

function insertOrdered(chunks: UserRecord[][], user: UserRecord): void {
  if (chunks.length === 0) {
    chunks.push([user])
    return
  }
  // Into the chunk it sorts within, or at the end of the last one.
  const c = Math.min(chunkFor(chunks, user.username, true), chunks.length - 1)
  const chunk = chunks[c]!
  chunk.splice(firstAfter(chunk, user.username, true), 0, user)
  if (chunk.length > CHUNK) chunks.splice(c + 1, 0, chunk.splice(CHUNK / 2))
}

/** Takes `user` out of the chunks; false if it is not where its username says it should be. */
function removeOrdered(chunks: UserRecord[][], user: UserRecord): boolean {
  const c = chunkFor(chunks, user.username, true)
  const chunk = chunks[c]
  if (!chunk) return false
  const at = firstAfter(chunk, user.username, true)
  if (chunk[at] !== user) return false
  chunk.splice(at, 1)
  if (chunk.length === 0) chunks.splice(c, 1)
  return true
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

/**
 * Refresh tokens by username, derived from `pool.refreshTokens` (keyed on that record, so a replaced record gets
 * a new index). Entries whose token is gone or belongs to another user are skipped and dropped when read, so
 * code that deletes tokens without telling the index (e.g. DeleteUserPoolClient) leaves nothing wrong behind.
 */
const tokenIndexes = new WeakMap<Record<string, RefreshTokenRecord>, Map<string, Set<string>>>()

function tokenIndex(pool: PoolRecord): Map<string, Set<string>> {
  let idx = tokenIndexes.get(pool.refreshTokens)
  if (!idx) {
    idx = new Map()
    tokenIndexes.set(pool.refreshTokens, idx)
    for (const [token, record] of Object.entries(pool.refreshTokens)) indexToken(idx, token, record.username)
  }
  return idx
}

function indexToken(idx: Map<string, Set<string>>, token: string, username: string): void {
  const held = idx.get(username)
  if (held) held.add(token)
  else idx.set(username, new Set([token]))
}

/** Stores a new refresh token and indexes it under its username. */
export function addRefreshToken(pool: PoolRecord, token: string, record: RefreshTokenRecord): void {
  const idx = tokenIndex(pool) // build first, so the new token is indexed exactly once
  pool.refreshTokens[token] = record
  indexToken(idx, token, record.username)
}

/** The refresh tokens stored for `username` (its exact stored username), as [token, record] pairs. */
export function refreshTokensOf(pool: PoolRecord, username: string): [string, RefreshTokenRecord][] {
  const idx = tokenIndex(pool)
  const held = idx.get(username)
  if (!held) return []
  const found: [string, RefreshTokenRecord][] = []
  for (const token of held) {
    const record = Object.hasOwn(pool.refreshTokens, token) ? pool.refreshTokens[token] : undefined
    if (record?.username === username) found.push([token, record])
    else held.delete(token)
  }
  if (held.size === 0) idx.delete(username)
  return found
}

/** Deletes every refresh token stored for `username`. */
export function removeRefreshTokensOf(pool: PoolRecord, username: string): void {
  for (const [token] of refreshTokensOf(pool, username)) delete pool.refreshTokens[token]
  tokenIndex(pool).delete(username)
}
