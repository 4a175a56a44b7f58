import { type Context, nowSeconds } from '../../core/context.ts'
import { clientId, clientSecret } from '../../core/ids.ts'
import { requirePool } from '../../core/lookup.ts'
import type { ClientRecord } from '../../core/state.ts'
import type { Input } from '../types.ts'
import { checkClientConfig, clientMembers, describeClient } from './client-config.ts'

/**
 * Creates an app client. `GenerateSecret` gives it a 51-character `ClientSecret` (or the `ClientSecret` given).
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html
 */
export function createUserPoolClient(
  input: Input,
  ctx: Context,
): { UserPoolClient: Record<string, unknown> } {
  const pool = requirePool(ctx, input.UserPoolId)
  const members = clientMembers(input)
  checkClientConfig(pool, members, 'creating')
  const now = nowSeconds(ctx)
  const secret = input.ClientSecret ?? (input.GenerateSecret ? clientSecret() : undefined)
  const client: ClientRecord = {
    UserPoolId: pool.config.Id,
    ClientName: input.ClientName,
    ClientId: clientId(),
    ...(secret === undefined ? {} : { ClientSecret: secret }),
    LastModifiedDate: now,
    CreationDate: now,
    ...members,
  }
  pool.clients[client.ClientId] = client
  return { UserPoolClient: describeClient(client) }
}
