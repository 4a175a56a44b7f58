import type { Context } from '../../core/context.ts'
import { requirePool, requirePoolClient } from '../../core/lookup.ts'
import type { Input } from '../types.ts'

/**
 * Deletes an app client; its refresh tokens and pending auth sessions stop working with it.
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DeleteUserPoolClient.html
 */
export function deleteUserPoolClient(input: Input, ctx: Context): Record<string, never> {
  const pool = requirePool(ctx, input.UserPoolId)
  const client = requirePoolClient(pool, input.ClientId)
  delete pool.clients[client.ClientId]
  for (const [token, record] of Object.entries(pool.refreshTokens)) {
    if (record.clientId === client.ClientId) delete pool.refreshTokens[token]
  }
  for (const [id, session] of Object.entries(ctx.state.sessions)) {
    if (session.clientId === client.ClientId) delete ctx.state.sessions[id]
  }
  return {}
}
