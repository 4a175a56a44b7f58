import { customAlphabet } from 'nanoid'
import { NodeBuffer } from './node.ts'
import { toBase64, toHex } from './sha256.ts'

const alnum = customAlphabet('0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ', 9)
const lowerAlnum = customAlphabet('0123456789abcdefghijklmnopqrstuvwxyz', 26)
const secretChars = customAlphabet('0123456789abcdefghijklmnopqrstuvwxyz', 51)
const digits = customAlphabet('0123456789', 6)
const eightDigits = customAlphabet('0123456789', 8)

/** `us-east-1_AbC123xyZ`: the region, `_`, nine letters and digits. */
export const userPoolId = (region: string): string => `${region}_${alnum()}`
/** 26 lower-case letters and digits, as AWS's app client ids. */
export const clientId = (): string => lowerAlnum()
/** 51 characters, as AWS's app client secrets. */
export const clientSecret = (): string => secretChars()
/**
 * A version 4 UUID (random), as the `sub` of a user, a token's `jti` or a request id.
 *
 * @note Written as bytes and decoded once, so that it is one flat string: Node builds `randomUUID()` by
 * concatenation, and kept as is for each of 100,000 users every `sub` would be a tree of 14 string pieces (about
 * 450 bytes). It also touches fewer built-ins than `randomUUID().split('-').join('-')`, which matters on the hot
 * path, where each one costs microseconds after the SDK and MSW have pushed our code out of the CPU's caches.
 */
export function uuid(): string {
  const at = take(16)
  const drawn = pool // read after take(), which may replace the pool
  let o = 0
  for (let i = 0; i < 16; i++) {
    let b = drawn[at + i]!
    if (i === 6)
      b = (b & 0x0f) | 0x40 // version 4
    else if (i === 8) b = (b & 0x3f) | 0x80 // variant 10
    UUID[o++] = HEX[b >> 4]!
    UUID[o++] = HEX[b & 15]!
    if (i === 3 || i === 5 || i === 7 || i === 9) o++ // the dashes stay in place
  }
  return ascii.decode(UUID)
}

const HEX = new TextEncoder().encode('0123456789abcdef')
/** The characters of the UUID being written, its dashes written once. */
const UUID = new TextEncoder().encode('00000000-0000-0000-0000-000000000000')
const ascii = new TextDecoder()

/** Six digits, as Cognito's confirmation and verification codes. */
export const code = (): string => digits()
/** Eight digits, as Cognito's email sign-in codes. */
export const longCode = (): string => eightDigits()

const POOL_SIZE = 4096
let pool = new Uint8Array(0)
let used = 0

/**
 * Where `n` fresh random bytes start in `pool`. The pool is refilled 4 KB at a time, into a new array (so earlier
 * views stay as they were): each `getRandomValues` call costs about 20 µs in Node whatever its size, and a sign-in
 * needs several small draws.
 */
function take(n: number): number {
  if (used + n > pool.length) {
    pool = crypto.getRandomValues(new Uint8Array(POOL_SIZE))
    used = 0
  }
  used += n
  return used - n
}

/** `n` random bytes (a fresh array). */
export function randomBytes(n: number): Uint8Array {
  if (n > POOL_SIZE) return crypto.getRandomValues(new Uint8Array(n))
  const at = take(n)
  return pool.slice(at, at + n)
}

const bytes = randomBytes

/** Standard base64 of random bytes, the form of AWS's `kid` values. */
export function randomBase64(n: number): string {
  return toBase64(bytes(n))
}

/** Hex of `n` random bytes. */
export function randomHex(n: number): string {
  if (NodeBuffer && n <= POOL_SIZE) {
    const at = take(n) // first: it may replace the pool
    return NodeBuffer.from(pool.buffer, at, n).toString('hex')
  }
  return toHex(bytes(n))
}

/**
 * Fresh random bytes for each of `sizes`, each in base64url, joined with `.`: the parts of an opaque compact
 * token. In Node one draw and one buffer serve every part.
 */
export function randomSegments(sizes: readonly number[]): string {
  const total = sizes.reduce((sum, n) => sum + n, 0)
  if (!NodeBuffer || total > POOL_SIZE) return sizes.map(randomBase64Url).join('.')
  const at = take(total) // first: it may replace the pool
  const buffer = NodeBuffer.from(pool.buffer, at, total)
  let text = ''
  let start = 0
  for (const n of sizes) {
    text += `${start ? '.' : ''}${buffer.toString('base64url', start, start + n)}`
    start += n
  }
  return text
}

/** base64url of random bytes, for opaque tokens and sessions. */
export function randomBase64Url(n: number): string {
  if (NodeBuffer && n <= POOL_SIZE) {
    const at = take(n) // first: it may replace the pool
    return NodeBuffer.from(pool.buffer, at, n).toString('base64url')
  }
  return randomBase64(n).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}
