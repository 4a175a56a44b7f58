import { CognitoError } from '../../core/errors.ts'
import type { PoolRecord } from '../../core/state.ts'

/** A group as GroupType describes it. Dates in epoch seconds; absent members are left out. */
export interface GroupRecord {
  GroupName: string
  UserPoolId: string
  Description?: string
  RoleArn?: string
  Precedence?: number
  LastModifiedDate: number
  CreationDate: number
  [member: string]: unknown
}

/** Cognito's `ResourceNotFoundException` for a group the pool does not have. */
export const groupNotFound = (): CognitoError =>
  new CognitoError('ResourceNotFoundException', 'Group not found.')

/**
 * Group names are unique regardless of case (Cognito refuses `Admins` next to `ADMINS`), so a name is looked up by
 * its case-folded form. The map from folded to stored name is derived from `pool.groups` and rebuilt on a miss.
 */
const foldedNames = new WeakMap<PoolRecord, Map<string, string>>()

const fold = (name: string): string => name.toLowerCase()

function storedName(pool: PoolRecord, name: string, rebuild: boolean): string | undefined {
  // Own members only: a group named like an inherited property (`constructor`, `__proto__`) is not a group.
  if (Object.hasOwn(pool.groups, name)) return name
  let map = foldedNames.get(pool)
  if (!map || rebuild) {
    map = new Map(Object.keys(pool.groups).map((stored) => [fold(stored), stored]))
    foldedNames.set(pool, map)
  }
  const stored = map.get(fold(name))
  return stored !== undefined && Object.hasOwn(pool.groups, stored) ? stored : undefined
}

/** The group stored under this name (compared regardless of case), if any. */
export function findGroup(pool: PoolRecord, name: string): GroupRecord | undefined {
  const stored = storedName(pool, name, false) ?? storedName(pool, name, true)
  return stored === undefined ? undefined : (pool.groups[stored] as GroupRecord)
}

/** `findGroup`, or Cognito's `ResourceNotFoundException` `Group not found.` */
export function requireGroup(pool: PoolRecord, name: string): GroupRecord {
  const group = findGroup(pool, name)
  if (!group) throw groupNotFound()
  return group
}

export function storeGroup(pool: PoolRecord, group: GroupRecord): void {
  // Defined rather than assigned, so that a group named `__proto__` is stored as a member like any other.
  Object.defineProperty(pool.groups, group.GroupName, {
    value: group,
    enumerable: true,
    writable: true,
    configurable: true,
  })
  foldedNames.get(pool)?.set(fold(group.GroupName), group.GroupName)
}

export function forgetGroup(pool: PoolRecord, group: GroupRecord): void {
  delete pool.groups[group.GroupName]
  foldedNames.get(pool)?.delete(fold(group.GroupName))
}

/** The group as the API returns it (GroupType): a copy, so callers cannot reach into the state. */
export function describeGroup(group: GroupRecord): GroupRecord {
  return structuredClone(group)
}
