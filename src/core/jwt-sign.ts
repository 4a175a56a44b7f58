import { SignJWT } from 'jose'
import { privateKey } from './keys.ts'
import type { SigningKey } from './state.ts'

/**
 * RS256 JWT signing. In Node it signs synchronously with node:crypto (reached at run time, never imported, so the
 * core stays isomorphic); elsewhere it uses jose over WebCrypto. WebCrypto's sign in Node hops to the thread pool
 * and back, which cost a sign-in about 2 ms of latency through MSW's interceptors; the synchronous signature of
 * the same key is about 0.3 ms. Both produce the same header (`{"kid","alg"}`), payload and signature.
 */
interface NodeSigning {
  createPrivateKey(input: { key: Record<string, unknown>; format: 'jwk' }): unknown
  sign(algorithm: string, data: Uint8Array, key: unknown): { toString(encoding: 'base64url'): string }
}
interface NodeBuffer {
  from(text: string): Uint8Array & { toString(encoding: 'base64url'): string }
}

const native = (() => {
  const g = globalThis as { process?: { getBuiltinModule?: (id: string) => unknown }; Buffer?: NodeBuffer }
  try {
    const crypto = g.process?.getBuiltinModule?.('node:crypto') as NodeSigning | undefined
    return crypto && g.Buffer ? { crypto, Buffer: g.Buffer } : undefined
  } catch {
    return undefined
  }
})()

const keyObjects = new Map<string, unknown>()

function keyObject(key: SigningKey): unknown {
  let k = keyObjects.get(key.kid)
  if (k === undefined && native) {
    k = native.crypto.createPrivateKey({ key: key.privateJwk, format: 'jwk' })
    keyObjects.set(key.kid, k)
  }
  return k
}

/** A compact RS256 JWT of `claims`, with Cognito's header `{"kid":…,"alg":"RS256"}`. */
export async function signJwt(claims: Record<string, unknown>, key: SigningKey): Promise<string> {
  if (native) {
    const { Buffer, crypto } = native
    const header = Buffer.from(JSON.stringify({ kid: key.kid, alg: 'RS256' })).toString('base64url')
    const payload = Buffer.from(JSON.stringify(claims)).toString('base64url')
    const input = `${header}.${payload}`
    return `${input}.${crypto.sign('sha256', Buffer.from(input), keyObject(key)).toString('base64url')}`
  }
  return new SignJWT(claims).setProtectedHeader({ kid: key.kid, alg: 'RS256' }).sign(await privateKey(key))
}
