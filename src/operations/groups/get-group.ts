import type { Context } from '../../core/context.ts'
import { requirePool } from '../../core/lookup.ts'
import type { Input } from '../types.ts'
import { describeGroup, type GroupRecord, requireGroup } from './group-records.ts'

/**
 * Returns a group.
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetGroup.html
 */
export function getGroup(input: Input, ctx: Context): { Group: GroupRecord } {
  const pool = requirePool(ctx, input.UserPoolId)
  return { Group: describeGroup(requireGroup(pool, input.GroupName)) }
}
