/**
 * The server side of Cognito's SRP-6a variant (USER_SRP_AUTH / PASSWORD_VERIFIER and DEVICE_SRP_AUTH /
 * DEVICE_PASSWORD_VERIFIER), as pure functions over hex strings. The formulas follow the clients' code
 * (Amplify's `AuthenticationHelper`, amazon-cognito-identity-js); see /work/shared/reference/clients.md §2–3.
 *
 * Flow: `cachedVerifier` / `createVerifier` (or `deviceVerifier`) → `startPasswordVerifier` with the client's SRP_A → send its
 * `challengeParameters`, keep its `session` → `verifyPasswordClaim` (or `verifyDevicePasswordClaim`) with the
 * client's answer.
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_InitiateAuth.html
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_RespondToAuthChallenge.html
 */
import { bytesToBigInt, type HelperThread, helperThread, type Ticket } from './helper-thread.ts'
import { randomBytes, randomHex } from './ids.ts'
import { modPow } from './modpow.ts'
import { hexToBytes, hmacSha256, sha256, toBase64, toHex } from './sha256.ts'

/** RFC 3526's 3072-bit MODP prime, the group of every Cognito SRP exchange. */
export const SRP_N: bigint = BigInt(
  '0xFFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD' +
    'EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED' +
    'EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F' +
    '83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B' +
    'E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510' +
    '15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7' +
    'ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C' +
    'BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF',
)
/** The generator. */
export const SRP_G = 2n

/**
 * Java `BigInteger.toByteArray()` as hex, which the clients call `padHex`: even length, and `00` in front when the
 * top bit is set. Not RFC 5054's fixed-width PAD().
 *
 * @example
 * padHex(0x80n) // '0080'
 * padHex(0x7n) // '07'
 */
export function padHex(n: bigint, hex: string = n.toString(16)): string {
  const even = hex.length % 2 ? `0${hex}` : hex
  return /^[89a-f]/.test(even) ? `00${even}` : even
}

/** The multiplier k = H(padHex(N) ‖ padHex(g)), `538282c4…6d9ee6`. */
export const SRP_K: bigint = hashToBigInt(hexToBytes(padHex(SRP_N) + padHex(SRP_G)))

/** Bits of the server's secret b. See decisions/0004-srp-fast-path.md. */
const B_SECRET_BYTES = 32
/** Bytes of a new user's salt: real SALT values are 32 hex digits. */
const SALT_BYTES = 16
/** Clients send A unpadded (up to 768 hex digits); anything much longer is not an SRP value. */
const MAX_A_HEX_DIGITS = 1024

/** A salt and a verifier v = g^x mod N, both as hex. */
export interface SrpVerifier {
  /** Sent as SALT. Any hex: x is derived from padHex of its value, as clients do. */
  salt: string
  verifier: string
}

/**
 * The user's SRP salt and verifier, from the stored password hash. The project keeps
 * `hex(SHA-256(<pool name part><USER_ID_FOR_SRP>:<password>))` (`hashPassword`), which is exactly the inner hash of
 * x = H(padHex(salt) ‖ innerHash), so no password is needed.
 *
 * @param passwordHash hex SHA-256, as `hashPassword` returns it.
 * @param salt hex; a new random 16-byte salt if omitted.
 * @example
 * const { salt, verifier } = createVerifier(hashPassword(poolId, user.Username, password))
 */
export function createVerifier(passwordHash: string, salt: string = randomHex(SALT_BYTES)): SrpVerifier {
  const x = hashToBigInt(hexToBytes(padHex(BigInt(`0x${salt}`)) + passwordHash))
  return { salt, verifier: modPow(SRP_G, x, SRP_N).toString(16) }
}

const verifiers = new Map<string, SrpVerifier>()
/** Enough for every user of a large test run that signs in more than once; about 1 kB each. */
const MAX_CACHED_VERIFIERS = 1000

/**
 * `createVerifier` with a salt that stays the same for a password hash, computed once per process: a repeated
 * sign-in costs three exponentiations instead of four, and SALT is stable across sign-ins, as a stored verifier
 * makes it on AWS. The cache is a memo of a pure function (least recently used entries are dropped), not state:
 * after a restart a user simply gets a new salt, which no client can tell.
 *
 * @example
 * startPasswordVerifier(AuthParameters.SRP_A, cachedVerifier(user.passwordHash))
 */
export function cachedVerifier(passwordHash: string): SrpVerifier {
  const hit = verifiers.get(passwordHash)
  if (hit) {
    verifiers.delete(passwordHash)
    verifiers.set(passwordHash, hit)
    return hit
  }
  const verifier = createVerifier(passwordHash)
  verifiers.set(passwordHash, verifier)
  if (verifiers.size > MAX_CACHED_VERIFIERS) verifiers.delete(verifiers.keys().next().value!)
  return verifier
}

