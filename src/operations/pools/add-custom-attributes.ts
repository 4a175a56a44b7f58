import { type Context, nowSeconds } from '../../core/context.ts'
import { requirePool } from '../../core/lookup.ts'
import {
  schemaAttributes,
  addCustomAttributes as withCustomAttributes,
} from '../../core/schema-attributes.ts'
import type { Input } from '../types.ts'

/**
 * Adds custom attributes to a pool's schema, named `custom:<name>` (`dev:custom:<name>` when developer-only).
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AddCustomAttributes.html
 */
export function addCustomAttributes(input: Input, ctx: Context): Record<string, never> {
  const pool = requirePool(ctx, input.UserPoolId)
  pool.config.SchemaAttributes = withCustomAttributes(schemaAttributes(pool), input.CustomAttributes ?? [])
  pool.config.LastModifiedDate = nowSeconds(ctx)
  return {}
}
