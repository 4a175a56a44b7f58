import { createHmac } from 'node:crypto'

/**
 * What an authenticator app computes: the RFC 6238 code of a base32 secret at a time, written independently of
 * the emulator's own TOTP code (node:crypto HMAC-SHA1).
 */
export function authenticatorCode(secret: string, at: number = Date.now()): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
  let bits = ''
  for (const char of secret.replace(/=+$/, '')) bits += alphabet.indexOf(char).toString(2).padStart(5, '0')
  const key = Buffer.from(bits.match(/.{8}/g)!.map((b) => Number.parseInt(b, 2)))
  const counter = Buffer.alloc(8)
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 30_000)))
  const mac = createHmac('sha1', key).update(counter).digest()
  const offset = mac[19]! & 0xf
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0')
}

/**
 * Epoch milliseconds 10 s into the current 30-s TOTP step: a clock frozen there (`clock.freeze`) cannot cross into
 * the next step between two calls of a test, so a code stays the one the emulator expects until the test moves it.
 */
export const midTotpStep = (now: number = Date.now()): number => Math.floor(now / 30_000) * 30_000 + 10_000
