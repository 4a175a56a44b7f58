/**
 * RFC 6238 time-based one-time passwords as Cognito checks them for software-token MFA: HMAC-SHA1, six digits,
 * 30-second steps, the secret shared as base32 (AssociateSoftwareToken's SecretCode).
 *
 * @see https://datatracker.ietf.org/doc/html/rfc6238
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AssociateSoftwareToken.html
 */
import { hmacSha1 } from './sha1.ts'

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
/** Seconds per step. */
export const TOTP_STEP_SECONDS = 30
/** Steps either side of now that are still accepted (clock drift between phone and server). */
export const TOTP_WINDOW = 1
/** Bytes of a new secret: 32 bytes are 52 base32 characters, the length of AWS's SecretCode. */
const SECRET_BYTES = 32

/** RFC 4648 base32 without padding, as authenticator apps take secrets. */
export function base32Encode(bytes: Uint8Array): string {
  let bits = 0
  let value = 0
  let out = ''
  for (const byte of bytes) {
    value = (value << 8) | byte
    bits += 8
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31]
      bits -= 5
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31]
  return out
}

/** Decodes base32 (case-insensitive, padding and spaces ignored). */
export function base32Decode(text: string): Uint8Array {
  const clean = text.toUpperCase().replace(/[=\s]/g, '')
  const out: number[] = []
  let bits = 0
  let value = 0
  for (const char of clean) {
    const index = ALPHABET.indexOf(char)
    if (index < 0) throw new Error(`Not base32: ${char}`)
    value = ((value << 5) | index) & 0xffff
    bits += 5
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff)
      bits -= 8
    }
  }
  return new Uint8Array(out)
}

/** A fresh secret for a user, base32. */
export function newTotpSecret(): string {
  return base32Encode(crypto.getRandomValues(new Uint8Array(SECRET_BYTES)))
}

/** The step number of a time (epoch milliseconds). */
export const totpStep = (epochMs: number): number => Math.floor(epochMs / 1000 / TOTP_STEP_SECONDS)

/**
 * The six-digit code of a base32 secret at a step (RFC 4226 dynamic truncation).
 *
 * @example
 * totpCode('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', totpStep(Date.now()))
 */
export function totpCode(secret: string, step: number): string {
  const counter = new Uint8Array(8)
  const view = new DataView(counter.buffer)
  view.setUint32(0, Math.floor(step / 0x100000000))
  view.setUint32(4, step >>> 0)
  const mac = hmacSha1(base32Decode(secret), counter)
  const offset = mac[19]! & 0xf
  const binary =
    ((mac[offset]! & 0x7f) << 24) | (mac[offset + 1]! << 16) | (mac[offset + 2]! << 8) | mac[offset + 3]!
  return String(binary % 1_000_000).padStart(6, '0')
}

/**
 * The step a code belongs to, within ±TOTP_WINDOW steps of `epochMs`, and later than `usedStep` (a code is
 * good once); undefined if it matches none.
 */
export function matchTotp(secret: string, code: string, epochMs: number, usedStep = -1): number | undefined {
  const now = totpStep(epochMs)
  for (let step = now - TOTP_WINDOW; step <= now + TOTP_WINDOW; step++) {
    if (step > usedStep && totpCode(secret, step) === code) return step
  }
  return undefined
}
