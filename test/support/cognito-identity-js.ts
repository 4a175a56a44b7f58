/**
 * The client half of Cognito's SRP as amazon-cognito-identity-js computes it, with its own AuthenticationHelper
 * (internal, so typed here): user sign-ins (PASSWORD_VERIFIER) and remembered devices (DEVICE_PASSWORD_VERIFIER).
 */
import { createHmac } from 'node:crypto'
import { createRequire } from 'node:module'

export interface BigIntegerLike {
  toString(radix: number): string
}

export interface AuthenticationHelper {
  generateHashDevice(groupKey: string, username: string, cb: (err: unknown) => void): void
  getSaltDevices(): string
  getVerifierDevices(): string
  getRandomPassword(): string
  getLargeAValue(cb: (err: unknown, a: BigIntegerLike) => void): void
  getPasswordAuthenticationKey(
    userId: string,
    password: string,
    B: BigIntegerLike,
    salt: BigIntegerLike,
    cb: (err: unknown, key: Uint8Array) => void,
  ): void
}

const require = createRequire(import.meta.url)
export const cij = require('amazon-cognito-identity-js') as typeof import('amazon-cognito-identity-js') & {
  AuthenticationHelper: new (poolName: string) => AuthenticationHelper
  DateHelper: new () => { getNowString(): string }
}
export const BigInteger = require('amazon-cognito-identity-js/lib/BigInteger.js').default as new (
  hex: string,
  radix: number,
) => BigIntegerLike

export const hexToBase64 = (hex: string): string =>
  Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex').toString('base64')

/** What a client does with NewDeviceMetadata: a random password and its SRP verifier (clients.md §3). */
export async function deviceSecret(DeviceGroupKey: string, DeviceKey: string) {
  const helper = new cij.AuthenticationHelper('unused')
  await new Promise<void>((resolve, reject) =>
    helper.generateHashDevice(DeviceGroupKey, DeviceKey, (err) => (err ? reject(err) : resolve())),
  )
  return {
    password: helper.getRandomPassword(),
    config: {
      Salt: hexToBase64(helper.getSaltDevices()),
      PasswordVerifier: hexToBase64(helper.getVerifierDevices()),
    },
  }
}

/** A new SRP exchange for a pool name (the part of the pool id after `_`) or a DeviceGroupKey: its SRP_A. */
export async function srpStart(poolName: string) {
  const helper = new cij.AuthenticationHelper(poolName)
  const A = await new Promise<BigIntegerLike>((resolve) => helper.getLargeAValue((_, a) => resolve(a)))
  return { helper, SRP_A: A.toString(16) }
}

/**
 * The PASSWORD_VERIFIER (or DEVICE_PASSWORD_VERIFIER) answer to the challenge parameters: the SECRET_BLOCK, the
 * timestamp and their signature with the password's key. `userId` is USER_ID_FOR_SRP (or the DeviceKey).
 */
export async function passwordClaim(
  helper: AuthenticationHelper,
  poolName: string,
  userId: string,
  password: string,
  params: Record<string, string>,
) {
  const key = await new Promise<Uint8Array>((resolve, reject) =>
    helper.getPasswordAuthenticationKey(
      userId,
      password,
      new BigInteger(params.SRP_B!, 16),
      new BigInteger(params.SALT!, 16),
      (err, k) => (err ? reject(err) : resolve(k)),
    ),
  )
  const TIMESTAMP = new cij.DateHelper().getNowString()
  const PASSWORD_CLAIM_SIGNATURE = createHmac('sha256', key)
    .update(
      Buffer.concat([
        Buffer.from(poolName),
        Buffer.from(userId),
        Buffer.from(params.SECRET_BLOCK!, 'base64'),
        Buffer.from(TIMESTAMP),
      ]),
    )
    .digest('base64')
  return { PASSWORD_CLAIM_SECRET_BLOCK: params.SECRET_BLOCK!, TIMESTAMP, PASSWORD_CLAIM_SIGNATURE }
}
