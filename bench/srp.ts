/**
 * `npx node bench/srp.ts`: what SRP costs the server, and which way of computing 3072-bit powers to use.
 * Prints Markdown tables; the numbers and the decision are in decisions/0004-srp-fast-path.md.
 * BENCH_MS sets the time per row (default 1500).
 */
import { createDiffieHellman, createHmac, randomBytes } from 'node:crypto'
import { modPow, slidingWindowModPow } from '../src/core/modpow.ts'
import { hashPassword } from '../src/core/passwords.ts'
import {
  cachedVerifier,
  createVerifier,
  padHex,
  passwordClaimSignature,
  SRP_G,
  SRP_K,
  SRP_N,
  srpSessionKey,
  srpTimestamp,
  startPasswordVerifier,
  verifyPasswordClaim,
} from '../src/core/srp.ts'
import { handlersOnly, mswInProcess } from './targets.ts'
import { createTarget, type Send } from './workload.ts'

const MS = Number(process.env.BENCH_MS ?? 1500)
const N_BYTES = Buffer.from(SRP_N.toString(16), 'hex')

/**
 * Milliseconds per call of `fn`: after a short warm-up, the best of five slices of MS / 5 each. Taking the best
 * slice keeps other processes' bursts out of the figure on a shared machine.
 */
async function time(fn: () => unknown): Promise<number> {
  const warmUntil = performance.now() + Math.min(200, MS / 5)
  while (performance.now() < warmUntil) await fn()
  let best = Number.POSITIVE_INFINITY
  for (let slice = 0; slice < 5; slice++) {
    let calls = 0
    const start = performance.now()
    while (performance.now() - start < MS / 5) {
      await fn()
      calls++
    }
    best = Math.min(best, (performance.now() - start) / calls)
  }
  return best
}

const random = (bytes: number) => BigInt(`0x${randomBytes(bytes).toString('hex')}`)
const bytesOf = (n: bigint) => Buffer.from(padHex(n), 'hex')
const fmt = (ms: number) => (ms >= 10 ? ms.toFixed(1) : ms.toFixed(3))

function squareAndMultiply(base: bigint, exp: bigint, m: bigint): bigint {
  let result = 1n
  let b = base % m
  for (let e = exp; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % m
    b = (b * b) % m
  }
  return result
}

/** node:crypto DH: g^e via generateKeys() after setPrivateKey(). Only for g = 2 (see below). */
function dhGeneratorPow(exp: bigint): bigint {
  const dh = createDiffieHellman(N_BYTES, Buffer.from([2]))
  dh.setPrivateKey(bytesOf(exp))
  return BigInt(`0x${dh.generateKeys('hex')}`)
}

/** node:crypto DH: base^e via computeSecret(base). OpenSSL validates `base` as a peer public key first. */
function dhComputeSecret(base: bigint, exp: bigint): bigint {
  const dh = createDiffieHellman(N_BYTES, Buffer.from([2]))
  dh.setPrivateKey(bytesOf(exp))
  return BigInt(`0x${dh.computeSecret(bytesOf(base)).toString('hex')}`)
}

