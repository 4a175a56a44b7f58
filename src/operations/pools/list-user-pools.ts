import type { Context } from '../../core/context.ts'
import type { Input } from '../types.ts'
import { checkMaxResults, paginate } from './paginate.ts'

/**
 * Pools in pages of at most `MaxResults` (1–60, required), each with its id, name, triggers and dates.
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ListUserPools.html
 */
export function listUserPools(input: Input, ctx: Context): Record<string, unknown> {
  checkMaxResults(input.MaxResults, true)
  const { page, nextToken } = paginate(
    Object.values(ctx.state.pools),
    (p) => [p.config.CreationDate as number, p.config.Id],
    input.MaxResults,
    input.NextToken,
  )
  const UserPools = page.map(({ config }) => ({
    Id: config.Id,
    Name: config.Name,
    LambdaConfig: structuredClone(config.LambdaConfig ?? {}),
    LastModifiedDate: config.LastModifiedDate,
    CreationDate: config.CreationDate,
  }))
  return { UserPools, ...(nextToken ? { NextToken: nextToken } : {}) }
}
