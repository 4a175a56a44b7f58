import { exportJWK, generateKeyPair, importJWK } from 'jose'
import { randomBase64 } from './ids.ts'
import type { PoolRecord, SigningKey } from './state.ts'

/**
 * RSA key generation costs tens of milliseconds, so generated keys are kept for the whole process and handed out
 * in order: the n-th key a Cognito instance asks for is the n-th key ever generated. Pools of one instance never
 * share a key; a fresh instance reuses keys already made (its pools have other ids, so other issuers).
 * See decisions/0002-signing-keys.md.
 */
const generated: Promise<SigningKey>[] = []
const imported = new Map<string, Promise<CryptoKey>>()

async function generate(): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true, modulusLength: 2048 })
  const kid = randomBase64(32)
  const { key_ops: _a, ext: _b, ...privateJwk } = await exportJWK(privateKey)
  const { key_ops: _c, ext: _d, ...publicJwk } = await exportJWK(publicKey)
  imported.set(kid, Promise.resolve(privateKey))
  return {
    kid,
    privateJwk: { ...privateJwk, kid, alg: 'RS256' },
    publicJwk: { ...publicJwk, kid, alg: 'RS256' },
  }
}

/** Hands out process-cached keys in order, one sequence per Cognito instance. */
export function createKeySource(): () => Promise<SigningKey> {
  let next = 0
  return () => {
    const i = next++
    generated[i] ??= generate()
    return generated[i]
  }
}

/** The pool's signing keys, made (or taken from the process cache) on first use. */
export async function poolKeys(
  pool: PoolRecord,
  nextKey: () => Promise<SigningKey>,
): Promise<{ id: SigningKey; access: SigningKey }> {
  if (!pool.keys) {
    const id = await nextKey()
    const access = await nextKey()
    pool.keys ??= { id, access }
  }
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