/**
 * The verifier a client registered with ConfirmDevice (`DeviceSecretVerifierConfig`, both fields base64), in the
 * form `startPasswordVerifier` takes. The salt is sent back as the hex of the client's bytes.
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ConfirmDevice.html
 */
export function deviceVerifier(config: { Salt: string; PasswordVerifier: string }): SrpVerifier {
  return { salt: toHex(fromBase64(config.Salt)), verifier: toHex(fromBase64(config.PasswordVerifier)) }
}

/** What InitiateAuth (PASSWORD_VERIFIER) or DEVICE_SRP_AUTH (DEVICE_PASSWORD_VERIFIER) sends back. */
export interface SrpChallengeParameters {
  /** B as unpadded lowercase hex. */
  SRP_B: string
  SALT: string
  /** Opaque base64 that the client echoes as PASSWORD_CLAIM_SECRET_BLOCK and signs. */
  SECRET_BLOCK: string
}

/**
 * What to keep in the auth session until the claim arrives (JSON-safe): the 16-byte HKDF key both sides derive,
 * or, while the helper thread derives it in the background, what it is derived from.
 */
export interface SrpSession {
  secretBlock: string
  /** The key, as hex. */
  key?: string
  /** Until `key` is known: A, v, u and b as hex (S = (A·v^u)^b mod N, key = HKDF(S, u)). */
  pending?: { A: string; v: string; u: string; b: string }
}

/**
 * Answers the client's SRP_A: picks b, computes B = k·v + g^b mod N and u = H(padHex(A) ‖ padHex(B)), and starts
 * deriving the session key (S = (A·v^u)^b mod N, HKDF), since all of it is known now. Where the helper thread runs
 * (Node), S is computed there while the answer travels to the client and the client does its own math; elsewhere
 * it is computed here. Either way the claim is then checked with HMACs.
 *
 * @param srpA the client's SRP_A: hex, usually unpadded lowercase.
 * @returns undefined if SRP_A is not hex, is absurdly long, or A mod N = 0 (SRP-6a's abort condition).
 * @example
 * const started = startPasswordVerifier(AuthParameters.SRP_A, createVerifier(user.passwordHash))
 * if (!started) throw errors.invalidParameter('...')
 */
export function startPasswordVerifier(
  srpA: string,
  verifier: SrpVerifier,
  secretBlock: string = newSecretBlock(),
): { challengeParameters: SrpChallengeParameters; session: SrpSession } | undefined {
  if (!/^[0-9a-fA-F]+$/.test(srpA) || srpA.length > MAX_A_HEX_DIGITS) return undefined
  const rawA = BigInt(`0x${srpA}`)
  const A = rawA % SRP_N
  if (A === 0n) return undefined
  const v = BigInt(`0x${verifier.verifier}`)
  const paddedA = padHex(rawA)
  const helper = helperThread()
  for (;;) {
    const { b, gToTheB } = takeEphemeral()
    const B = (SRP_K * v + gToTheB) % SRP_N
    const hexB = B.toString(16)
    const u = hashToBigInt(hexToBytes(paddedA + padHex(B, hexB)))
    // Clients abort on B mod N = 0 or u = 0; both are astronomically unlikely, but retrying costs nothing.
    if (B === 0n || u === 0n) continue
    const challengeParameters = { SRP_B: hexB, SALT: verifier.salt, SECRET_BLOCK: secretBlock }
    if (!helper) {
      return { challengeParameters, session: { secretBlock, key: toHex(hkdfKey(secret(A, v, u, b), u)) } }
    }
    // Hex computed once serves both the session (JSON) and the helper's job (bytes).
    const pending = {
      A: A === rawA ? srpA.toLowerCase() : A.toString(16),
      v: verifier.verifier,
      u: u.toString(16),
      b: b.toString(16),
    }
    const job = {
      A: hexToBytes(pending.A),
      v: hexToBytes(pending.v),
      u: hexToBytes(pending.u),
      b: hexToBytes(pending.b),
      N: N_BYTES,
    }
    remember(
      secretBlock,
      helper.srpSecret(job, () => bytes(secret(A, v, u, b))),
    )
    makeAhead(helper)
    return { challengeParameters, session: { secretBlock, pending } }
  }
}

/** S = (A·v^u)^b mod N. */
function secret(A: bigint, v: bigint, u: bigint, b: bigint): bigint {
  return modPow((A * modPow(v, u, SRP_N)) % SRP_N, b, SRP_N)
}

const N_BYTES = bytes(SRP_N)
const G_BYTES = bytes(SRP_G)

function bytes(n: bigint): Uint8Array {
  return hexToBytes(n.toString(16))
}

