/**
 * SRP sign-in (USER_SRP_AUTH → PASSWORD_VERIFIER) against USER_PASSWORD_AUTH, through the same backend, with
 * amazon-cognito-identity-js's AuthenticationHelper as the client. The figure is the emulator's throughput: the
 * time the client waits for answers. The client's own 3072-bit math (jsbn, in the same thread) is timed apart
 * and reported, not counted, since it is the client library's cost, not the emulator's.
 */
import { createHmac } from 'node:crypto'
import * as cognitoIdentity from 'amazon-cognito-identity-js'
// @ts-expect-error: the jsbn port has no type declarations
import BigIntegerModule from 'amazon-cognito-identity-js/lib/BigInteger.js'
import type { Backend } from './targets.ts'
import { PASSWORD, type Send, type Target } from './workload.ts'

/** Exported by the package but missing from its type declarations. */
const { AuthenticationHelper, DateHelper } = cognitoIdentity as unknown as {
  AuthenticationHelper: new (poolName: string) => Helper
  DateHelper: new () => { getNowString(): string }
}
const BigInteger = (BigIntegerModule.default ?? BigIntegerModule) as new (
  value: string,
  radix: number,
) => unknown

interface Helper {
  getLargeAValue(callback: (error: unknown, a: { toString(radix: number): string }) => void): void
  getPasswordAuthenticationKey(
    username: string,
    password: string,
    serverB: unknown,
    salt: unknown,
    callback: (error: unknown, key: Uint8Array) => void,
  ): void
}

export type SrpResult =
  | { ok: true; srpPerSecond: number; passwordPerSecond: number; clientMsPerSignIn: number }
  | { ok: false; reason: string }

/** Runs `fn`, adding its duration to `clock.ms`. */
async function timed<T>(clock: { ms: number }, fn: () => Promise<T>): Promise<T> {
  const start = performance.now()
  try {
    return await fn()
  } finally {
    clock.ms += performance.now() - start
  }
}

/** One SRP sign-in as amazon-cognito-identity-js's `authenticateUser` does it. */
async function srpSignIn(
  send: Send,
  target: Target,
  username: string,
  waiting: { ms: number },
  client: { ms: number },
): Promise<void> {
  const poolName = target.UserPoolId.split('_')[1]!
  const started = performance.now()
  const helper = new AuthenticationHelper(poolName)
  const A = await new Promise<string>((resolve, reject) =>
    helper.getLargeAValue((error, a) => (error ? reject(error) : resolve(a.toString(16)))),
  )
  client.ms += performance.now() - started
  const challenge = await timed(waiting, () =>
    send('InitiateAuth', {
      ClientId: target.ClientId,
      AuthFlow: 'USER_SRP_AUTH',
      AuthParameters: { USERNAME: username, SRP_A: A },
    }),
  )
  const params = challenge.ChallengeParameters
  if (
    challenge.ChallengeName !== 'PASSWORD_VERIFIER' ||
    !params?.SRP_B ||
    !params.SALT ||
    !params.SECRET_BLOCK
  ) {
    throw new Error(`InitiateAuth USER_SRP_AUTH answered ${JSON.stringify(challenge)}`)
  }
  const userId = params.USER_ID_FOR_SRP ?? username
  const mathStart = performance.now()
  const key = await new Promise<Uint8Array>((resolve, reject) =>
    helper.getPasswordAuthenticationKey(
      userId,
      PASSWORD,
      new BigInteger(params.SRP_B!, 16),
      new BigInteger(params.SALT!, 16),
      (error, hkdf) => (error ? reject(error) : resolve(hkdf)),
    ),
  )
  const timestamp = new DateHelper().getNowString()
  const message = Buffer.concat([
    Buffer.from(poolName),
    Buffer.from(userId),
    Buffer.from(params.SECRET_BLOCK, 'base64'),
    Buffer.from(timestamp),
  ])
  const signature = createHmac('sha256', key).update(message).digest('base64')
  client.ms += performance.now() - mathStart
  const answer = await timed(waiting, () =>
    send('RespondToAuthChallenge', {
      ClientId: target.ClientId,
      ChallengeName: 'PASSWORD_VERIFIER',
      ...(challenge.Session ? { Session: challenge.Session } : {}),
      ChallengeResponses: {
        USERNAME: userId,
        PASSWORD_CLAIM_SECRET_BLOCK: params.SECRET_BLOCK,
        PASSWORD_CLAIM_SIGNATURE: signature,
        TIMESTAMP: timestamp,
      },
    }),
  )
  if (!answer.AuthenticationResult?.AccessToken) {
    throw new Error(`PASSWORD_VERIFIER answered ${JSON.stringify(answer)}`)
  }
}

async function passwordSignIn(send: Send, target: Target, username: string, waiting: { ms: number }) {
  const { AuthenticationResult } = await timed(waiting, () =>
    send('InitiateAuth', {
      ClientId: target.ClientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: username, PASSWORD },
    }),
  )
  if (!AuthenticationResult?.AccessToken) throw new Error('USER_PASSWORD_AUTH gave no tokens')
}

/**
 * Sign-ins per second of emulator time, SRP and USER_PASSWORD_AUTH alternating in `rounds` rounds of `roundMs`
 * each, for users that already exist in `target`.
 */
export async function measureSrp(
  backend: Backend,
  target: Target,
  usernames: string[],
  rounds: number,
  roundMs: number,
): Promise<SrpResult> {
  const { send } = backend
  try {
    await srpSignIn(send, target, usernames[0]!, { ms: 0 }, { ms: 0 })
  } catch (error) {
    return { ok: false, reason: `USER_SRP_AUTH does not work yet: ${(error as Error).message.slice(0, 160)}` }
  }
  const srp = { count: 0, waiting: { ms: 0 }, client: { ms: 0 } }
  const password = { count: 0, waiting: { ms: 0 } }
  // One of each in turn. The client's jsbn math leaves much garbage; when the bench runs with --expose-gc it is
  // collected before each sign-in of either kind, so that it is not billed to the emulator.
  const collect = (globalThis as { gc?: () => void }).gc ?? (() => {})
  // After a forced collection, a moment for V8's concurrent sweeping to finish before the timed calls.
  const gc = () => {
    collect()
    return new Promise((resolve) => setTimeout(resolve, 20))
  }
  const until = performance.now() + rounds * roundMs
  for (let i = 0; performance.now() < until; i++) {
    await gc()
    await srpSignIn(send, target, usernames[i % usernames.length]!, srp.waiting, srp.client)
    srp.count++
    await gc()
    await passwordSignIn(send, target, usernames[i % usernames.length]!, password.waiting)
    password.count++
  }
  return {
    ok: true,
    srpPerSecond: (srp.count * 1000) / srp.waiting.ms,
    passwordPerSecond: (password.count * 1000) / password.waiting.ms,
    clientMsPerSignIn: srp.client.ms / srp.count,
  }
}
