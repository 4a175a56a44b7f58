import type { Context } from '../../src/core/context.ts'
import {
  getUserBySub,
  getUserByUsername,
  getUsersByAttribute,
  refreshTokensOf,
  usernameKey,
  usersAfter,
} from '../../src/core/indexes.ts'
import { requireClient } from '../../src/core/lookup.ts'
import type { PoolRecord, UserRecord } from '../../src/core/state.ts'
import { findGroup, type GroupRecord } from '../../src/operations/groups/group-records.ts'
import { membersOf } from '../../src/operations/groups/members.ts'

const INDEXED_ATTRIBUTES = ['email', 'phone_number', 'preferred_username'] as const

/**
 * Names and ids ever seen in a state, so that the check can ask the derived lookups about things that are gone
 * (a deleted user, client or group must not be found through a stale index entry).
 */
export interface Seen {
  usernames: Map<string, Set<string>>
  subs: Set<string>
  attributes: Map<string, Set<string>>
  groups: Map<string, Set<string>>
  clients: Set<string>
}

/** Remembers names a request used (a username, a group name), so that later checks ask the lookups about them. */
export function noteNames(seen: Seen, input: unknown): void {
  if (!input || typeof input !== 'object') return
  const { UserPoolId, Username, GroupName, ClientId } = input as Record<string, unknown>
  if (typeof UserPoolId === 'string') {
    if (typeof Username === 'string') add(seen.usernames, UserPoolId, Username)
    if (typeof GroupName === 'string') add(seen.groups, UserPoolId, GroupName)
  }
  if (typeof ClientId === 'string') seen.clients.add(ClientId)
}

export const newSeen = (): Seen => ({
  usernames: new Map(),
  subs: new Set(),
  attributes: new Map(),
  groups: new Map(),
  clients: new Set(),
})

function add(map: Map<string, Set<string>>, key: string, value: string): void {
  const set = map.get(key)
  if (set) set.add(value)
  else map.set(key, new Set([value]))
}

/**
 * Checks what must hold of the state after any operation, successful or not, and throws a description of every
 * violation: references between pools, clients, users, groups, sessions and refresh tokens resolve; the derived
 * indexes (users by username/sub/alias, group members, client → pool, group names) agree with the data;
 * usernames are unique under the pool's case rules, subs are unique everywhere; the state is plain JSON data.
 */
export function checkInvariants(ctx: Context, seen: Seen = newSeen()): void {
  const problems: string[] = []
  const state = ctx.state
  const userOwner = new Map<UserRecord, string>()
  const clientOwner = new Map<string, string>()
  const subOwner = new Map<string, string>()

  for (const [poolId, pool] of Object.entries(state.pools)) {
    const where = (what: string) => problems.push(`pool ${poolId}: ${what}`)
    if (pool.config.Id !== poolId) where(`is stored under another id than its own (${pool.config.Id})`)
    checkClients(ctx, poolId, pool, clientOwner, where)
    checkUsers(poolId, pool, userOwner, subOwner, where)
    checkGroups(pool, where)
    checkTokens(pool, where)
    checkStaleLookups(ctx, poolId, pool, seen, where)
    remember(poolId, pool, seen)
  }
  for (const [id, session] of Object.entries(state.sessions)) {
    const pool = state.pools[session.userPoolId]
    if (!pool) problems.push(`session ${id.slice(0, 12)}… belongs to a deleted pool ${session.userPoolId}`)
    else if (!pool.clients[session.clientId])
      problems.push(`session ${id.slice(0, 12)}… belongs to a deleted client ${session.clientId}`)
  }
  checkPlainData(state, 'state', problems)
  if (problems.length > 0) throw new Error(`State invariants violated:\n- ${problems.join('\n- ')}`)
}

function checkClients(
  ctx: Context,
  poolId: string,
  pool: PoolRecord,
  owner: Map<string, string>,
  where: (what: string) => void,
) {
  for (const [clientId, client] of Object.entries(pool.clients)) {
    if (client.ClientId !== clientId) where(`client ${clientId} is stored under another id`)
    if (client.UserPoolId !== poolId) where(`client ${clientId} names pool ${client.UserPoolId}`)
    const other = owner.get(clientId)
    if (other !== undefined) where(`client ${clientId} is also in pool ${other}`)
    owner.set(clientId, poolId)
    try {
      const found = requireClient(ctx, clientId)
      if (found.pool !== pool || found.client !== client)
        where(`the client index resolves ${clientId} wrongly`)
    } catch {
      where(`the client index does not find client ${clientId}`)
    }
  }
}

