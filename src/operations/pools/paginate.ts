import { errors } from '../../core/errors.ts'
import { pageAfter } from '../../core/paginate.ts'

/** An entry's place in a listing: creation time, then id. */
type Key = [created: number, id: string]

const byCreation = (a: Key, b: Key): number => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0)

const encode = (key: Key): string =>
  btoa(JSON.stringify(key)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')

function decode(token: string): Key {
  try {
    const key = JSON.parse(atob(token.replace(/-/g, '+').replace(/_/g, '/')))
    if (Array.isArray(key) && typeof key[0] === 'number' && typeof key[1] === 'string') return key as Key
  } catch {}
  throw errors.invalidParameter('Invalid pagination token')
}

/** One page of a listing ordered by creation time and id (the key of each entry). */
export function paginate<T>(
  entries: T[],
  keyOf: (entry: T) => Key,
  maxResults: number,
  nextToken: string | undefined,
): { page: T[]; nextToken?: string } {
  const start = nextToken === undefined ? undefined : decode(nextToken)
  const { items, lastKey } = pageAfter(entries, keyOf, byCreation, start, maxResults)
  return { page: items, ...(lastKey ? { nextToken: encode(lastKey) } : {}) }
}

/** The model's range check on MaxResults, with AWS's validation wording. */
export function checkMaxResults(value: unknown, required: boolean): void {
  const prefix = '1 validation error detected: Value'
  if (value === undefined || value === null) {
    if (required) {
      throw errors.invalidParameter(
        `${prefix} null at 'maxResults' failed to satisfy constraint: Member must not be null`,
      )
    }
    return
  }
  if (typeof value === 'number' && value < 1) {
    throw errors.invalidParameter(
      `${prefix} '${value}' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1`,
    )
  }
  if (typeof value === 'number' && value > 60) {
    throw errors.invalidParameter(
      `${prefix} '${value}' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 60`,
    )
  }
}
