import { exportJWK, generateKeyPair, importJWK } from 'jose'
import { randomBase64 } from './ids.ts'
import type { PoolRecord, SigningKey } from './state.ts'

/**
 * RSA key generation costs tens to hundreds of milliseconds, so generated keys are kept for the whole process and
 * reused: a pool that signs for the first time takes the first cached keys no other pool of the same state holds
 * (generating more only when all are taken). Pools of one state never share a key, and after `reset()` the next
 * pools reuse the keys already made, so a test suite generates only as many keys as one test needs.
 * See decisions/0002-signing-keys.md.
 */
const generated: Promise<SigningKey>[] = []
/** Which cached key a kid is, to know which ones a state's pools hold. */
const cacheIndex = new Map<string, number>()
/** Cache indexes promised to a pool whose keys are still being generated. */
const reserved = new WeakMap<PoolRecord, number[]>()
const imported = new Map<string, Promise<CryptoKey>>()

async function generate(index: number): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true, modulusLength: 2048 })
  const kid = randomBase64(32)
  const { key_ops: _a, ext: _b, ...privateJwk } = await exportJWK(privateKey)
  const { key_ops: _c, ext: _d, ...publicJwk } = await exportJWK(publicKey)
  imported.set(kid, Promise.resolve(privateKey))
  cacheIndex.set(kid, index)
  return {
    kid,
    privateJwk: { ...privateJwk, kid, alg: 'RS256' },
    publicJwk: { ...publicJwk, kid, alg: 'RS256' },
  }
}

function cached(index: number): Promise<SigningKey> {
  generated[index] ??= generate(index)
  return generated[index]
}

/** The cache indexes the pools of a state hold or have been promised. */
function indexesInUse(pools: Iterable<PoolRecord>): Set<number> {
  const used = new Set<number>()
  for (const pool of pools) {
    const kids = pool.keys ? [pool.keys.id.kid, pool.keys.access.kid] : []
    for (const kid of kids) {
      const i = cacheIndex.get(kid)
      if (i !== undefined) used.add(i)
    }
    for (const i of reserved.get(pool) ?? []) used.add(i)
  }
  return used
}

/**
 * The pool's signing keys (ID and access), chosen on first use among the process-cached keys that no other pool
 * of `pools` holds. The choice is made synchronously, so pools signing concurrently never pick the same key.
 */
export async function poolKeys(
  pool: PoolRecord,
  pools: Iterable<PoolRecord>,
): Promise<{ id: SigningKey; access: SigningKey }> {
  if (pool.keys) return pool.keys
  let indexes = reserved.get(pool)
  if (!indexes) {
    const used = indexesInUse(pools)
    indexes = []
    for (let i = 0; indexes.length < 2; i++) if (!used.has(i)) indexes.push(i)
    reserved.set(pool, indexes)
  }
  const [id, access] = await Promise.all(indexes.map(cached))
  pool.keys ??= { id: id!, access: access! }
  reserved.delete(pool)
  return pool.keys
}

/** The CryptoKey for a stored private JWK, imported once per process. */
export function privateKey(key: SigningKey): Promise<CryptoKey> {
  let k = imported.get(key.kid)
  if (!k) {
    k = importJWK(key.privateJwk as Parameters<typeof importJWK>[0], 'RS256') as Promise<CryptoKey>
    imported.set(key.kid, k)
  }
  return k
}

/** The public JWK as Cognito's JWKS lists it. */
export function publicJwk(key: SigningKey): {
  alg: string
  e: string
  kid: string
  kty: string
  n: string
  use: string
} {
  const { e, n } = key.publicJwk as { e: string; n: string }
  return { alg: 'RS256', e, kid: key.kid, kty: 'RSA', n, use: 'sig' }
}