function checkUsers(
  poolId: string,
  pool: PoolRecord,
  owner: Map<UserRecord, string>,
  subOwner: Map<string, string>,
  where: (what: string) => void,
) {
  const keys = new Map<string, string>()
  for (const [name, user] of Object.entries(pool.users)) {
    const who = `user ${JSON.stringify(name)}`
    if (user.username !== name) where(`${who} is stored under another name (${user.username})`)
    const other = owner.get(user)
    if (other !== undefined) where(`${who} is also in pool ${other}`)
    owner.set(user, poolId)
    const key = usernameKey(pool, user.username)
    const clash = keys.get(key)
    if (clash !== undefined) where(`${who} and ${JSON.stringify(clash)} are the same username in this pool`)
    keys.set(key, name)
    if (getUserByUsername(pool, user.username) !== user) where(`the username index does not find ${who}`)

    const sub = user.attributes.sub
    if (typeof sub !== 'string' || sub === '') where(`${who} has no sub`)
    else {
      const subClash = subOwner.get(sub)
      if (subClash !== undefined) where(`${who} has the sub of ${subClash}`)
      subOwner.set(sub, `${poolId}/${name}`)
      if (getUserBySub(pool, sub) !== user) where(`the sub index does not find ${who}`)
    }
    for (const attribute of INDEXED_ATTRIBUTES) {
      const value = user.attributes[attribute]
      if (value !== undefined && !getUsersByAttribute(pool, attribute, value).includes(user))
        where(`the ${attribute} index does not find ${who}`)
    }
    for (const [attribute, value] of Object.entries(user.attributes)) {
      if (typeof value !== 'string') where(`${who} has a non-string attribute ${attribute}`)
    }
    if (new Set(user.groups).size !== user.groups.length) where(`${who} lists a group twice`)
    for (const group of user.groups) {
      if (!Object.hasOwn(pool.groups, group))
        where(`${who} belongs to a missing group ${JSON.stringify(group)}`)
    }
  }
  // The username order ListUsers pages in: every user once, in code-unit order, from any starting point.
  const ordered = [...usersAfter(pool)]
  const expected = Object.values(pool.users).sort((a, b) => (a.username < b.username ? -1 : 1))
  if (ordered.length !== expected.length || ordered.some((u, i) => u !== expected[i]))
    where('the username order index does not list the users in username order')
  const middle = expected[expected.length >> 1]
  if (middle && usersAfter(pool, middle.username).next().value !== expected[(expected.length >> 1) + 1])
    where(`the username order index does not resume after ${JSON.stringify(middle.username)}`)
}

function checkGroups(pool: PoolRecord, where: (what: string) => void) {
  const folded = new Map<string, string>()
  for (const [name, raw] of Object.entries(pool.groups)) {
    const group = raw as GroupRecord
    if (group.GroupName !== name) where(`group ${name} is stored under another name`)
    if (group.UserPoolId !== pool.config.Id) where(`group ${name} names pool ${group.UserPoolId}`)
    const clash = folded.get(name.toLowerCase())
    if (clash !== undefined) where(`groups ${name} and ${clash} differ only in case`)
    folded.set(name.toLowerCase(), name)
    if (findGroup(pool, name) !== group) where(`the group name index does not find ${name}`)
    const upper = name.toUpperCase()
    if (upper.toLowerCase() === name.toLowerCase() && findGroup(pool, upper) !== group)
      where(`the group name index is case-sensitive for ${name}`)
    const expected = Object.values(pool.users).filter((u) => u.groups.includes(name))
    const indexed = membersOf(pool, group)
    if (indexed.length !== expected.length || expected.some((u) => !indexed.includes(u)))
      where(
        `the members index of ${name} lists [${indexed.map((u) => u.username)}], the users say [${expected.map((u) => u.username)}]`,
      )
  }
}

