/**
 * The server half of Cognito's SRP (src/core/srp.ts) against the clients' own math: Amplify v6's
 * AuthenticationHelper / getSignatureString / getNowString and amazon-cognito-identity-js's AuthenticationHelper.
 * These prove the arithmetic; the end-to-end sign-ins through InitiateAuth live with the auth operations.
 */
import { Buffer } from 'node:buffer'
import { createRequire } from 'node:module'
import { Sha256 } from '@aws-crypto/sha256-js'
import { describe, expect, it, vi } from 'vitest'
import { modPow, slidingWindowModPow } from '../../src/core/modpow.ts'
import { hashPassword, poolNamePart } from '../../src/core/passwords.ts'
import {
  cachedVerifier,
  canonicalTimestamp,
  createVerifier,
  deviceVerifier,
  padHex,
  SRP_K,
  SRP_N,
  type SrpChallengeParameters,
  srpTimestamp,
  startDevicePasswordVerifier,
  startPasswordVerifier,
  verifyDevicePasswordClaim,
  verifyPasswordClaim,
} from '../../src/core/srp.ts'

// --- the clients, loaded from their packages -------------------------------------------------------------------

interface AmplifyBigInteger {
  toString(radix: number): string
}
interface AmplifyHelper {
  A: AmplifyBigInteger
  getPasswordAuthenticationKey(input: {
    username: string
    password: string
    serverBValue: AmplifyBigInteger
    salt: AmplifyBigInteger
  }): Promise<Uint8Array>
  generateHashDevice(deviceGroupKey: string, username: string): Promise<void>
  getSaltToHashDevices(): string
  getVerifierDevices(): string
  getRandomPassword(): string
}
interface AmplifySrp {
  getAuthenticationHelper(poolName: string): Promise<AmplifyHelper>
  getNowString(): string
  getBytesFromHex(hex: string): Uint8Array
  getSignatureString(input: {
    userPoolName: string
    username: string
    challengeParameters: Record<string, string>
    dateNow: string
    hkdf: Uint8Array
  }): string
}
const amplifyDir = '../../node_modules/@aws-amplify/auth/dist/esm/providers/cognito/utils/srp'
const amplify = (await import(`${amplifyDir}/index.mjs`)) as AmplifySrp
const AmplifyBigInteger = (await import(`${amplifyDir}/BigInteger/BigInteger.mjs`)).default as new (
  hex: string,
  radix: number,
) => AmplifyBigInteger

interface CijBigInteger {
  toString(radix: number): string
}
interface CijHelper {
  getLargeAValue(callback: (err: unknown, A: CijBigInteger) => void): void
  getPasswordAuthenticationKey(
    username: string,
    password: string,
    B: CijBigInteger,
    salt: CijBigInteger,
    callback: (err: unknown, hkdf: Uint8Array) => void,
  ): void
  generateHashDevice(groupKey: string, deviceKey: string, callback: (err: unknown) => void): void
  getSaltDevices(): string
  getVerifierDevices(): string
  getRandomPassword(): string
}
const require = createRequire(import.meta.url)
const cij = require('amazon-cognito-identity-js') as {
  AuthenticationHelper: new (poolName: string) => CijHelper
  DateHelper: new () => { getNowString(): string }
}
const CijBigInteger = require('amazon-cognito-identity-js/lib/BigInteger.js').default as new (
  hex: string,
  radix: number,
) => CijBigInteger

/** What a client sends as PASSWORD_VERIFIER ChallengeResponses. */
interface Claim {
  secretBlock: string
  timestamp: string
  signature: string
}

/** A client that has sent SRP_A and can answer the server's challenge. */
interface Client {
  srpA: string
  answer(params: SrpChallengeParameters, userId: string, password: string, timestamp?: string): Promise<Claim>
}

/** Amplify v6, as `handlePasswordVerifierChallenge` / `handleDevicePasswordVerifier` drive it. */
async function amplifyClient(poolName: string): Promise<Client> {
  const helper = await amplify.getAuthenticationHelper(poolName)
  return {
    srpA: helper.A.toString(16),
    async answer(params, userId, password, timestamp = amplify.getNowString()) {
      const hkdf = await helper.getPasswordAuthenticationKey({
        username: userId,
        password,
        serverBValue: new AmplifyBigInteger(params.SRP_B, 16),
        salt: new AmplifyBigInteger(params.SALT, 16),
      })
      const signature = amplify.getSignatureString({
        userPoolName: poolName,
        username: userId,
        challengeParameters: { ...params },
        dateNow: timestamp,
        hkdf,
      })
      return { secretBlock: params.SECRET_BLOCK, timestamp, signature }
    },
  }
}

