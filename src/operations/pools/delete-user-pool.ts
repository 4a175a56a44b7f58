import type { Context } from '../../core/context.ts'
import { errors } from '../../core/errors.ts'
import { requirePool } from '../../core/lookup.ts'
import type { Input } from '../types.ts'

/**
 * Deletes a pool with its users, groups, clients and pending auth sessions, unless deletion protection is on.
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DeleteUserPool.html
 */
export function deleteUserPool(input: Input, ctx: Context): Record<string, never> {
  const pool = requirePool(ctx, input.UserPoolId)
  if (pool.config.DeletionProtection === 'ACTIVE') {
    throw errors.invalidParameter(
      'The user pool cannot be deleted because deletion protection is activated. Deletion protection must be inactivated first.',
    )
  }
  if (pool.config.Domain !== undefined) {
    throw errors.invalidParameter(
      'User pool cannot be deleted. It has a domain configured that should be deleted first.',
    )
  }
  delete ctx.state.pools[pool.config.Id]
  for (const [id, session] of Object.entries(ctx.state.sessions)) {
    if (session.userPoolId === pool.config.Id) delete ctx.state.sessions[id]
  }
  return {}
}
