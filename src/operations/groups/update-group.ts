import { type Context, nowSeconds } from '../../core/context.ts'
import { requirePool } from '../../core/lookup.ts'
import type { Input } from '../types.ts'
import { describeGroup, type GroupRecord, requireGroup } from './group-records.ts'

const UPDATABLE = ['Description', 'RoleArn', 'Precedence'] as const

/**
 * Changes the description, role or precedence of a group; members left out of the request keep their value.
 * Tokens issued afterwards carry the new role and order.
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateGroup.html
 */
export function updateGroup(input: Input, ctx: Context): { Group: GroupRecord } {
  const pool = requirePool(ctx, input.UserPoolId)
  const group = requireGroup(pool, input.GroupName)
  for (const member of UPDATABLE) if (input[member] !== undefined) group[member] = input[member]
  group.LastModifiedDate = nowSeconds(ctx)
  return { Group: describeGroup(group) }
}