/** amazon-cognito-identity-js, as `CognitoUser.authenticateUserDefaultAuth` drives it. */
async function cijClient(poolName: string): Promise<Client> {
  const helper = new cij.AuthenticationHelper(poolName)
  const A = await new Promise<CijBigInteger>((resolve) => helper.getLargeAValue((_, a) => resolve(a)))
  return {
    srpA: A.toString(16),
    async answer(params, userId, password, timestamp = new cij.DateHelper().getNowString()) {
      const hkdf = await new Promise<Uint8Array>((resolve, reject) =>
        helper.getPasswordAuthenticationKey(
          userId,
          password,
          new CijBigInteger(params.SRP_B, 16),
          new CijBigInteger(params.SALT, 16),
          (err, key) => (err ? reject(err) : resolve(key)),
        ),
      )
      const hash = new Sha256(hkdf)
      hash.update(
        Buffer.concat([
          Buffer.from(poolName, 'utf8'),
          Buffer.from(userId, 'utf8'),
          Buffer.from(params.SECRET_BLOCK, 'base64'),
          Buffer.from(timestamp, 'utf8'),
        ]),
      )
      const signature = Buffer.from(hash.digestSync()).toString('base64')
      return { secretBlock: params.SECRET_BLOCK, timestamp, signature }
    },
  }
}

const CLIENTS = [
  ['Amplify v6', amplifyClient],
  ['amazon-cognito-identity-js', cijClient],
] as const

// --- helpers ---------------------------------------------------------------------------------------------------

const randomInt = (n: number) => crypto.getRandomValues(new Uint32Array(1))[0]! % n
const randomString = (chars: string, length: number) =>
  Array.from({ length }, () => chars[randomInt(chars.length)]).join('')
const randomHex = (bytes: number) =>
  Buffer.from(crypto.getRandomValues(new Uint8Array(bytes))).toString('hex')
const POOL_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
const PASSWORD_CHARS = `${POOL_CHARS}^$*.[]{}()?"!@#%&/\\,><':;|_~\`=+- éü中🔑`

/** One sign-in: the client sends A, the server answers with B, the client signs, the server verifies. */
async function signIn(
  makeClient: (poolName: string) => Promise<Client>,
  opts: {
    poolId: string
    userId: string
    password: string
    typed?: string
    salt?: string
    timestamp?: string
  },
) {
  const poolName = poolNamePart(opts.poolId)
  const client = await makeClient(poolName)
  const started = startPasswordVerifier(
    client.srpA,
    createVerifier(hashPassword(opts.poolId, opts.userId, opts.password), opts.salt),
  )
  if (!started) throw new Error('server rejected SRP_A')
  const claim = await client.answer(
    started.challengeParameters,
    opts.userId,
    opts.typed ?? opts.password,
    opts.timestamp,
  )
  return {
    started,
    claim,
    ok: verifyPasswordClaim(started.session, { poolName, userId: opts.userId, ...claim }),
  }
}

// --- tests -----------------------------------------------------------------------------------------------------

describe('SRP constants', () => {
  it('uses k = H(padHex(N) ‖ padHex(g)) as the clients do', () => {
    expect(SRP_K.toString(16)).toBe('538282c4354742d7cbbde2359fcf67f9f5b3a6b08791e5011b43b8a5b66d9ee6')
  })

  it('pads hex like Java toByteArray: even length, 00 before a set top bit', () => {
    expect(padHex(0x7n)).toBe('07')
    expect(padHex(0x80n)).toBe('0080')
    expect(padHex(0x1234n)).toBe('1234')
    expect(padHex(0xabcn)).toBe('0abc')
    expect(padHex(SRP_N).length).toBe(770)
  })

  it('exponentiates the same in OpenSSL and in BigInt', () => {
    for (let i = 0; i < 10; i++) {
      const base = BigInt(`0x${randomHex(384)}`) % SRP_N
      const exp = BigInt(`0x${randomHex([1, 32, 128, 200][i % 4]!)}`)
      expect(modPow(base, exp, SRP_N)).toBe(slidingWindowModPow(base, exp, SRP_N))
    }
    expect(modPow(SRP_N - 1n, 3n, SRP_N)).toBe(SRP_N - 1n)
    expect(modPow(5n, 0n, SRP_N)).toBe(1n)
    expect(modPow(SRP_N + 1n, 99n, SRP_N)).toBe(1n)
  })
})