/** S being computed by the helper thread, by SECRET_BLOCK; a memo, not state (`pending` can redo it). */
const derivations = new Map<string, Ticket>()
/** Exchanges started and not yet answered, beyond which the oldest are forgotten (and redone if answered). */
const MAX_DERIVATIONS = 1000

function remember(secretBlock: string, ticket: Ticket): void {
  derivations.set(secretBlock, ticket)
  if (derivations.size > MAX_DERIVATIONS) derivations.delete(derivations.keys().next().value!)
}

/**
 * The session's key as hex: known, collected from the helper thread, or computed here from `pending`. Once
 * derived it is kept in the session (`key`, and `pending` dropped).
 */
export function srpSessionKey(session: SrpSession): string | undefined {
  if (session.key) return session.key
  const pending = session.pending
  if (!pending) return undefined
  const ticket = derivations.get(session.secretBlock)
  derivations.delete(session.secretBlock)
  const u = BigInt(`0x${pending.u}`)
  const S = ticket
    ? bytesToBigInt(ticket.take())
    : secret(BigInt(`0x${pending.A}`), BigInt(`0x${pending.v}`), u, BigInt(`0x${pending.b}`))
  session.key = toHex(hkdfKey(S, u))
  delete session.pending
  return session.key
}

/** A server secret b and g^b. */
interface Ephemeral {
  b: bigint
  gToTheB: bigint
}

/**
 * Pairs made ahead; each is taken by one sign-in only. With the helper thread, g^b is computed there (tickets);
 * without it, between requests in this thread. See decisions/0004-srp-fast-path.md and 0010.
 */
const ready: Ephemeral[] = []
const ahead: { b: bigint; ticket: Ticket }[] = []
/** Enough for a burst of sign-ins; each holds about 1 kB. */
const READY_MAX = 4
let refilling = false

function newB(): bigint {
  return BigInt(`0x${toHex(randomBytes(B_SECRET_BYTES))}`)
}

function newEphemeral(): Ephemeral {
  const b = newB()
  return { b, gToTheB: modPow(SRP_G, b, SRP_N) }
}

/** A fresh b: one made ahead if there is one (it is used once), else a new one. */
function takeEphemeral(): Ephemeral {
  if (helperThread()) {
    const next = ahead.shift()
    return next ? { b: next.b, gToTheB: bytesToBigInt(next.ticket.take()) } : newEphemeral()
  }
  const taken = ready.shift() ?? newEphemeral()
  if (!refilling) {
    refilling = true
    later(refill)
  }
  return taken
}

/** Has the helper thread make g^b ahead, up to READY_MAX, after the jobs a sign-in needs sooner. */
function makeAhead(helper: HelperThread): void {
  while (ahead.length < READY_MAX) {
    const b = newB()
    ahead.push({ b, ticket: helper.pow(G_BYTES, bytes(b), N_BYTES, () => bytes(modPow(SRP_G, b, SRP_N))) })
  }
}

/** Adds one ephemeral per macrotask, so that a request waiting behind the refill waits for one at most. */
function refill(): void {
  ready.push(newEphemeral())
  if (ready.length < READY_MAX) later(refill)
  else refilling = false
}

/** Runs `fn` after the current request, without keeping a Node process alive for it. */
function later(fn: () => void): void {
  const timer = setTimeout(fn, 0) as unknown as { unref?: () => void }
  timer.unref?.()
}

/** The device variant: the same exchange, with the verifier from `deviceVerifier`. */
export const startDevicePasswordVerifier: typeof startPasswordVerifier = startPasswordVerifier

/** The client's PASSWORD_VERIFIER answer, plus the names it signed. */
export interface PasswordClaim {
  /** The part of the pool id after `_`. */
  poolName: string
  /** USER_ID_FOR_SRP: the canonical username, not the login the user typed. */
  userId: string
  /** PASSWORD_CLAIM_SECRET_BLOCK. */
  secretBlock: string
  /** TIMESTAMP, e.g. `Thu Nov 26 03:53:21 UTC 2026`. */
  timestamp: string
  /** PASSWORD_CLAIM_SIGNATURE (base64). */
  signature: string
}

/**
 * Checks PASSWORD_CLAIM_SIGNATURE = base64(HMAC-SHA256(key, poolName ‖ userId ‖ SECRET_BLOCK bytes ‖ TIMESTAMP)),
 * in constant time. False if the secret block is not the one issued or the timestamp is not a date.
 *
 * @note Cognito signs the timestamp as it re-formats it, so `Wed Apr 05 …` (day zero-padded) fails, as it does
 * on AWS (qwigo/warrant#12). We do the same: parse, re-format, sign.
 */
