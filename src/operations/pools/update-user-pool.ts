import { type Context, nowSeconds } from '../../core/context.ts'
import { requirePool } from '../../core/lookup.ts'
import type { Input } from '../types.ts'
import { CONFIGURABLE, configurableMembers } from './pool-config.ts'

/**
 * Replaces the pool's configuration. As AWS documents, every configurable member the request does not give goes
 * back to its default. The name and feature plan stay unless given; identity, schema, username and alias
 * attributes and domains cannot change here.
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateUserPool.html
 */
export function updateUserPool(input: Input, ctx: Context): Record<string, never> {
  const pool = requirePool(ctx, input.UserPoolId)
  const config = { ...pool.config }
  for (const name of CONFIGURABLE) delete config[name]
  pool.config = {
    ...config,
    ...configurableMembers(input),
    Name: input.PoolName ?? config.Name,
    UserPoolTier: input.UserPoolTier ?? config.UserPoolTier ?? 'ESSENTIALS',
    LastModifiedDate: nowSeconds(ctx),
  }
  return {}
}