async function modPowTable() {
  console.log('\n### One 3072-bit modular exponentiation (ms per call)\n')
  console.log('| method | 256-bit exponent | 1024-bit exponent |')
  console.log('|---|---|---|')
  const base = random(384) % SRP_N
  const rows: [string, (b: bigint, e: bigint) => bigint][] = [
    ['BigInt square-and-multiply', (b, e) => squareAndMultiply(b, e, SRP_N)],
    ['BigInt sliding window (browser fallback)', (b, e) => slidingWindowModPow(b, e, SRP_N)],
    ['OpenSSL via RSA public op, no padding (`modPow` in Node)', (b, e) => modPow(b, e, SRP_N)],
    ['OpenSSL DH generateKeys, g = 2 only', (_, e) => dhGeneratorPow(e)],
    ['OpenSSL DH computeSecret (when it does not throw)', (b, e) => dhComputeSecret(b, e)],
  ]
  for (const [name, fn] of rows) {
    const cells: string[] = []
    for (const bits of [256, 1024]) {
      const exp = random(bits / 8)
      let b = base
      if (name.includes('computeSecret')) {
        // computeSecret needs a quadratic residue: square a random element
        b = (base * base) % SRP_N
      }
      const expected = name.includes('g = 2')
        ? squareAndMultiply(SRP_G, exp, SRP_N)
        : squareAndMultiply(b, exp, SRP_N)
      if (fn(b, exp) !== expected) throw new Error(`${name} is wrong`)
      cells.push(fmt(await time(() => fn(b, exp))))
    }
    console.log(`| ${name} | ${cells.join(' | ')} |`)
  }
  let failures = 0
  for (let i = 0; i < 200; i++) {
    try {
      dhComputeSecret(random(384) % SRP_N, random(32))
    } catch {
      failures++
    }
  }
  console.log(`\ncomputeSecret threw for ${failures} of 200 random bases ("Unspecified validation error").`)
  const start = performance.now()
  createDiffieHellman(N_BYTES, bytesOf(base)).generateKeys()
  console.log(
    `createDiffieHellman(N, <random generator>) + generateKeys: ${fmt(performance.now() - start)} ms (one call).`,
  )
}

/** The server's exponentiations for one sign-in, with b of `bBits`, using `pow`. */
function serverMath(
  pow: (b: bigint, e: bigint) => bigint,
  A: bigint,
  bBits: number,
  freshVerifier: boolean,
  v0: bigint,
) {
  const v = freshVerifier ? pow(SRP_G, random(32)) : v0
  const b = random(bBits / 8)
  const B = (SRP_K * v + pow(SRP_G, b)) % SRP_N
  const u = BigInt(
    `0x${createHmac('sha256', 'x')
      .update(padHex(A) + padHex(B))
      .digest('hex')}`,
  )
  return pow((A * pow(v, u)) % SRP_N, b)
}

async function signInMathTable() {
  console.log(
    '\n### Server-side SRP math per sign-in (ms): g^b, v^u, (A·v^u)^b, and g^x when the verifier is fresh\n',
  )
  console.log('| exponentiation | b bits | verifier | ms per sign-in |')
  console.log('|---|---|---|---|')
  const v0 = modPow(SRP_G, random(32), SRP_N)
  const A = modPow(SRP_G, random(128), SRP_N).toString(16)
  const engines: [string, (b: bigint, e: bigint) => bigint][] = [
    ['OpenSSL (Node)', (b, e) => modPow(b, e, SRP_N)],
    ['BigInt sliding window (browsers)', (b, e) => slidingWindowModPow(b, e, SRP_N)],
  ]
  for (const [engine, pow] of engines) {
    for (const bBits of [256, 1024]) {
      for (const fresh of [false, true]) {
        const ms = await time(() => serverMath(pow, BigInt(`0x${A}`), bBits, fresh, v0))
        console.log(`| ${engine} | ${bBits} | ${fresh ? 'fresh salt' : 'cached'} | ${fmt(ms)} |`)
      }
    }
  }
  const hash = hashPassword('us-east-1_Bench1234', 'alice', 'Correct-Horse-42')
  for (const [name, verifier] of [
    ['cachedVerifier', () => cachedVerifier(hash)],
    ['createVerifier', () => createVerifier(hash)],
  ] as const) {
    const ms = await time(() => {
      const started = startPasswordVerifier(A, verifier())!
      const timestamp = srpTimestamp(new Date())
      const claim = {
        poolName: 'Bench1234',
        userId: 'alice',
        secretBlock: started.session.secretBlock,
        timestamp,
      }
      const signature = passwordClaimSignature(srpSessionKey(started.session)!, claim)
      if (!verifyPasswordClaim(started.session, { ...claim, signature })) throw new Error('claim refused')
    })
    const kind = name === 'cachedVerifier' ? 'cached' : 'fresh salt'
    console.log(`| src/core/srp.ts as shipped (${name} + start + verify) | 256 | ${kind} | ${fmt(ms)} |`)
  }
}

