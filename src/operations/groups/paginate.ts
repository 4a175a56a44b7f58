import { CognitoError } from '../../core/errors.ts'
import { uuid } from '../../core/ids.ts'

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

/**
 * One page of a listing ordered by a unique key. The token carries the last key handed out, not an offset, so it
 * stays valid (and nothing is repeated or skipped) while entries are added or removed between calls.
 */
export function paginate<T>(entries: T[], keyOf: (entry: T) => string, options: PageOptions): Page<T> {
  const size = options.limit || options.defaultLimit
  const after = options.token === undefined ? undefined : readToken(options.token, options.scope)
  const sorted = entries
    .map((entry) => ({ entry, key: keyOf(entry) }))
    .filter(({ key }) => after === undefined || key > after)
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
  const page = sorted.slice(0, size)
  const last = page.at(-1)
  return {
    items: page.map(({ entry }) => entry),
    ...(sorted.length > size && last ? { nextToken: writeToken(options.scope, last.key) } : {}),
  }
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
