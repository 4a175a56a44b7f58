import { type Context, nowSeconds } from '../../core/context.ts'
import { userPoolId } from '../../core/ids.ts'
import { buildSchema } from '../../core/schema-attributes.ts'
import { dict, type PoolRecord } from '../../core/state.ts'
import type { Input } from '../types.ts'
import { CREATE_ONLY, checkCreateInput, configurableMembers, describePool } from './pool-config.ts'

/**
 * Creates a user pool with every member AWS fills for the ones not given: password policy, sign-in policy,
 * standard schema attributes, MFA off, Cognito's own email sender, account recovery by verified email then phone.
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPool.html
 */
export function createUserPool(input: Input, ctx: Context): { UserPool: Record<string, unknown> } {
  checkCreateInput(input)
  const SchemaAttributes = buildSchema(input.Schema)
  const id = userPoolId(ctx.region)
  const now = nowSeconds(ctx)
  const createOnly: Record<string, unknown> = {}
  for (const name of CREATE_ONLY)
    if (input[name] !== undefined) createOnly[name] = structuredClone(input[name])
  const pool: PoolRecord = {
    config: {
      Id: id,
      Name: input.PoolName,
      ...configurableMembers(input),
      ...createOnly,
      SchemaAttributes,
      Arn: `arn:aws:cognito-idp:${ctx.region}:${ctx.accountId}:userpool/${id}`,
      UserPoolTier: input.UserPoolTier ?? 'ESSENTIALS',
      CreationDate: now,
      LastModifiedDate: now,
    },
    clients: dict(),
    users: dict(),
    groups: dict(),
    refreshTokens: dict(),
    revokedOrigins: dict(),
  }
  ctx.state.pools[id] = pool
  return { UserPool: describePool(pool) }
}
