import { createHash, createHmac, randomBytes } from 'node:crypto'
import { availableParallelism } from 'node:os'
import { InitiateAuthCommand, RespondToAuthChallengeCommand } from '@aws-sdk/client-cognito-identity-provider'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { bytesToBigInt, type HelperThread, helperThread } from '../../src/core/helper-thread.ts'
import { modPow } from '../../src/core/modpow.ts'
import { hashPassword } from '../../src/core/passwords.ts'
import {
  createVerifier,
  padHex,
  passwordClaimSignature,
  SRP_G,
  SRP_K,
  SRP_N,
  type SrpSession,
  srpTimestamp,
  startPasswordVerifier,
} from '../../src/core/srp.ts'
import { claims, createUser, PASSWORD, poolWithClient } from '../support/auth-fixtures.ts'
import { sdkClient, useCognito } from '../support/cognito.ts'

const bytes = (n: bigint) => Buffer.from(n.toString(16).padStart(768, '0'), 'hex')
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const notInline = () => {
  throw new Error('computed inline')
}

/** The helper, once it has started and passed its self-check. */
async function ready(): Promise<HelperThread> {
  for (let i = 0; i < 500; i++) {
    const helper = helperThread()
    if (helper) return helper
    await sleep(10)
  }
  throw new Error('the helper thread did not start within 5 s')
}

describe.skipIf(availableParallelism() < 2)('the helper thread', () => {
  it('computes powers and SRP secrets as this thread does', async () => {
    const helper = await ready()
    const b = BigInt(`0x${randomBytes(32).toString('hex')}`)
    const [A, v, u] = [3n, 5n, 7n].map((g) =>
      modPow(g, BigInt(`0x${randomBytes(32).toString('hex')}`), SRP_N),
    )
    const power = helper.pow(bytes(SRP_G), bytes(b), bytes(SRP_N), notInline)
    const secret = helper.srpSecret(
      { A: bytes(A!), v: bytes(v!), u: bytes(u!), b: bytes(b), N: bytes(SRP_N) },
      notInline,
    )
    await sleep(100) // long enough for both to have run: the point is that the helper computed them
    expect(bytesToBigInt(power.take())).toBe(modPow(SRP_G, b, SRP_N))
    expect(bytesToBigInt(secret.take())).toBe(modPow((A! * modPow(v!, u!, SRP_N)) % SRP_N, b, SRP_N))
  })

  it('runs the oldest queued job first, whatever slot it is in', async () => {
    const helper = (await ready()) as HelperThread & { finished(ticket: unknown): boolean }
    await sleep(100) // nothing left from earlier tests
    const long = () => helper.pow(bytes(SRP_G), bytes(SRP_N - 2n), bytes(SRP_N), () => new Uint8Array())
    long() // running while the others queue
    const early = long()
    const older = long()
    early.take() // still queued, so taken back: frees its slot, which is before `older`'s
    const newer = long()
    for (;;) {
      const [o, n] = [helper.finished(older), helper.finished(newer)]
      if (o || n) {
        expect({ older: o, newer: n }).toEqual({ older: true, newer: false })
        break
      }
      await sleep(0)
    }
    newer.take()
    older.take()
  })

  it('gives a job back to the caller when the helper has not started it yet', async () => {
    const helper = await ready()
    // Keep the helper busy with full-size exponentiations, then ask at once for one more.
    for (let i = 0; i < 8; i++) {
      helper.pow(bytes(SRP_G), bytes(SRP_N - 2n), bytes(SRP_N), () => new Uint8Array())
    }
    const inline = vi.fn(() => new Uint8Array([42]))
    const ticket = helper.pow(bytes(SRP_G), bytes(5n), bytes(SRP_N), inline)
    expect(ticket.take()).toEqual(new Uint8Array([42]))
    expect(inline).toHaveBeenCalledOnce()
  })
})