describe.each(CLIENTS)('USER_SRP_AUTH with %s', (_, makeClient) => {
  // The math against each client library; test/node/srp-many-users.test.ts signs in 50 users end to end.
  it('signs in 12 random users with random passwords and salts', { timeout: 120_000 }, async () => {
    for (let i = 0; i < 12; i++) {
      const poolId = `eu-west-1_${randomString(POOL_CHARS, 9)}`
      const userId = i % 2 ? crypto.randomUUID() : randomString(`${POOL_CHARS}@._-+`, 1 + randomInt(40))
      const password = randomString(PASSWORD_CHARS, 8 + randomInt(30))
      const { ok } = await signIn(makeClient, { poolId, userId, password })
      expect(ok, `user ${userId} password ${password}`).toBe(true)
    }
  })

  it('refuses a wrong password', async () => {
    const opts = { poolId: 'us-east-1_AbCdEf123', userId: 'alice', password: 'Correct-Horse-42' }
    expect((await signIn(makeClient, opts)).ok).toBe(true)
    expect((await signIn(makeClient, { ...opts, typed: 'Correct-Horse-43' })).ok).toBe(false)
    expect((await signIn(makeClient, { ...opts, typed: 'correct-Horse-42' })).ok).toBe(false)
  })

  it('refuses a claim signed with another user id or pool name', async () => {
    const poolId = 'us-east-1_AbCdEf123'
    const { started, claim } = await signIn(makeClient, {
      poolId,
      userId: 'alice',
      password: 'Correct-Horse-42',
    })
    expect(verifyPasswordClaim(started.session, { poolName: 'AbCdEf123', userId: 'alice', ...claim })).toBe(
      true,
    )
    expect(verifyPasswordClaim(started.session, { poolName: 'AbCdEf123', userId: 'bob', ...claim })).toBe(
      false,
    )
    expect(verifyPasswordClaim(started.session, { poolName: 'AbCdEf124', userId: 'alice', ...claim })).toBe(
      false,
    )
  })

  it('works with salts that start with 00, have the top bit set, or are short', async () => {
    const salts = [
      `00${randomHex(15)}`,
      `0000${randomHex(14)}`,
      `ff${randomHex(15)}`,
      `80${randomHex(15)}`,
      '01',
      'abc',
    ]
    for (const salt of salts) {
      const { ok, started } = await signIn(makeClient, {
        poolId: 'us-east-1_SaltTest1',
        userId: 'carol',
        password: 'Pa55word!',
        salt,
      })
      expect(started.challengeParameters.SALT).toBe(salt)
      expect(ok, `salt ${salt}`).toBe(true)
    }
  })

  it('refuses a changed secret block, timestamp or signature', async () => {
    const { started, claim } = await signIn(makeClient, {
      poolId: 'us-east-1_AbCdEf123',
      userId: 'dave',
      password: 'Correct-Horse-42',
    })
    const check = (changes: Partial<Claim>) =>
      verifyPasswordClaim(started.session, { poolName: 'AbCdEf123', userId: 'dave', ...claim, ...changes })
    expect(check({})).toBe(true)
    expect(check({ secretBlock: `${claim.secretBlock.slice(0, -4)}AAA=` })).toBe(false)
    expect(
      check({ timestamp: claim.timestamp.replace(/:(\d\d) /, (_, s) => `:${(Number(s) + 1) % 60} `) }),
    ).toBe(false)
    expect(check({ signature: Buffer.alloc(32).toString('base64') })).toBe(false)
    expect(check({ signature: 'not base64!' })).toBe(false)
    expect(check({ signature: '' })).toBe(false)
  })
})

describe('without node:crypto (browsers)', () => {
  it('signs in with the BigInt fallback', async () => {
    const spy = vi.spyOn(process, 'getBuiltinModule').mockReturnValue(undefined as never)
    try {
      vi.resetModules()
      const srp = (await import('../../src/core/srp.ts')) as typeof import('../../src/core/srp.ts')
      const client = await amplifyClient('AbCdEf123')
      const started = srp.startPasswordVerifier(
        client.srpA,
        srp.createVerifier(hashPassword('us-east-1_AbCdEf123', 'hana', 'Correct-Horse-42')),
      )!
      const claim = await client.answer(started.challengeParameters, 'hana', 'Correct-Horse-42')
      expect(
        srp.verifyPasswordClaim(started.session, { poolName: 'AbCdEf123', userId: 'hana', ...claim }),
      ).toBe(true)
      expect(spy).toHaveBeenCalledWith('node:crypto')
    } finally {
      spy.mockRestore()
      vi.resetModules()
    }
  })
})

