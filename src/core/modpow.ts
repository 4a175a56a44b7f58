/**
 * Modular exponentiation for SRP's 3072-bit group, fast in Node and correct everywhere.
 *
 * In Node it borrows OpenSSL through an RSA public-key operation with no padding, which computes exactly
 * `message ^ e mod n`: n is the SRP prime and e the exponent. Elsewhere (browsers) it runs a sliding-window
 * BigInt exponentiation. See decisions/0004-srp-fast-path.md for the measurements and for why not
 * `createDiffieHellman`.
 */
import { NodeBuffer, nodeCrypto } from './node.ts'
import { hexToBytes } from './sha256.ts'

/** `base ^ exp mod n` for one exponent and many bases (bases already reduced mod n). */
type Power = (base: bigint) => bigint
type NativePowers = (exp: bigint) => Power

/**
 * `base ^ exp mod modulus` for non-negative `exp` and odd `modulus` > 1.
 *
 * @example
 * modPow(2n, 10n, 1019n) // 5n
 */
export function modPow(base: bigint, exp: bigint, modulus: bigint): bigint {
  if (exp < 0n || modulus <= 1n) throw new RangeError(`modPow needs exp >= 0 and modulus > 1`)
  let b = base % modulus
  if (b < 0n) b += modulus
  if (exp === 0n) return 1n
  if (b <= 1n) return b
  return powers(exp, modulus)(b)
}

/**
 * `base ^ exp mod modulus` for one exponent and several bases, e.g. SRP's b in both g^b and (A·v^u)^b. In Node
 * the OpenSSL key object for the exponent is made once and reused.
 *
 * @example
 * const toTheB = powers(b, SRP_N)
 * const B = toTheB(SRP_G)
 */
export function powers(exp: bigint, modulus: bigint): (base: bigint) => bigint {
  if (exp < 0n || modulus <= 1n) throw new RangeError(`modPow needs exp >= 0 and modulus > 1`)
  let native: Power | undefined
  try {
    native = exp > 0n && exp < modulus ? nativePowers(modulus)?.(exp) : undefined
  } catch {
    // an OpenSSL build that refuses this exponent as a key: BigInt below
  }
  return (base) => {
    let b = base % modulus
    if (b < 0n) b += modulus
    if (exp === 0n) return 1n
    if (b <= 1n) return b
    if (native) {
      try {
        return native(b)
      } catch {
        // an OpenSSL build that refuses this exponent: fall through to BigInt
      }
    }
    return slidingWindowModPow(b, exp, modulus)
  }
}

/**
 * Left-to-right sliding-window exponentiation over BigInt: one squaring per exponent bit and about one
 * multiplication per `w + 1` bits, against one per two bits for square-and-multiply.
 */
export function slidingWindowModPow(base: bigint, exp: bigint, modulus: bigint): bigint {
  const bits = exp.toString(2)
  const w = bits.length > 512 ? 5 : bits.length > 128 ? 4 : 3
  // odd[i] = base^(2i+1)
  const odd: bigint[] = [base % modulus]
  const square = (odd[0]! * odd[0]!) % modulus
  for (let i = 1; i < 1 << (w - 1); i++) odd[i] = (odd[i - 1]! * square) % modulus
  let result = 1n
  let started = false
  let i = 0
  while (i < bits.length) {
    if (bits[i] === '0') {
      if (started) result = (result * result) % modulus
      i++
      continue
    }
    let j = Math.min(i + w, bits.length) - 1
    while (bits[j] === '0') j--
    const window = Number.parseInt(bits.slice(i, j + 1), 2)
    if (started) {
      for (let s = i; s <= j; s++) result = (result * result) % modulus
      result = (result * odd[(window - 1) >> 1]!) % modulus
    } else {
      result = odd[(window - 1) >> 1]!
      started = true
    }
    i = j + 1
  }
  return result
}

const natives = new Map<bigint, NativePowers | undefined>()

/** OpenSSL's exponentiation for this modulus, or undefined outside Node or if it fails its self-check. */
function nativePowers(modulus: bigint): NativePowers | undefined {
  if (natives.has(modulus)) return natives.get(modulus)
  const fn = createNativePowers(modulus)
  natives.set(modulus, fn)
  return fn
}

function createNativePowers(modulus: bigint): NativePowers | undefined {
  const platform = nodeCrypto && NodeBuffer ? { crypto: nodeCrypto, Buffer: NodeBuffer } : undefined
  const size = Math.ceil(modulus.toString(16).length / 2)
  // OpenSSL caps the public exponent at 64 bits above 3072-bit moduli and refuses tiny or even moduli.
  if (!platform || modulus % 2n === 0n || size > 384 || size < 128) return undefined
  const { crypto, Buffer } = platform
  const n = base64Url(modulus)
  const padding = crypto.constants.RSA_NO_PADDING
  const fn: NativePowers = (exp) => {
    // Making the key costs about 3% of one 3072-bit exponentiation; `powers` reuses it for every base.
    const key = crypto.createPublicKey({ key: { kty: 'RSA', n, e: base64Url(exp) }, format: 'jwk' })
    return (base) => {
      const message = Buffer.from(base.toString(16).padStart(size * 2, '0'), 'hex')
      const out = crypto.publicEncrypt({ key, padding }, message)
      return BigInt(`0x${Buffer.from(out).toString('hex')}`)
    }
  }
  try {
    const base = modulus - 3n
    const exp = (1n << 200n) + 12345n
    return fn(exp)(base) === slidingWindowModPow(base, exp, modulus) ? fn : undefined
  } catch {
    return undefined
  }
}

function base64Url(n: bigint): string {
  let s = ''
  for (const b of hexToBytes(n.toString(16))) s += String.fromCharCode(b)
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}