/** What an SRP client answers to PASSWORD_VERIFIER, computed as the clients do. */
function clientClaim(a: bigint, params: Record<string, string>, poolId: string, userId: string) {
  const hash = (hex: string) =>
    BigInt(`0x${createHash('sha256').update(Buffer.from(hex, 'hex')).digest('hex')}`)
  const A = modPow(SRP_G, a, SRP_N)
  const B = BigInt(`0x${params.SRP_B}`)
  const u = hash(padHex(A) + padHex(B))
  const x = hash(padHex(BigInt(`0x${params.SALT}`)) + hashPassword(poolId, userId, PASSWORD))
  const S = modPow((((B - SRP_K * modPow(SRP_G, x, SRP_N)) % SRP_N) + SRP_N) % SRP_N, a + u * x, SRP_N)
  const prk = createHmac('sha256', Buffer.from(padHex(u), 'hex'))
    .update(Buffer.from(padHex(S), 'hex'))
    .digest()
  const key = createHmac('sha256', prk).update('Caldera Derived Key\u0001').digest().subarray(0, 16)
  const timestamp = srpTimestamp(new Date())
  const signature = passwordClaimSignature(key.toString('hex'), {
    poolName: poolId.split('_')[1]!,
    userId,
    secretBlock: params.SECRET_BLOCK!,
    timestamp,
  })
  return { signature, timestamp }
}

describe('an SRP session', () => {
  it('is plain JSON, and another process (no helper result) derives the same key from it', async () => {
    if (availableParallelism() >= 2) await ready()
    const poolId = 'us-east-1_HelperT1'
    const a = BigInt(`0x${randomBytes(128).toString('hex')}`)
    const started = startPasswordVerifier(
      modPow(SRP_G, a, SRP_N).toString(16),
      createVerifier(hashPassword(poolId, 'rosa', PASSWORD)),
    )!
    // With the helper, the key is still being derived there: the session keeps what it is derived from.
    if (availableParallelism() >= 2) expect(started.session.pending).toBeDefined()
    const session = JSON.parse(JSON.stringify(started.session)) as SrpSession
    const claim = {
      poolName: 'HelperT1',
      userId: 'rosa',
      secretBlock: session.secretBlock,
      ...clientClaim(a, started.challengeParameters as unknown as Record<string, string>, poolId, 'rosa'),
    }
    vi.resetModules()
    const fresh = (await import('../../src/core/srp.ts')) as typeof import('../../src/core/srp.ts')
    expect(fresh.verifyPasswordClaim(session, claim)).toBe(true)
    expect(session.key).toMatch(/^[0-9a-f]{32}$/)
    expect(
      fresh.verifyPasswordClaim(session, { ...claim, signature: Buffer.alloc(32).toString('base64') }),
    ).toBe(false)
    vi.resetModules()
  })
})

describe('USER_SRP_AUTH across a restore between its two steps', () => {
  const { cognito } = useCognito()
  const sdk = sdkClient()

  it('signs in after the state was snapshotted and restored', async () => {
    if (availableParallelism() >= 2) await ready()
    const { poolId, clientId } = await poolWithClient(sdk)
    await createUser(sdk, poolId, 'rosa')
    const a = BigInt(`0x${randomBytes(128).toString('hex')}`)
    const A = modPow(SRP_G, a, SRP_N)
    const challenge = await sdk.send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: 'USER_SRP_AUTH',
        AuthParameters: { USERNAME: 'rosa', SRP_A: A.toString(16) },
      }),
    )
    const params = challenge.ChallengeParameters!
    const snapshot = cognito.snapshot()
    const session = Object.values(snapshot.sessions)[0] as unknown as { data: { srp: SrpSession } }
    expect(JSON.parse(JSON.stringify(session.data.srp))).toEqual(session.data.srp)
    cognito.restore(snapshot)

    const { signature, timestamp } = clientClaim(a, params, poolId, 'rosa')
    const answer = await sdk.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: 'PASSWORD_VERIFIER',
        ChallengeResponses: {
          USERNAME: 'rosa',
          PASSWORD_CLAIM_SECRET_BLOCK: params.SECRET_BLOCK!,
          PASSWORD_CLAIM_SIGNATURE: signature,
          TIMESTAMP: timestamp,
        },
      }),
    )
    expect(claims(answer.AuthenticationResult?.AccessToken)).toMatchObject({ username: 'rosa' })
  })
})

describe('COGNITO_MSW_HELPER_THREAD=off', () => {
  afterEach(() => {
    vi.unstubAllEnvs()
    vi.resetModules()
  })

  it('leaves every computation in the calling thread', async () => {
    vi.stubEnv('COGNITO_MSW_HELPER_THREAD', 'off')
    vi.resetModules()
    const fresh = (await import(
      '../../src/core/helper-thread.ts'
    )) as typeof import('../../src/core/helper-thread.ts')
    expect(fresh.helperThread()).toBeUndefined()
    await sleep(200)
    expect(fresh.helperThread()).toBeUndefined()
  })
})