describe('TIMESTAMP', () => {
  it('formats the day without a leading zero and the time zero-padded', () => {
    expect(srpTimestamp(new Date('2026-11-26T03:53:21Z'))).toBe('Thu Nov 26 03:53:21 UTC 2026')
    expect(srpTimestamp(new Date('2017-04-05T22:04:09Z'))).toBe('Wed Apr 5 22:04:09 UTC 2017')
  })

  it('re-formats what it reads, as Cognito does', () => {
    expect(canonicalTimestamp('Wed Apr 05 22:44:40 UTC 2017')).toBe('Wed Apr 5 22:44:40 UTC 2017')
    expect(canonicalTimestamp('Wed Apr 5 2:4:4 UTC 2017')).toBe('Wed Apr 5 02:04:04 UTC 2017')
    expect(canonicalTimestamp('Wed Feb 30 22:44:40 UTC 2017')).toBeUndefined()
    expect(canonicalTimestamp('2017-04-05T22:44:40Z')).toBeUndefined()
  })

  it('refuses a claim whose client zero-padded the day, as Cognito does (qwigo/warrant#12)', async () => {
    const opts = { poolId: 'us-east-1_AbCdEf123', userId: 'erin', password: 'Correct-Horse-42' }
    const padded = 'Wed Apr 05 22:44:40 UTC 2017'
    expect((await signIn(amplifyClient, { ...opts, timestamp: padded })).ok).toBe(false)
    expect((await signIn(amplifyClient, { ...opts, timestamp: 'Wed Apr 5 22:44:40 UTC 2017' })).ok).toBe(true)
  })
})

describe('SRP_A', () => {
  const verifier = createVerifier(hashPassword('us-east-1_AbCdEf123', 'frank', 'Correct-Horse-42'))

  it('is rejected when A mod N = 0', () => {
    expect(startPasswordVerifier('0', verifier)).toBeUndefined()
    expect(startPasswordVerifier('000', verifier)).toBeUndefined()
    expect(startPasswordVerifier(SRP_N.toString(16), verifier)).toBeUndefined()
    expect(startPasswordVerifier((SRP_N * 2n).toString(16), verifier)).toBeUndefined()
  })

  it('is rejected when it is not hex or far longer than N', () => {
    expect(startPasswordVerifier('', verifier)).toBeUndefined()
    expect(startPasswordVerifier('xyz', verifier)).toBeUndefined()
    expect(startPasswordVerifier('0x1234', verifier)).toBeUndefined()
    expect(startPasswordVerifier('f'.repeat(2000), verifier)).toBeUndefined()
  })

  it('is accepted in upper case or with leading zeros', async () => {
    const client = await amplifyClient('AbCdEf123')
    for (const srpA of [client.srpA.toUpperCase(), `00${client.srpA}`]) {
      const started = startPasswordVerifier(srpA, verifier)
      expect(started).toBeDefined()
      expect(started!.challengeParameters.SRP_B).toMatch(/^[0-9a-f]+$/)
    }
  })
})

