/**
 * Synchronous SHA-1 and HMAC-SHA1, for RFC 6238 TOTP codes (authenticator apps use HMAC-SHA1). Like
 * `sha256.ts`, it exists because WebCrypto digests are async and operations must not await between reading and
 * writing state.
 */
import { hmac } from './hmac.ts'

const encoder = new TextEncoder()
const W = new Uint32Array(80)

const rotl = (x: number, n: number) => (x << n) | (x >>> (32 - n))

/** SHA-1 (FIPS 180-4) of bytes or of a string's UTF-8. */
export function sha1(input: Uint8Array | string): Uint8Array {
  const data = typeof input === 'string' ? encoder.encode(input) : input
  const bitLength = data.length * 8
  const padded = new Uint8Array(((data.length + 9 + 63) >> 6) << 6)
  padded.set(data)
  padded[data.length] = 0x80
  const view = new DataView(padded.buffer)
  view.setUint32(padded.length - 8, Math.floor(bitLength / 0x100000000))
  view.setUint32(padded.length - 4, bitLength >>> 0)
  const h = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0]
  for (let offset = 0; offset < padded.length; offset += 64) {
    for (let i = 0; i < 16; i++) W[i] = view.getUint32(offset + i * 4)
    for (let i = 16; i < 80; i++) W[i] = rotl(W[i - 3]! ^ W[i - 8]! ^ W[i - 14]! ^ W[i - 16]!, 1)
    let [a, b, c, d, e] = h as [number, number, number, number, number]
    for (let i = 0; i < 80; i++) {
      let f: number
      let k: number
      if (i < 20) {
        f = (b & c) | (~b & d)
        k = 0x5a827999
      } else if (i < 40) {
        f = b ^ c ^ d
        k = 0x6ed9eba1
      } else if (i < 60) {
        f = (b & c) | (b & d) | (c & d)
        k = 0x8f1bbcdc
      } else {
        f = b ^ c ^ d
        k = 0xca62c1d6
      }
      const t = (rotl(a, 5) + f + e + k + W[i]!) >>> 0
      e = d
      d = c
      c = rotl(b, 30) >>> 0
      b = a
      a = t
    }
    h[0] = (h[0]! + a) >>> 0
    h[1] = (h[1]! + b) >>> 0
    h[2] = (h[2]! + c) >>> 0
    h[3] = (h[3]! + d) >>> 0
    h[4] = (h[4]! + e) >>> 0
  }
  const out = new Uint8Array(20)
  const outView = new DataView(out.buffer)
  h.forEach((v, i) => {
    outView.setUint32(i * 4, v)
  })
  return out
}

/** HMAC-SHA1 (RFC 2104). */
export function hmacSha1(key: Uint8Array | string, message: Uint8Array | string): Uint8Array {
  return hmac(sha1, 20, key, message)
}