export function verifyPasswordClaim(session: SrpSession, claim: PasswordClaim): boolean {
  const timestamp = canonicalTimestamp(claim.timestamp)
  if (timestamp === undefined || claim.secretBlock !== session.secretBlock) return false
  const key = srpSessionKey(session)
  if (!key) return false
  const expected = signature(hexToBytes(key), claim.poolName, claim.userId, claim.secretBlock, timestamp)
  let given: Uint8Array
  try {
    given = fromBase64(claim.signature)
  } catch {
    return false
  }
  return bytesEqual(expected, given)
}

/** The DEVICE_PASSWORD_VERIFIER answer: DeviceGroupKey takes the pool name's place, DeviceKey the user id's. */
export interface DevicePasswordClaim {
  deviceGroupKey: string
  deviceKey: string
  secretBlock: string
  timestamp: string
  signature: string
}

/** `verifyPasswordClaim` for device SRP. */
export function verifyDevicePasswordClaim(session: SrpSession, claim: DevicePasswordClaim): boolean {
  const { deviceGroupKey, deviceKey, ...rest } = claim
  return verifyPasswordClaim(session, { poolName: deviceGroupKey, userId: deviceKey, ...rest })
}

/**
 * The signature a client computes, as base64. Exported for clients written in tests.
 */
export function passwordClaimSignature(key: string, claim: Omit<PasswordClaim, 'signature'>): string {
  return toBase64(
    signature(hexToBytes(key), claim.poolName, claim.userId, claim.secretBlock, claim.timestamp),
  )
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/**
 * The clients' TIMESTAMP format, `ddd MMM D HH:mm:ss UTC YYYY` in UTC: no leading zero on the day, zero-padded
 * time.
 *
 * @example
 * srpTimestamp(new Date('2026-11-26T03:53:21Z')) // 'Thu Nov 26 03:53:21 UTC 2026'
 */
export function srpTimestamp(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0')
  const time = `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())}`
  return `${DAYS[date.getUTCDay()]} ${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()} ${time} UTC ${date.getUTCFullYear()}`
}

/**
 * Reads a TIMESTAMP leniently (one or two digits for day and time fields) and returns it in `srpTimestamp` form,
 * or undefined if it is no date.
 */
export function canonicalTimestamp(timestamp: string): string | undefined {
  const m = /^[A-Za-z]{3} ([A-Za-z]{3}) (\d{1,2}) (\d{1,2}):(\d{1,2}):(\d{1,2}) UTC (\d{4})$/.exec(timestamp)
  if (!m) return undefined
  const month = MONTHS.findIndex((name) => name.toLowerCase() === m[1]!.toLowerCase())
  const [day, hours, minutes, seconds, year] = [m[2], m[3], m[4], m[5], m[6]].map(Number) as number[]
  if (month < 0 || day! < 1 || day! > 31 || hours! > 23 || minutes! > 59 || seconds! > 59) return undefined
  const date = new Date(Date.UTC(year!, month, day!, hours!, minutes!, seconds!))
  if (date.getUTCMonth() !== month) return undefined
  return srpTimestamp(date)
}

/** A fresh SECRET_BLOCK. AWS's are AWS Encryption SDK messages (base64 `AgV4…`); ours have that shape. */
export function newSecretBlock(): string {
  const block = randomBytes(512)
  block.set([0x02, 0x05, 0x78])
  return toBase64(block)
}

function signature(
  key: Uint8Array,
  poolName: string,
  userId: string,
  secretBlock: string,
  timestamp: string,
) {
  const encoder = new TextEncoder()
  const parts = [
    encoder.encode(poolName),
    encoder.encode(userId),
    fromBase64(secretBlock),
    encoder.encode(timestamp),
  ]
  const message = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let offset = 0
  for (const part of parts) {
    message.set(part, offset)
    offset += part.length
  }
  return hmacSha256(key, message)
}

/** RFC 5869 HKDF-SHA256 with IKM = padHex(S), salt = padHex(u), info = "Caldera Derived Key", L = 16. */
function hkdfKey(S: bigint, u: bigint): Uint8Array {
  const prk = hmacSha256(hexToBytes(padHex(u)), hexToBytes(padHex(S)))
  return hmacSha256(prk, 'Caldera Derived Key\u0001').slice(0, 16)
}

function hashToBigInt(bytes: Uint8Array): bigint {
  return BigInt(`0x${toHex(sha256(bytes))}`)
}

/** Decodes standard or URL-safe base64, with or without padding (Amplify decodes SECRET_BLOCK that way). */
function fromBase64(b64: string): Uint8Array {
  const standard = b64.replace(/-/g, '+').replace(/_/g, '/')
  const binary = atob(standard + '='.repeat((4 - (standard.length % 4)) % 4))
  const out = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i)
  return out
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ (b[i] ?? 0)
  return diff === 0
}
