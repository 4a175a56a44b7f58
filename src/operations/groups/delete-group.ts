import type { Context } from '../../core/context.ts'
import { requirePool } from '../../core/lookup.ts'
import type { Input } from '../types.ts'
import { forgetGroup, requireGroup } from './group-records.ts'
import { disband } from './members.ts'

/**
 * Deletes a group and takes every member out of it, so it leaves their `cognito:groups`.
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DeleteGroup.html
 */
export function deleteGroup(input: Input, ctx: Context): Record<string, never> {
  const pool = requirePool(ctx, input.UserPoolId)
  const group = requireGroup(pool, input.GroupName)
  disband(pool, group)
  forgetGroup(pool, group)
  return {}
}
