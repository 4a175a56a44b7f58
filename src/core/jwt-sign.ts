import { SignJWT } from 'jose'
import { privateKey } from './keys.ts'
import { NodeBuffer, type NodeBytes, nodeCrypto } from './node.ts'
import { signer } from './signer-thread.ts'
import type { SigningKey } from './state.ts'

/**
 * RS256 JWT signing. In Node it signs synchronously with node:crypto (core/node.ts); elsewhere it uses jose over
 * WebCrypto. WebCrypto's sign in Node hops to the thread pool
 * and back, which cost a sign-in about 2 ms of latency through MSW's interceptors; the synchronous signature of
 * the same key is about 0.3 ms. Both produce the same header (`{"kid","alg"}`), payload and signature.
 */
const native = nodeCrypto && NodeBuffer ? { crypto: nodeCrypto, Buffer: NodeBuffer } : undefined

const keyObjects = new Map<string, unknown>()

function keyObject(key: SigningKey): unknown {
  let k = keyObjects.get(key.kid)
  if (k === undefined && native) {
    k = native.crypto.createPrivateKey({ key: key.privateJwk, format: 'jwk' })
    keyObjects.set(key.kid, k)
  }
  return k
}

/** The encoded header of each key's tokens, which never changes. */
const headers = new Map<string, string>()

function signingInput(claims: Record<string, unknown>, key: SigningKey): string {
  const { Buffer } = native!
  let header = headers.get(key.kid)
  if (header === undefined) {
    header = Buffer.from(JSON.stringify({ kid: key.kid, alg: 'RS256' })).toString('base64url')
    headers.set(key.kid, header)
  }
  return `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`
}

/** Whether `signJwtNow` can sign here: in Node, synchronously with node:crypto. */
export const canSignNow: boolean = native !== undefined

/**
 * The DER prefix of a SHA-256 DigestInfo (RFC 8017, section 9.2), followed by room for the digest: what
 * RSASSA-PKCS1-v1_5 pads and signs.
 */
const digestInfo = native?.Buffer.from('3031300d060960864801650304020105000420'.padEnd(102, '0'), 'hex')
const DIGEST_AT = 19

/**
 * A compact RS256 JWT of `claims`, signed synchronously; only where `canSignNow`.
 *
 * The signature is RSASSA-PKCS1-v1_5 over the SHA-256 DigestInfo of the signing input, made with
 * `privateEncrypt` and PKCS#1 type 1 padding: byte for byte what `crypto.sign('sha256', …)` makes (a test compares
 * them), but through less of OpenSSL. Between two sign-ins the SDK and MSW push OpenSSL's code out of the CPU's
 * caches, and the shorter path costs a sign-in about 35 µs less (decisions/0013).
 */
export function signJwtNow(claims: Record<string, unknown>, key: SigningKey): string {
  const input = signingInput(claims, key)
  // One digest at a time, synchronously, so the one buffer serves every call.
  return `${input}.${sign(key, digestOf(input, digestInfo!)).toString('base64url')}`
}

/** `into`, a DigestInfo, with the SHA-256 digest of `input`. */
function digestOf(input: string, into: Uint8Array): Uint8Array {
  into.set(native!.crypto.hash('sha256', input, 'buffer'), DIGEST_AT)
  return into
}

function sign(key: SigningKey, digest: Uint8Array): NodeBytes {
  const { crypto } = native!
  return crypto.privateEncrypt({ key: keyObject(key), padding: crypto.constants.RSA_PKCS1_PADDING }, digest)
}

/** The second DigestInfo, for the access token while the ID token's is being signed. */
const accessDigestInfo = native?.Buffer.from(digestInfo!)
/** Each key's kid and PKCS#8 bytes, and its modulus length, for the signer thread. */
const keyBytes = new Map<string, { kid: Uint8Array; der: Uint8Array; length: number }>()
/** Whether a signature from the signer thread has been checked against its key yet. */
let signerChecked = false
/** How many access tokens the signer thread has signed, for tests. */
let threadSigned = 0

/** How many access tokens the signer thread has signed in this process (tests show it is used). */
export const threadSignatures = (): number => threadSigned

/**
 * The ID and access tokens of a sign-in, as `signJwtNow` makes them; only where `canSignNow`. With a signer thread
 * (core/signer-thread.ts), the access token is signed there while this thread signs the ID token, which saves a
 * sign-in about one signature's time (decisions/0014). The first signature the thread makes is verified here
 * before it is used; if it does not verify, the thread is not used again.
 */
export function signTokensNow(
  id: Record<string, unknown>,
  idKey: SigningKey,
  access: Record<string, unknown>,
  accessKey: SigningKey,
): [idToken: string, accessToken: string] {
  const thread = signer()
  if (!thread) return [signJwtNow(id, idKey), signJwtNow(access, accessKey)]
  const input = signingInput(access, accessKey)
  const digest = digestOf(input, accessDigestInfo!)
  const { kid, der, length } = bytesOf(accessKey)
  const pending = thread.post(kid, der, length, digest)
  const idToken = signJwtNow(id, idKey)
  const made = pending?.take()
  let accessToken = made && `${input}.${made}`
  if (accessToken && !signerChecked) {
    signerChecked = verifyRs256(accessToken, accessKey) === true
    if (!signerChecked) {
      thread.fail()
      accessToken = undefined
    }
  }
  if (accessToken) threadSigned++
  return [idToken, accessToken ?? `${input}.${sign(accessKey, digest).toString('base64url')}`]
}

function bytesOf(key: SigningKey): { kid: Uint8Array; der: Uint8Array; length: number } {
  let bytes = keyBytes.get(key.kid)
  if (bytes === undefined) {
    const exported = (keyObject(key) as { export(o: { format: 'der'; type: 'pkcs8' }): Uint8Array }).export({
      format: 'der',
      type: 'pkcs8',
    })
    const n = String((key.privateJwk as { n?: unknown }).n ?? '')
    bytes = {
      kid: new TextEncoder().encode(key.kid),
      der: exported,
      length: native!.Buffer.from(n, 'base64url').length,
    }
    keyBytes.set(key.kid, bytes)
  }
  return bytes
}

/** A compact RS256 JWT of `claims`, with Cognito's header `{"kid":…,"alg":"RS256"}`. */
export async function signJwt(claims: Record<string, unknown>, key: SigningKey): Promise<string> {
  if (native) return signJwtNow(claims, key)
  return new SignJWT(claims).setProtectedHeader({ kid: key.kid, alg: 'RS256' }).sign(await privateKey(key))
}

const publicKeyObjects = new Map<string, unknown>()
/** Compact-serialization segments: base64url characters only (Buffer's decoder would skip others silently). */
const JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/

/**
 * Whether `token` carries a valid RS256 signature by `key` over its header and payload, checked synchronously
 * with node:crypto; undefined outside Node (check with jose instead). The caller checks the header's `alg` and
 * `kid` and the claims.
 */
export function verifyRs256(token: string, key: SigningKey): boolean | undefined {
  if (!native) return undefined
  const { Buffer, crypto } = native
  if (!JWS.test(token)) return false
  let k = publicKeyObjects.get(key.kid)
  if (k === undefined) {
    k = crypto.createPublicKey({ key: key.publicJwk, format: 'jwk' })
    publicKeyObjects.set(key.kid, k)
  }
  const end = token.lastIndexOf('.')
  try {
    return crypto.verify(
      'sha256',
      Buffer.from(token.slice(0, end)),
      k,
      Buffer.from(token.slice(end + 1), 'base64url'),
    )
  } catch {
    return false
  }
}
