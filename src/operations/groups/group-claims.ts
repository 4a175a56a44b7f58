import type { PoolRecord, UserRecord } from '../../core/state.ts'
import type { GroupRecord } from './group-records.ts'

/** Lower precedence first; groups without precedence after all others; ties by name, so the order is stable. */
function byPrecedence(a: GroupRecord, b: GroupRecord): number {
  const pa = a.Precedence ?? Number.POSITIVE_INFINITY
  const pb = b.Precedence ?? Number.POSITIVE_INFINITY
  if (pa !== pb) return pa < pb ? -1 : 1
  return a.GroupName < b.GroupName ? -1 : a.GroupName > b.GroupName ? 1 : 0
}

/** The user's groups in the order Cognito puts them in `cognito:groups`. */
export function groupsByPrecedence(pool: PoolRecord, user: UserRecord): GroupRecord[] {
  return user.groups
    .map((name) => pool.groups[name] as GroupRecord | undefined)
    .filter((g) => g !== undefined)
    .sort(byPrecedence)
}

/**
 * The group claims of a user's tokens, empty when the user is in no group. `cognito:groups` goes in both tokens;
 * `cognito:roles` (every role of the user's groups) and `cognito:preferred_role` (the role of the group with the
 * lowest precedence, left out when groups tied at that precedence carry different roles) only in the ID token.
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-user-groups.html
 */
export function groupClaims(
  pool: PoolRecord,
  user: UserRecord,
): { both: Record<string, unknown>; idOnly: Record<string, unknown> } {
  if (user.groups.length === 0) return { both: {}, idOnly: {} }
  const groups = groupsByPrecedence(pool, user)
  if (groups.length === 0) return { both: {}, idOnly: {} }
  const withRoles = groups.filter((g) => g.RoleArn !== undefined)
  const roles = [...new Set(withRoles.map((g) => g.RoleArn as string))]
  const best = withRoles[0]
  const tied = withRoles.filter((g) => g.Precedence === best?.Precedence)
  const preferred = new Set(tied.map((g) => g.RoleArn)).size === 1 ? best?.RoleArn : undefined
  return {
    both: { 'cognito:groups': groups.map((g) => g.GroupName) },
    idOnly: {
      ...(roles.length > 0 ? { 'cognito:roles': roles } : {}),
      ...(preferred !== undefined ? { 'cognito:preferred_role': preferred } : {}),
    },
  }
}
