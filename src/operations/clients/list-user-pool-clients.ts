import type { Context } from '../../core/context.ts'
import { requirePool } from '../../core/lookup.ts'
import { checkMaxResults, paginate } from '../pools/paginate.ts'
import type { Input } from '../types.ts'

/**
 * The pool's app clients (id, pool id, name) in pages of at most `MaxResults` (1–60, default 60).
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ListUserPoolClients.html
 */
export function listUserPoolClients(input: Input, ctx: Context): Record<string, unknown> {
  checkMaxResults(input.MaxResults, false)
  const pool = requirePool(ctx, input.UserPoolId)
  const { page, nextToken } = paginate(
    Object.values(pool.clients),
    (c) => [c.CreationDate as number, c.ClientId],
    input.MaxResults ?? 60,
    input.NextToken,
  )
  const UserPoolClients = page.map((c) => ({
    ClientId: c.ClientId,
    UserPoolId: c.UserPoolId,
    ClientName: c.ClientName,
  }))
  return { UserPoolClients, ...(nextToken ? { NextToken: nextToken } : {}) }
}
