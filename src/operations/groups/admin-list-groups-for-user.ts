import type { Context } from '../../core/context.ts'
import { requirePool } from '../../core/lookup.ts'
import { requireUser } from '../../core/users.ts'
import type { Input } from '../types.ts'
import { describeGroup, type GroupRecord } from './group-records.ts'
import { paginate } from './paginate.ts'

/**
 * Lists the groups a user (by username or alias) belongs to, by name, 25 to a page unless `Limit` says otherwise.
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminListGroupsForUser.html
 */
export function adminListGroupsForUser(
  input: Input,
  ctx: Context,
): { Groups: GroupRecord[]; NextToken?: string } {
  const pool = requirePool(ctx, input.UserPoolId)
  const user = requireUser(pool, input.Username)
  const groups = user.groups
    .map((name) => pool.groups[name] as GroupRecord | undefined)
    .filter((g) => g !== undefined)
  const { items, nextToken } = paginate(groups, (g) => g.GroupName, {
    limit: input.Limit,
    defaultLimit: 25,
    token: input.NextToken,
    scope: `AdminListGroupsForUser ${pool.config.Id} ${user.username}`,
  })
  return { Groups: items.map(describeGroup), ...(nextToken ? { NextToken: nextToken } : {}) }
}
