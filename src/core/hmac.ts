const encoder = new TextEncoder()
const BLOCK_SIZE = 64

/** HMAC (RFC 2104) over a hash with 64-byte blocks (SHA-1, SHA-256) that returns `size` bytes. */
export function hmac(
  hash: (data: Uint8Array) => Uint8Array,
  size: number,
  key: Uint8Array | string,
  message: Uint8Array | string,
): Uint8Array {
  let k = typeof key === 'string' ? encoder.encode(key) : key
  if (k.length > BLOCK_SIZE) k = hash(k)
  const msg = typeof message === 'string' ? encoder.encode(message) : message
  const inner = new Uint8Array(BLOCK_SIZE + msg.length)
  const outer = new Uint8Array(BLOCK_SIZE + size)
  for (let i = 0; i < BLOCK_SIZE; i++) {
    const b = k[i] ?? 0
    inner[i] = b ^ 0x36
    outer[i] = b ^ 0x5c
  }
  inner.set(msg, BLOCK_SIZE)
  outer.set(hash(inner), BLOCK_SIZE)
  return hash(outer)
}
