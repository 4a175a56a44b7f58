import type { Context } from '../../core/context.ts'
import { requirePool } from '../../core/lookup.ts'
import { requireUser } from '../../core/users.ts'
import type { Input } from '../types.ts'
import { requireGroup } from './group-records.ts'
import { leave } from './members.ts'

/**
 * Takes a user (by username or alias) out of a group; removing a non-member changes nothing.
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminRemoveUserFromGroup.html
 */
export function adminRemoveUserFromGroup(input: Input, ctx: Context): Record<string, never> {
  const pool = requirePool(ctx, input.UserPoolId)
  const group = requireGroup(pool, input.GroupName)
  leave(pool, requireUser(pool, input.Username), group)
  return {}
}
