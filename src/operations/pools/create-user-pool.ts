import { type Context, nowSeconds } from '../../core/context.ts'
import { userPoolId } from '../../core/ids.ts'
import type { PoolRecord } from '../../core/state.ts'
import type { Input } from '../types.ts'

/**
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPool.html
 */
export function createUserPool(input: Input, ctx: Context): { UserPool: Record<string, unknown> } {
  const { PoolName, ...rest } = input
  const id = userPoolId(ctx.region)
  const now = nowSeconds(ctx)
  const pool: PoolRecord = {
    config: {
      Id: id,
      Name: PoolName,
      ...rest,
      Arn: `arn:aws:cognito-idp:${ctx.region}:${ctx.accountId}:userpool/${id}`,
      CreationDate: now,
      LastModifiedDate: now,
    },
    clients: {},
    users: {},
    groups: {},
    refreshTokens: {},
    revokedOrigins: {},
  }
  ctx.state.pools[id] = pool
  return { UserPool: { ...pool.config, EstimatedNumberOfUsers: 0 } }
}
