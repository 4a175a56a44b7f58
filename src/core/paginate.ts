/**
 * One page of a listing in key order: the first `size` entries whose key comes after `after`, and the key of the
 * last one when more follow. Listing tokens carry that key rather than an offset, so they stay valid (and nothing
 * is repeated or skipped) while entries are added or removed between calls. Keys must be unique.
 */
export function pageAfter<T, K>(
  entries: T[],
  keyOf: (entry: T) => K,
  compare: (a: K, b: K) => number,
  after: K | undefined,
  size: number,
): { items: T[]; lastKey?: K } {
  const rest = entries
    .map((entry) => ({ entry, key: keyOf(entry) }))
    .filter(({ key }) => after === undefined || compare(key, after) > 0)
    .sort((a, b) => compare(a.key, b.key))
  const page = rest.slice(0, size)
  const last = page.at(-1)
  return {
    items: page.map(({ entry }) => entry),
    ...(rest.length > size && last ? { lastKey: last.key } : {}),
  }
}
