import type { Context } from '../../core/context.ts'
import { requirePool } from '../../core/lookup.ts'
import type { Input } from '../types.ts'
import { describeGroup, type GroupRecord } from './group-records.ts'
import { paginate } from './paginate.ts'

/**
 * Lists the pool's groups by name, 25 to a page unless `Limit` says otherwise.
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ListGroups.html
 */
export function listGroups(input: Input, ctx: Context): { Groups: GroupRecord[]; NextToken?: string } {
  const pool = requirePool(ctx, input.UserPoolId)
  const { items, nextToken } = paginate(Object.values(pool.groups) as GroupRecord[], (g) => g.GroupName, {
    limit: input.Limit,
    defaultLimit: 25,
    token: input.NextToken,
    scope: `ListGroups ${pool.config.Id}`,
  })
  return { Groups: items.map(describeGroup), ...(nextToken ? { NextToken: nextToken } : {}) }
}
