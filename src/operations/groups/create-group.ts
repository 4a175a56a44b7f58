import { type Context, nowSeconds } from '../../core/context.ts'
import { CognitoError } from '../../core/errors.ts'
import { requirePool } from '../../core/lookup.ts'
import type { Input } from '../types.ts'
import { describeGroup, findGroup, type GroupRecord, storeGroup } from './group-records.ts'

/**
 * Creates a group. Names are unique in the pool regardless of case.
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateGroup.html
 */
export function createGroup(input: Input, ctx: Context): { Group: GroupRecord } {
  const pool = requirePool(ctx, input.UserPoolId)
  if (findGroup(pool, input.GroupName)) {
    throw new CognitoError('GroupExistsException', 'A group with the name already exists.')
  }
  const now = nowSeconds(ctx)
  const group: GroupRecord = {
    GroupName: input.GroupName,
    UserPoolId: pool.config.Id,
    ...(input.Description !== undefined ? { Description: input.Description } : {}),
    ...(input.RoleArn !== undefined ? { RoleArn: input.RoleArn } : {}),
    ...(input.Precedence !== undefined ? { Precedence: input.Precedence } : {}),
    LastModifiedDate: now,
    CreationDate: now,
  }
  storeGroup(pool, group)
  return { Group: describeGroup(group) }
}