describe('challenge parameters', () => {
  it('look like AWS: 32-hex-digit SALT, unpadded hex SRP_B, base64 SECRET_BLOCK starting AgV4', async () => {
    const client = await amplifyClient('AbCdEf123')
    const started = startPasswordVerifier(client.srpA, createVerifier('00'.repeat(32)))!
    const { SALT, SRP_B, SECRET_BLOCK } = started.challengeParameters
    expect(SALT).toMatch(/^[0-9a-f]{32}$/)
    expect(SRP_B).toMatch(/^[1-9a-f][0-9a-f]*$/)
    expect(BigInt(`0x${SRP_B}`) < SRP_N).toBe(true)
    expect(SECRET_BLOCK).toMatch(/^AgV4[A-Za-z0-9+/]+=*$/)
    expect(JSON.parse(JSON.stringify(started.session))).toEqual(started.session)
  })

  it('keep one SALT per password hash when the verifier is cached, as a stored verifier does', async () => {
    const hash = hashPassword('us-east-1_AbCdEf123', 'gina', 'Correct-Horse-42')
    const first = cachedVerifier(hash)
    expect(cachedVerifier(hash)).toEqual(first)
    expect(createVerifier(hash, first.salt)).toEqual(first)
    expect(cachedVerifier(hashPassword('us-east-1_AbCdEf123', 'gina', 'Other-Horse-42')).salt).not.toBe(
      first.salt,
    )
    const client = await amplifyClient('AbCdEf123')
    const started = startPasswordVerifier(client.srpA, cachedVerifier(hash))!
    const claim = await client.answer(started.challengeParameters, 'gina', 'Correct-Horse-42')
    expect(verifyPasswordClaim(started.session, { poolName: 'AbCdEf123', userId: 'gina', ...claim })).toBe(
      true,
    )
  })

  it('use a fresh B and secret block every time', async () => {
    const client = await amplifyClient('AbCdEf123')
    const verifier = createVerifier('11'.repeat(32))
    const one = startPasswordVerifier(client.srpA, verifier)!
    const two = startPasswordVerifier(client.srpA, verifier)!
    expect(one.challengeParameters.SRP_B).not.toBe(two.challengeParameters.SRP_B)
    expect(one.challengeParameters.SECRET_BLOCK).not.toBe(two.challengeParameters.SECRET_BLOCK)
  })
})

describe('device SRP', () => {
  const deviceGroupKey = '-abcDEF12'
  const deviceKey = `eu-west-1_${crypto.randomUUID()}`

  /** ConfirmDevice's DeviceSecretVerifierConfig as Amplify's getNewDeviceMetadata builds it. */
  async function amplifyDevice() {
    const helper = await amplify.getAuthenticationHelper(deviceGroupKey)
    await helper.generateHashDevice(deviceGroupKey, deviceKey)
    const b64 = (hex: string) => Buffer.from(amplify.getBytesFromHex(hex)).toString('base64')
    return {
      config: {
        Salt: b64(helper.getSaltToHashDevices()),
        PasswordVerifier: b64(helper.getVerifierDevices()),
      },
      randomPassword: helper.getRandomPassword(),
    }
  }

  /** The same, as amazon-cognito-identity-js's CognitoUser builds it. */
  async function cijDevice() {
    const helper = new cij.AuthenticationHelper('unused')
    await new Promise<void>((resolve, reject) =>
      helper.generateHashDevice(deviceGroupKey, deviceKey, (err) => (err ? reject(err) : resolve())),
    )
    const b64 = (hex: string) => Buffer.from(hex, 'hex').toString('base64')
    return {
      config: { Salt: b64(helper.getSaltDevices()), PasswordVerifier: b64(helper.getVerifierDevices()) },
      randomPassword: helper.getRandomPassword(),
    }
  }

  it.each([
    ['Amplify v6', amplifyDevice, amplifyClient],
    ['amazon-cognito-identity-js', cijDevice, cijClient],
  ] as const)('verifies a device registered and signed in by %s', async (_, register, makeClient) => {
    for (let i = 0; i < 10; i++) {
      const { config, randomPassword } = await register()
      const verifier = deviceVerifier(config)
      // DEVICE_SRP_AUTH: the helper is created with the DeviceGroupKey in the pool name's place
      const client = await makeClient(deviceGroupKey)
      const started = startDevicePasswordVerifier(client.srpA, verifier)!
      expect(started.challengeParameters.SALT).toBe(verifier.salt)
      const claim = await client.answer(started.challengeParameters, deviceKey, randomPassword)
      expect(verifyDevicePasswordClaim(started.session, { deviceGroupKey, deviceKey, ...claim })).toBe(true)
      expect(
        verifyDevicePasswordClaim(started.session, { deviceGroupKey, deviceKey: 'other', ...claim }),
      ).toBe(false)
    }
  })

  it('refuses a device claim made with another random password', async () => {
    const { config } = await amplifyDevice()
    const client = await amplifyClient(deviceGroupKey)
    const started = startDevicePasswordVerifier(client.srpA, deviceVerifier(config))!
    const claim = await client.answer(started.challengeParameters, deviceKey, 'not-the-random-password')
    expect(verifyDevicePasswordClaim(started.session, { deviceGroupKey, deviceKey, ...claim })).toBe(false)
  })
})
