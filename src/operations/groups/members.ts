import type { PoolRecord, UserRecord } from '../../core/state.ts'
import type { GroupRecord } from './group-records.ts'

/**
 * Members of each group, derived from the users' own `groups` lists (the only truth), so that DeleteGroup and
 * ListUsersInGroup need not scan every user. Built from the data on first use and kept in step by `join` and
 * `leave`. Entries are checked against the data when read, so a user deleted by another operation drops out.
 */
const indexes = new WeakMap<
  PoolRecord,
  { users: PoolRecord['users']; byGroup: Map<string, Set<UserRecord>> }
>()

/** The members index, rebuilt when the pool's users were replaced wholesale (e.g. by restoring a snapshot). */
function index(pool: PoolRecord): Map<string, Set<UserRecord>> {
  let idx = indexes.get(pool)
  if (!idx || idx.users !== pool.users) {
    idx = { users: pool.users, byGroup: new Map() }
    for (const user of Object.values(pool.users)) {
      for (const name of user.groups) setFor(idx.byGroup, name).add(user)
    }
    indexes.set(pool, idx)
  }
  return idx.byGroup
}

function setFor(idx: Map<string, Set<UserRecord>>, name: string): Set<UserRecord> {
  let set = idx.get(name)
  if (!set) {
    set = new Set()
    idx.set(name, set)
  }
  return set
}

/** The users of the pool that belong to the group. */
export function membersOf(pool: PoolRecord, group: GroupRecord): UserRecord[] {
  const set = index(pool).get(group.GroupName)
  if (!set) return []
  const members: UserRecord[] = []
  for (const user of set) {
    if (pool.users[user.username] === user && user.groups.includes(group.GroupName)) members.push(user)
    else set.delete(user)
  }
  return members
}

/** Adds the user to the group (no-op if already a member). */
export function join(pool: PoolRecord, user: UserRecord, group: GroupRecord): void {
  if (!user.groups.includes(group.GroupName)) user.groups.push(group.GroupName)
  setFor(index(pool), group.GroupName).add(user)
}

/** Removes the user from the group (no-op if not a member). */
export function leave(pool: PoolRecord, user: UserRecord, group: GroupRecord): void {
  const at = user.groups.indexOf(group.GroupName)
  if (at >= 0) user.groups.splice(at, 1)
  index(pool).get(group.GroupName)?.delete(user)
}

/** Removes every member from the group, as DeleteGroup does. */
export function disband(pool: PoolRecord, group: GroupRecord): void {
  for (const user of membersOf(pool, group)) leave(pool, user, group)
  index(pool).delete(group.GroupName)
}
