import type { Context } from '../../core/context.ts'
import { errors } from '../../core/errors.ts'
import { usersAfter } from '../../core/indexes.ts'
import { requirePool } from '../../core/lookup.ts'
import { NodeBuffer } from '../../core/node.ts'
import type { UserRecord } from '../../core/state.ts'
import type { Input, Output } from '../types.ts'
import { candidates, matcher, parseFilter } from './list-users-filter.ts'
import { userType } from './user-type.ts'

const DEFAULT_LIMIT = 60
const TOKEN_PREFIX = 'u:'

/**
 * The pagination token names the last username of the page; pages go in username order, so it stays valid. It is
 * the base64 of the name's UTF-8, by Buffer in Node (one step) and by btoa elsewhere.
 */
const encodeToken = (username: string): string =>
  NodeBuffer
    ? NodeBuffer.from(TOKEN_PREFIX + username).toString('base64')
    : btoa(String.fromCodePoint(...encoder.encode(TOKEN_PREFIX + username)))
const encoder = new TextEncoder()

function decodeToken(token: string): string {
  try {
    const bytes = Uint8Array.from(atob(token), (c) => c.codePointAt(0)!)
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    if (text.startsWith(TOKEN_PREFIX)) return text.slice(TOKEN_PREFIX.length)
  } catch {}
  throw errors.invalidParameter('Invalid pagination token')
}

/**
 * Lists a pool's users, optionally filtered (`email ^= "jane"`), a page at a time in username order.
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ListUsers.html
 */
export function listUsers(input: Input, ctx: Context): Output {
  const pool = requirePool(ctx, input.UserPoolId)
  const filter = parseFilter(input.Filter)
  const after = input.PaginationToken === undefined ? undefined : decodeToken(input.PaginationToken)
  const limit: number = input.Limit || DEFAULT_LIMIT
  const matches = filter ? matcher(pool, filter) : () => true
  // One more than a page, to know whether there is a next one.
  const found: UserRecord[] = []
  const indexed = filter ? candidates(pool, filter) : undefined
  if (indexed) {
    const sorted = indexed
      .filter((u) => (after === undefined || u.username > after) && matches(u))
      .sort((a, b) => (a.username < b.username ? -1 : a.username > b.username ? 1 : 0))
    found.push(...sorted.slice(0, limit + 1))
  } else {
    for (const user of usersAfter(pool, after)) {
      if (!matches(user)) continue
      found.push(user)
      if (found.length > limit) break
    }
  }
  const page = found.slice(0, limit)
  const last = page.at(-1)
  return {
    Users: page.map((u) => userType(u, input.AttributesToGet)),
    ...(found.length > limit && last ? { PaginationToken: encodeToken(last.username) } : {}),
  }
}