/** The client's half, as Amplify v6 computes it (jsbn), for scale. */
async function clientTable() {
  console.log('\n### The client side of one sign-in (ms)\n')
  console.log('| client | ms per sign-in |')
  console.log('|---|---|')
  const dir = '../node_modules/@aws-amplify/auth/dist/esm/providers/cognito/utils/srp'
  const amplify = await import(`${dir}/index.mjs`)
  const BigInteger = (await import(`${dir}/BigInteger/BigInteger.mjs`)).default
  const hash = hashPassword('us-east-1_Bench1234', 'alice', 'Correct-Horse-42')
  const amplifyMs = await time(async () => {
    const helper = await amplify.getAuthenticationHelper('Bench1234')
    const started = startPasswordVerifier(helper.A.toString(16), cachedVerifier(hash))!
    const p = started.challengeParameters
    await helper.getPasswordAuthenticationKey({
      username: 'alice',
      password: 'Correct-Horse-42',
      serverBValue: new BigInteger(p.SRP_B, 16),
      salt: new BigInteger(p.SALT, 16),
    })
  })
  const serverMs = await time(() => startPasswordVerifier(A_HEX, cachedVerifier(hash)))
  console.log(`| Amplify v6 AuthenticationHelper (jsbn, 1024-bit a) | ${fmt(amplifyMs - serverMs)} |`)
  const fastMs = await time(() => {
    // the same client math with modPow: g^a, g^x, (B - k·g^x)^(a + u·x)
    const a = random(128)
    const x = random(32)
    const B = random(384) % SRP_N
    const gx = modPow(SRP_G, x, SRP_N)
    modPow(SRP_G, a, SRP_N)
    modPow((((B - SRP_K * gx) % SRP_N) + SRP_N) % SRP_N, a + random(32) * x, SRP_N)
  })
  console.log(`| the same math with modPow (OpenSSL), e.g. a bench client | ${fmt(fastMs)} |`)
}
const A_HEX = modPow(SRP_G, random(128), SRP_N).toString(16)

async function referenceTable() {
  console.log('\n### Reference: one InitiateAuth USER_PASSWORD_AUTH for an existing user (ms per call)\n')
  console.log('| backend | ms per sign-in | server SRP math (cached verifier, 256-bit b, OpenSSL) |')
  console.log('|---|---|---|')
  const hash = hashPassword('us-east-1_Bench1234', 'alice', 'Correct-Horse-42')
  const A = modPow(SRP_G, random(128), SRP_N).toString(16)
  const srp = await time(() => startPasswordVerifier(A, cachedVerifier(hash)))
  for (const [name, make] of [
    ['handlers via getResponse', handlersOnly],
    ['SDK v3 → MSW setupServer', mswInProcess],
  ] as const) {
    const backend = await make()
    try {
      const send: Send = backend.send
      const target = await createTarget(send)
      const password = 'Correct-Horse-42'
      await send('AdminCreateUser', {
        UserPoolId: target.UserPoolId,
        Username: 'alice',
        MessageAction: 'SUPPRESS',
      })
      await send('AdminSetUserPassword', {
        UserPoolId: target.UserPoolId,
        Username: 'alice',
        Password: password,
        Permanent: true,
      })
      const ms = await time(() =>
        send('InitiateAuth', {
          ClientId: target.ClientId,
          AuthFlow: 'USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: 'alice', PASSWORD: password },
        }),
      )
      console.log(`| ${name} | ${fmt(ms)} | ${fmt(srp)} ms = ${((100 * srp) / ms).toFixed(0)}% of it |`)
    } finally {
      await backend.stop()
    }
  }
}

await modPowTable()
await signInMathTable()
await clientTable()
await referenceTable()
