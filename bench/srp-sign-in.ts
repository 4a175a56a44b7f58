/**
 * SRP sign-in (USER_SRP_AUTH → PASSWORD_VERIFIER) throughput: against USER_PASSWORD_AUTH through the same
 * transport with our fast client math left out of both (`measureSrpAgainstPassword`), and through a real client
 * library, amazon-cognito-identity-js, with its own math included (`measureLibrarySrp`).
 */
import { createHmac } from 'node:crypto'
import * as cognitoIdentity from 'amazon-cognito-identity-js'
// @ts-expect-error: the jsbn port has no type declarations
import BigIntegerModule from 'amazon-cognito-identity-js/lib/BigInteger.js'
import { signInWithPassword, signInWithSrp } from './srp-client.ts'
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

/**
 * Sign-ins per second through amazon-cognito-identity-js's AuthenticationHelper, its own 3072-bit math (jsbn, in
 * this thread) included: what an application using that library gets against the emulator.
 */
export async function measureLibrarySrp(send: Send, target: Target, usernames: string[], ms: number) {
  const waiting = { ms: 0 }
  const client = { ms: 0 }
  await srpSignIn(send, target, usernames[0]!, { ms: 0 }, { ms: 0 })
  let count = 0
  const until = performance.now() + ms
  while (performance.now() < until) {
    await srpSignIn(send, target, usernames[count % usernames.length]!, waiting, client)
    count++
  }
  return {
    perSecond: (count * 1000) / (waiting.ms + client.ms),
    clientMsPerSignIn: client.ms / count,
  }
}

export interface SrpAgainstPassword {
  srpPerSecond: number
  passwordPerSecond: number
  /** Our fast client math per SRP sign-in, left out of `srpPerSecond`. */
  clientMsPerSignIn: number
}

/**
 * SRP (USER_SRP_AUTH → PASSWORD_VERIFIER) against USER_PASSWORD_AUTH sign-ins, one of each in turn for about
 * `ms`, through the same `send`. Both are sign-ins per second of time spent waiting for the emulator's answers:
 * the SRP client's math (our fast math, bench/srp-client.ts) is timed apart and left out.
 */
export async function measureSrpAgainstPassword(
  send: Send,
  target: Target,
  usernames: string[],
  ms: number,
): Promise<SrpAgainstPassword> {
  // Warm-up, untimed: at least 20 pairs and 1.5 s, as the throughput set-ups get, so that V8 has compiled both
  // paths and the helper thread is running (the first measurement in a process was the lowest without it).
  const warmUntil = performance.now() + 1500
  for (let i = 0; i < 20 || performance.now() < warmUntil; i++) {
    await signInWithSrp(send, target, usernames[i % usernames.length]!, PASSWORD)
    await signInWithPassword(send, target, usernames[i % usernames.length]!, PASSWORD)
  }
  const srp = { count: 0, ms: 0, clientMs: 0 }
  const password = { count: 0, ms: 0 }
  // One collection before the timed loop, none inside it: a forced collection before each sign-in leaves work
  // (concurrent sweeping) that lands in the next timed call and adds the same large cost to both kinds, which
  // pushes the ratio towards 1 (measured: 0.70 with it, 0.35–0.40 without). Garbage from the client's math is
  // collected wherever V8 decides, which if anything counts against SRP.
  ;(globalThis as { gc?: () => void }).gc?.()
  const until = performance.now() + ms
  for (let i = 0; performance.now() < until; i++) {
    const username = usernames[i % usernames.length]!
    const { waitingMs, clientMs } = await signInWithSrp(send, target, username, PASSWORD)
    srp.ms += waitingMs
    srp.clientMs += clientMs
    srp.count++
    password.ms += await signInWithPassword(send, target, username, PASSWORD)
    password.count++
  }
  return {
    srpPerSecond: (srp.count * 1000) / srp.ms,
    passwordPerSecond: (password.count * 1000) / password.ms,
    clientMsPerSignIn: srp.clientMs / srp.count,
  }
}
