import { customAlphabet } from 'nanoid'
import { NodeBuffer, nodeCrypto } from './node.ts'
import { toBase64 } from './sha256.ts'

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
 * A version 4 UUID, for ids that live only as long as a response (request ids). node:crypto's own `randomUUID` in
 * Node: the global one checks its receiver first.
 */
export const randomUuid: () => string = nodeCrypto ? nodeCrypto.randomUUID : () => crypto.randomUUID()

/**
 * A version 4 UUID, as the `sub` of a user.
 *
 * @note Split and joined again because Node builds `randomUUID()` by concatenation: kept as is for each of
 * 100,000 users, every `sub` would be a tree of 14 string pieces (about 450 bytes) instead of one flat string.
 */
export const uuid = (): string => randomUuid().split('-').join('-')
/** Six digits, as Cognito's confirmation and verification codes. */
export const code = (): string => digits()
/** Eight digits, as Cognito's email sign-in codes. */
export const longCode = (): string => eightDigits()

const POOL_SIZE = 4096
let pool = new Uint8Array(0)
let used = 0

/**
 * `n` random bytes (a fresh array). Drawn from a pool refilled 4 KB at a time: each `getRandomValues` call costs
 * about 20 µs in Node whatever its size, and a sign-in needs several small draws.
 */
export function randomBytes(n: number): Uint8Array {
  if (n > POOL_SIZE) return crypto.getRandomValues(new Uint8Array(n))
  if (used + n > pool.length) {
    pool = crypto.getRandomValues(new Uint8Array(POOL_SIZE))
    used = 0
  }
  const out = pool.slice(used, used + n)
  used += n
  return out
}

const bytes = randomBytes

/** Standard base64 of random bytes, the form of AWS's `kid` values. */
export function randomBase64(n: number): string {
  return toBase64(bytes(n))
}

/** base64url of random bytes, for opaque tokens and sessions. */
export function randomBase64Url(n: number): string {
  if (NodeBuffer) return NodeBuffer.from(bytes(n)).toString('base64url')
  return randomBase64(n).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}
