import { type Context, nowSeconds } from '../../core/context.ts'
import { requirePool, requirePoolClient } from '../../core/lookup.ts'
import type { Input } from '../types.ts'
import { CONFIGURABLE, checkClientConfig, clientMembers, describeClient } from './client-config.ts'

/**
 * Replaces the app client's configuration: as AWS documents, members the request does not give go back to their
 * defaults. The id, secret and creation date stay; the name stays unless given.
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateUserPoolClient.html
 */
export function updateUserPoolClient(
  input: Input,
  ctx: Context,
): { UserPoolClient: Record<string, unknown> } {
  const pool = requirePool(ctx, input.UserPoolId)
  const old = requirePoolClient(pool, input.ClientId)
  const members = clientMembers(input)
  checkClientConfig(pool, members, 'updating')
  const client = { ...old }
  for (const name of CONFIGURABLE) delete client[name]
  const updated = {
    ...client,
    ClientName: input.ClientName ?? old.ClientName,
    LastModifiedDate: nowSeconds(ctx),
    ...members,
  }
  pool.clients[old.ClientId] = updated
  return { UserPoolClient: describeClient(updated) }
}
