/**
 * Synchronous SHA-256 and HMAC-SHA256. WebCrypto only offers async digests, and operations must read and write
 * state without an `await` in between, so password checks and SECRET_HASH use node:crypto's synchronous hashes in
 * Node (core/node.ts) and this small implementation elsewhere. Both give the same bytes.
 */
import { hmac } from './hmac.ts'
import { NodeBuffer, nodeCrypto } from './node.ts'

const native = nodeCrypto && NodeBuffer ? { crypto: nodeCrypto, Buffer: NodeBuffer } : undefined

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
])

const encoder = new TextEncoder()
const W = new Uint32Array(64)

/** SHA-256 of bytes or of a string's UTF-8. */
export function sha256(input: Uint8Array | string): Uint8Array {
  if (native) return native.crypto.createHash('sha256').update(input).digest()
  const data = typeof input === 'string' ? encoder.encode(input) : input
  const bitLength = data.length * 8
  const padded = new Uint8Array(((data.length + 9 + 63) >> 6) << 6)
  padded.set(data)
  padded[data.length] = 0x80
  const view = new DataView(padded.buffer)
  view.setUint32(padded.length - 8, Math.floor(bitLength / 0x100000000))
  view.setUint32(padded.length - 4, bitLength >>> 0)
  let h0 = 0x6a09e667
  let h1 = 0xbb67ae85
  let h2 = 0x3c6ef372
  let h3 = 0xa54ff53a
  let h4 = 0x510e527f
  let h5 = 0x9b05688c
  let h6 = 0x1f83d9ab
  let h7 = 0x5be0cd19
  for (let off = 0; off < padded.length; off += 64) {
    for (let i = 0; i < 16; i++) W[i] = view.getUint32(off + i * 4)
    for (let i = 16; i < 64; i++) {
      const w15 = W[i - 15]!
      const w2 = W[i - 2]!
      const s0 = ((w15 >>> 7) | (w15 << 25)) ^ ((w15 >>> 18) | (w15 << 14)) ^ (w15 >>> 3)
      const s1 = ((w2 >>> 17) | (w2 << 15)) ^ ((w2 >>> 19) | (w2 << 13)) ^ (w2 >>> 10)
      W[i] = (W[i - 16]! + s0 + W[i - 7]! + s1) | 0
    }
    let a = h0
    let b = h1
    let c = h2
    let d = h3
    let e = h4
    let f = h5
    let g = h6
    let h = h7
    for (let i = 0; i < 64; i++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))
      const ch = (e & f) ^ (~e & g)
      const t1 = (h + S1 + ch + K[i]! + W[i]!) | 0
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))
      const maj = (a & b) ^ (a & c) ^ (b & c)
      const t2 = (S0 + maj) | 0
      h = g
      g = f
      f = e
      e = (d + t1) | 0
      d = c
      c = b
      b = a
      a = (t1 + t2) | 0
    }
    h0 = (h0 + a) | 0
    h1 = (h1 + b) | 0
    h2 = (h2 + c) | 0
    h3 = (h3 + d) | 0
    h4 = (h4 + e) | 0
    h5 = (h5 + f) | 0
    h6 = (h6 + g) | 0
    h7 = (h7 + h) | 0
  }
  const out = new Uint8Array(32)
  const outView = new DataView(out.buffer)
  ;[h0, h1, h2, h3, h4, h5, h6, h7].forEach((v, i) => {
    outView.setUint32(i * 4, v)
  })
  return out
}

/** Lowercase hex SHA-256 of a string's UTF-8. */
export function sha256Hex(text: string): string {
  if (native) return native.crypto.hash('sha256', text, 'hex')
  return toHex(sha256(text))
}

/** HMAC-SHA256 (RFC 2104). */
export function hmacSha256(key: Uint8Array | string, message: Uint8Array | string): Uint8Array {
  if (native) return native.crypto.createHmac('sha256', key).update(message).digest()
  return hmac(sha256, 32, key, message)
}

const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'))

/**
 * Lowercase hex. Joined from parts rather than concatenated, so the result is one flat string: a hash kept in the
 * state for each of 100,000 users would otherwise be a tree of 60-odd string pieces (about 1.3 KB each).
 */
export function toHex(bytes: Uint8Array): string {
  if (native) return native.Buffer.from(bytes).toString('hex')
  const parts = new Array<string>(bytes.length)
  for (let i = 0; i < bytes.length; i++) parts[i] = HEX[bytes[i]!]!
  return parts.join('')
}

/** Hex digit values by character code (a–f and A–F). */
const HEX_VALUES = (() => {
  const values = new Uint8Array(128)
  for (let i = 0; i < 16; i++) {
    values['0123456789abcdef'.charCodeAt(i)] = i
    values['0123456789ABCDEF'.charCodeAt(i)] = i
  }
  return values
})()

/** Bytes of hex digits (an odd count reads as if it had a leading 0). */
export function hexToBytes(hex: string): Uint8Array {
  const even = hex.length % 2 ? `0${hex}` : hex
  if (NodeBuffer) return NodeBuffer.from(even, 'hex')
  const out = new Uint8Array(even.length / 2)
  for (let i = 0; i < out.length; i++) {
    out[i] = (HEX_VALUES[even.charCodeAt(2 * i)]! << 4) | HEX_VALUES[even.charCodeAt(2 * i + 1)]!
  }
  return out
}

export function toBase64(bytes: Uint8Array): string {
  if (native) return native.Buffer.from(bytes).toString('base64')
  let s = ''
  for (const b of bytes) s += String.fromCharCode(b)
  return btoa(s)
}

/** Compares two strings in time that depends only on their lengths. */
export function timingSafeEqual(a: string, b: string): boolean {
  let diff = a.length ^ b.length
  const n = Math.max(a.length, b.length)
  for (let i = 0; i < n; i++) diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0)
  return diff === 0
}
