import type { Context } from '../../core/context.ts'
import { requirePool } from '../../core/lookup.ts'
import type { Input } from '../types.ts'
import { describePool } from './pool-config.ts'

/**
 * The pool's whole configuration, with `EstimatedNumberOfUsers` counted now.
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DescribeUserPool.html
 */
export function describeUserPool(input: Input, ctx: Context): { UserPool: Record<string, unknown> } {
  return { UserPool: describePool(requirePool(ctx, input.UserPoolId)) }
}
