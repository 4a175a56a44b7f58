import type { Context } from '../../core/context.ts'
import { requirePool } from '../../core/lookup.ts'
import type { Input, Output } from '../types.ts'
import { userType } from '../users/user-type.ts'
import { requireGroup } from './group-records.ts'
import { membersOf } from './members.ts'
import { paginate } from './paginate.ts'

/**
 * Lists the members of a group (UserType, as ListUsers returns them) by username, 60 to a page unless `Limit`
 * says otherwise.
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ListUsersInGroup.html
 */
export function listUsersInGroup(input: Input, ctx: Context): Output {
  const pool = requirePool(ctx, input.UserPoolId)
  const group = requireGroup(pool, input.GroupName)
  const { items, nextToken } = paginate(membersOf(pool, group), (u) => u.username, {
    limit: input.Limit,
    defaultLimit: 60,
    token: input.NextToken,
    scope: `ListUsersInGroup ${pool.config.Id} ${group.GroupName}`,
  })
  return { Users: items.map((user) => userType(user)), ...(nextToken ? { NextToken: nextToken } : {}) }
}