function checkTokens(pool: PoolRecord, where: (what: string) => void) {
  const indexed = new Map<string, Set<string>>()
  const byUsername = (username: string) => {
    let tokens = indexed.get(username)
    if (!tokens) {
      tokens = new Set(refreshTokensOf(pool, username).map(([token]) => token))
      indexed.set(username, tokens)
    }
    return tokens
  }
  for (const [token, record] of Object.entries(pool.refreshTokens)) {
    const which = `refresh token ${token.slice(-8)}`
    if (!byUsername(record.username).has(token))
      where(`the refresh token index does not find ${which} under ${JSON.stringify(record.username)}`)
    if (!pool.clients[record.clientId]) where(`${which} belongs to a deleted client ${record.clientId}`)
    const revoked = record.revoked || pool.revokedOrigins[record.originJti] !== undefined
    if (!revoked && !Object.hasOwn(pool.users, record.username))
      where(`${which} is live for a deleted user ${JSON.stringify(record.username)}`)
  }
}

/** Lookups of names and ids that were seen before must find a current record that matches, or nothing. */
function checkStaleLookups(
  ctx: Context,
  poolId: string,
  pool: PoolRecord,
  seen: Seen,
  where: (what: string) => void,
) {
  const live = (user: UserRecord | undefined) => !user || pool.users[user.username] === user
  for (const name of seen.usernames.get(poolId) ?? []) {
    const user = getUserByUsername(pool, name)
    if (!live(user) || (user && usernameKey(pool, user.username) !== usernameKey(pool, name)))
      where(`the username index still finds a stale user for ${JSON.stringify(name)}`)
  }
  for (const sub of seen.subs) {
    const user = getUserBySub(pool, sub)
    if (!live(user) || (user && user.attributes.sub !== sub))
      where(`the sub index still finds a stale user for ${sub}`)
  }
  for (const key of seen.attributes.get(poolId) ?? []) {
    const [attribute, value] = key.split('\u0000') as [string, string]
    for (const user of getUsersByAttribute(pool, attribute, value)) {
      const held = user.attributes[attribute]
      const same = held !== undefined && getUsersByAttribute(pool, attribute, held).includes(user)
      if (!live(user) || held === undefined || !same)
        where(`the ${attribute} index still finds ${user.username} for ${JSON.stringify(value)}`)
    }
  }
  for (const name of seen.groups.get(poolId) ?? []) {
    const group = findGroup(pool, name)
    if (
      group &&
      (!Object.hasOwn(pool.groups, group.GroupName) ||
        pool.groups[group.GroupName] !== group ||
        group.GroupName.toLowerCase() !== name.toLowerCase())
    )
      where(`the group name index still finds a stale group for ${name}`)
  }
  for (const clientId of seen.clients) {
    let found: ReturnType<typeof requireClient> | undefined
    try {
      found = requireClient(ctx, clientId)
    } catch {
      continue
    }
    if (found.pool.clients[clientId] !== found.client || ctx.state.pools[found.pool.config.Id] !== found.pool)
      where(`the client index still finds a stale client ${clientId}`)
  }
}

function remember(poolId: string, pool: PoolRecord, seen: Seen) {
  for (const user of Object.values(pool.users)) {
    add(seen.usernames, poolId, user.username)
    if (user.attributes.sub) seen.subs.add(user.attributes.sub)
    for (const attribute of INDEXED_ATTRIBUTES) {
      const value = user.attributes[attribute]
      if (value !== undefined) add(seen.attributes, poolId, `${attribute}\u0000${value}`)
    }
  }
  for (const name of Object.keys(pool.groups)) add(seen.groups, poolId, name)
  for (const clientId of Object.keys(pool.clients)) seen.clients.add(clientId)
}

/** The state must survive JSON: no NaN or infinite numbers, no class instances, no functions, no cycles. */
function checkPlainData(value: unknown, path: string, problems: string[], depth = 0): void {
  if (depth > 64) {
    problems.push(`${path} is nested deeper than 64 levels`)
    return
  }
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) problems.push(`${path} is ${value}`)
    return
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      checkPlainData(v, `${path}[${i}]`, problems, depth + 1)
    })
    return
  }
  const proto = typeof value === 'object' ? Object.getPrototypeOf(value) : undefined
  // Keyed records are prototype-less (src/core/state.ts dict()); anything else must be a plain object.
  if (typeof value === 'object' && (proto === Object.prototype || proto === null)) {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (v !== undefined) checkPlainData(v, `${path}.${k}`, problems, depth + 1)
    }
    return
  }
  problems.push(
    typeof value === 'object'
      ? `${path} is not a plain object or record (its prototype was replaced, e.g. by assigning "__proto__")`
      : `${path} is not JSON data (${typeof value})`,
  )
}
