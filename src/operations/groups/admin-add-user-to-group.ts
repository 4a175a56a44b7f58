import type { Context } from '../../core/context.ts'
import { requirePool } from '../../core/lookup.ts'
import { requireUser } from '../../core/users.ts'
import type { Input } from '../types.ts'
import { requireGroup } from './group-records.ts'
import { join } from './members.ts'

/**
 * Adds a user (by username or alias) to a group; adding a member again changes nothing.
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminAddUserToGroup.html
 */
export function adminAddUserToGroup(input: Input, ctx: Context): Record<string, never> {
  const pool = requirePool(ctx, input.UserPoolId)
  const group = requireGroup(pool, input.GroupName)
  join(pool, requireUser(pool, input.Username), group)
  return {}
}
