import { constants, generateKeyPairSync, privateEncrypt, randomBytes } from 'node:crypto'
import { createRequire } from 'node:module'
import { availableParallelism } from 'node:os'
import { InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { threadSignatures } from '../../src/core/jwt-sign.ts'
import { type SignerThread, signer } from '../../src/core/signer-thread.ts'
import { HOT_MS } from '../../src/core/threads.ts'
import { createUser, PASSWORD, poolWithClient } from '../support/auth-fixtures.ts'
import { sdkClient, useCognito } from '../support/cognito.ts'

// The CJS build of aws-jwt-verify fetches the JWKS through `require('https')`, which MSW intercepts.
const { CognitoJwtVerifier } = createRequire(import.meta.url)(
  'aws-jwt-verify',
) as typeof import('aws-jwt-verify')

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** The signer thread, once it runs (`signer()` is undefined until then). */
async function ready(): Promise<SignerThread> {
  for (let i = 0; i < 500; i++) {
    const thread = signer()
    if (thread) return thread
    await sleep(10)
  }
  throw new Error('the signer thread did not start within 5 s')
}

function rsaKey() {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  return { privateKey, der: privateKey.export({ format: 'der', type: 'pkcs8' }) }
}

/** A DigestInfo as jwt-sign builds it: the SHA-256 prefix and 32 bytes. */
const digestInfo = () =>
  Buffer.concat([Buffer.from('3031300d060960864801650304020105000420', 'hex'), randomBytes(32)])

/** Posts a job to an awake thread and takes its answer once it has had time to finish. */
async function signThere(thread: SignerThread, kid: string, der: Uint8Array, input: Buffer) {
  thread.expect()
  const pending = thread.post(Buffer.from(kid), der, 256, input)
  expect(pending).toBeDefined()
  await sleep(20)
  return pending!.take()
}

describe.skipIf(availableParallelism() < 2)('the signer thread', () => {
  it('signs as privateEncrypt does in this thread, with each key by its kid', async () => {
    const thread = await ready()
    const [a, b] = [rsaKey(), rsaKey()]
    for (const [kid, key] of [
      ['kid-a', a],
      ['kid-b', b],
      ['kid-a', a],
    ] as const) {
      const input = digestInfo()
      const made = await signThere(thread, kid, key.der, input)
      const expected = privateEncrypt({ key: key.privateKey, padding: constants.RSA_PKCS1_PADDING }, input)
      expect(made).toBe(expected.toString('base64url'))
    }
  })

  it('imports a key again when a kid it kept names other key bytes', async () => {
    const thread = await ready()
    const [first, second] = [rsaKey(), rsaKey()]
    const input = digestInfo()
    await signThere(thread, 'reused-kid', first.der, input)
    const made = await signThere(thread, 'reused-kid', second.der, input)
    const expected = privateEncrypt({ key: second.privateKey, padding: constants.RSA_PKCS1_PADDING }, input)
    expect(made).toBe(expected.toString('base64url'))
  })

  it('gives a job back that it has not started, for the caller to sign, and stays usable', async () => {
    const thread = await ready()
    const key = rsaKey()
    const expected = (input: Buffer) =>
      privateEncrypt({ key: key.privateKey, padding: constants.RSA_PKCS1_PADDING }, input).toString(
        'base64url',
      )
    await signThere(thread, 'kid-c', key.der, digestInfo()) // the thread has imported the key
    // Posted and taken within microseconds of waking a sleeping thread (a wake-up takes it about 0.1 ms), the job
    // is almost always given back. The thread may still win the race now and then: then its signature must be
    // right, and another try is made.
    let givenBack = false
    for (let attempt = 0; attempt < 5 && !givenBack; attempt++) {
      await sleep(HOT_MS + 20) // past its checking: asleep
      thread.expect()
      const input = digestInfo()
      const pending = thread.post(Buffer.from('kid-c'), key.der, 256, input)
      expect(pending).toBeDefined()
      const made = pending!.take()
      if (made === undefined) givenBack = true
      else expect(made).toBe(expected(input))
    }
    expect(givenBack).toBe(true)
    // The job given back leaves the thread free: the next one is signed there.
    const input = digestInfo()
    expect(await signThere(thread, 'kid-c', key.der, input)).toBe(expected(input))
  })
})

describe.skipIf(availableParallelism() < 2)('sign-ins with the signer thread', () => {
  useCognito()
  const cognito = sdkClient()

  it('issue access tokens that the thread signed and that verify at the issuer', async () => {
    const { poolId, clientId } = await poolWithClient(cognito)
    await createUser(cognito, poolId, 'signer-user')
    const verifier = CognitoJwtVerifier.create({ userPoolId: poolId, tokenUse: 'access', clientId })
    const idVerifier = CognitoJwtVerifier.create({ userPoolId: poolId, tokenUse: 'id', clientId })
    const before = threadSignatures()
    for (let i = 0; i < 40; i++) {
      const { AuthenticationResult } = await cognito.send(
        new InitiateAuthCommand({
          ClientId: clientId,
          AuthFlow: 'USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: 'signer-user', PASSWORD },
        }),
      )
      const access = await verifier.verify(AuthenticationResult!.AccessToken!)
      expect(access.username).toBe('signer-user')
      const id = await idVerifier.verify(AuthenticationResult!.IdToken!)
      expect(id['cognito:username']).toBe('signer-user')
      await sleep(2)
    }
    // Most of them on an idle second CPU; at least some on a busy one.
    expect(threadSignatures() - before).toBeGreaterThan(0)
  })
})

describe('COGNITO_MSW_HELPER_THREAD=off', () => {
  afterEach(() => {
    vi.unstubAllEnvs()
    vi.resetModules()
  })

  it('leaves both signatures in the calling thread', async () => {
    vi.stubEnv('COGNITO_MSW_HELPER_THREAD', 'off')
    vi.resetModules()
    const fresh = (await import(
      '../../src/core/signer-thread.ts'
    )) as typeof import('../../src/core/signer-thread.ts')
    expect(fresh.signer()).toBeUndefined()
  })
})
