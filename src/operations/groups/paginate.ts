import { CognitoError } from '../../core/errors.ts'
import { uuid } from '../../core/ids.ts'
import { pageAfter } from '../../core/paginate.ts'

export interface PageOptions {
  /** The request's `Limit`; absent or 0 means the operation's default. */
  limit: number | undefined
  defaultLimit: number
  /** The request's `NextToken`. */
  token: string | undefined
  /** What is being listed (operation, pool, group or user), so a token only works for the listing it came from. */
  scope: string
}

export interface Page<T> {
  items: T[]
  nextToken?: string
}

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/** One page of a listing ordered by a unique name; the token only works for the listing (`scope`) it came from. */
export function paginate<T>(entries: T[], keyOf: (entry: T) => string, options: PageOptions): Page<T> {
  const after = options.token === undefined ? undefined : readToken(options.token, options.scope)
  const { items, lastKey } = pageAfter(entries, keyOf, byString, after, options.limit || options.defaultLimit)
  return { items, ...(lastKey === undefined ? {} : { nextToken: writeToken(options.scope, lastKey) }) }
}

function writeToken(scope: string, key: string): string {
  const bytes = new TextEncoder().encode(JSON.stringify([scope, key]))
  return btoa(String.fromCharCode(...bytes))
}

function readToken(token: string, scope: string): string {
  try {
    const bytes = Uint8Array.from(atob(token), (c) => c.charCodeAt(0))
    const [tokenScope, key] = JSON.parse(new TextDecoder().decode(bytes)) as unknown[]
    if (tokenScope === scope && typeof key === 'string') return key
  } catch {
    // fall through: not one of ours
  }
  throw new CognitoError(
    'InvalidParameterException',
    `Paging marker ${token} is invalid for request ${uuid()}`,
  )
}
