import type { Context } from '../../core/context.ts'
import { requirePool, requirePoolClient } from '../../core/lookup.ts'
import type { Input } from '../types.ts'
import { describeClient } from './client-config.ts'

/**
 * The app client's whole configuration, its secret included.
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DescribeUserPoolClient.html
 */
export function describeUserPoolClient(
  input: Input,
  ctx: Context,
): { UserPoolClient: Record<string, unknown> } {
  const pool = requirePool(ctx, input.UserPoolId)
  return { UserPoolClient: describeClient(requirePoolClient(pool, input.ClientId)) }
}
