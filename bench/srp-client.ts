/**
 * The client side of an SRP sign-in (what Amplify's and amazon-cognito-identity-js's AuthenticationHelper
 * compute) with our fast math (`modPow`, node:crypto HMACs), so that a benchmark can take it out of the timed
 * region: `signInWithSrp` reports the time spent waiting for the two calls apart from the client's math.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto'
import { modPow } from '../src/core/modpow.ts'
import { hashPassword } from '../src/core/passwords.ts'
import { padHex, passwordClaimSignature, SRP_G, SRP_K, SRP_N, srpTimestamp } from '../src/core/srp.ts'
import type { Send, Target } from './workload.ts'

const hashHex = (hex: string): bigint =>
  BigInt(`0x${createHash('sha256').update(Buffer.from(hex, 'hex')).digest('hex')}`)

/** Milliseconds spent in each part of one sign-in. */
export interface SrpTiming {
  /** Waiting for InitiateAuth and RespondToAuthChallenge, the client's math excluded. */
  waitingMs: number
  /** The client's math: A, then x, u, S, the HKDF key and PASSWORD_CLAIM_SIGNATURE. */
  clientMs: number
}

/** One USER_SRP_AUTH → PASSWORD_VERIFIER sign-in as the clients do it; rejects unless it ends with tokens. */
export async function signInWithSrp(
  send: Send,
  { UserPoolId, ClientId }: Target,
  username: string,
  password: string,
): Promise<SrpTiming> {
  let clientMs = 0
  let started = performance.now()
  const a = BigInt(`0x${randomBytes(128).toString('hex')}`)
  const A = modPow(SRP_G, a, SRP_N)
  clientMs += performance.now() - started

  started = performance.now()
  const challenge = await send('InitiateAuth', {
    ClientId,
    AuthFlow: 'USER_SRP_AUTH',
    AuthParameters: { USERNAME: username, SRP_A: A.toString(16) },
  })
  let waitingMs = performance.now() - started
  const params = challenge.ChallengeParameters
  if (
    challenge.ChallengeName !== 'PASSWORD_VERIFIER' ||
    !params?.SRP_B ||
    !params.SALT ||
    !params.SECRET_BLOCK
  ) {
    throw new Error(`InitiateAuth USER_SRP_AUTH answered ${JSON.stringify(challenge)}`)
  }

  started = performance.now()
  const userId = params.USER_ID_FOR_SRP ?? username
  const poolName = UserPoolId.slice(UserPoolId.indexOf('_') + 1)
  const B = BigInt(`0x${params.SRP_B}`)
  const u = hashHex(padHex(A) + padHex(B))
  const x = hashHex(padHex(BigInt(`0x${params.SALT}`)) + hashPassword(UserPoolId, userId, password))
  const base = (((B - SRP_K * modPow(SRP_G, x, SRP_N)) % SRP_N) + SRP_N) % SRP_N
  const S = modPow(base, a + u * x, SRP_N)
  const prk = createHmac('sha256', Buffer.from(padHex(u), 'hex'))
    .update(Buffer.from(padHex(S), 'hex'))
    .digest()
  const key = createHmac('sha256', prk).update('Caldera Derived Key\u0001').digest().subarray(0, 16)
  const timestamp = srpTimestamp(new Date())
  const claim = { poolName, userId, secretBlock: params.SECRET_BLOCK, timestamp }
  const signature = passwordClaimSignature(key.toString('hex'), claim)
  clientMs += performance.now() - started

  started = performance.now()
  const answer = await send('RespondToAuthChallenge', {
    ClientId,
    ChallengeName: 'PASSWORD_VERIFIER',
    ...(challenge.Session ? { Session: challenge.Session } : {}),
    ChallengeResponses: {
      USERNAME: userId,
      PASSWORD_CLAIM_SECRET_BLOCK: params.SECRET_BLOCK,
      PASSWORD_CLAIM_SIGNATURE: signature,
      TIMESTAMP: timestamp,
    },
  })
  waitingMs += performance.now() - started
  if (!answer.AuthenticationResult?.AccessToken) {
    throw new Error(`PASSWORD_VERIFIER answered ${JSON.stringify(answer)}`)
  }
  return { waitingMs, clientMs }
}

/** One USER_PASSWORD_AUTH sign-in; returns the milliseconds spent waiting for it. */
export async function signInWithPassword(
  send: Send,
  { ClientId }: Target,
  username: string,
  password: string,
): Promise<number> {
  const started = performance.now()
  const { AuthenticationResult } = await send('InitiateAuth', {
    ClientId,
    AuthFlow: 'USER_PASSWORD_AUTH',
    AuthParameters: { USERNAME: username, PASSWORD: password },
  })
  const ms = performance.now() - started
  if (!AuthenticationResult?.AccessToken) throw new Error('USER_PASSWORD_AUTH gave no tokens')
  return ms
}
