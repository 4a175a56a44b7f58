import type { Context } from '../../core/context.ts'
import { nowSeconds } from '../../core/context.ts'
import { CognitoError, errors } from '../../core/errors.ts'
import { randomBytes, uuid } from '../../core/ids.ts'
import { getUserByUsername } from '../../core/indexes.ts'
import {
  deviceVerifier,
  type SrpSession,
  startDevicePasswordVerifier,
  verifyDevicePasswordClaim,
} from '../../core/srp.ts'
import {
  type ClientRecord,
  type DeviceRecord,
  ownEntry,
  type PoolRecord,
  type UserRecord,
} from '../../core/state.ts'
import { type AuthenticationResult, issueTokens } from '../../core/tokens.ts'
import type { TokenSource } from '../../core/trigger-tokens.ts'
import type { ChallengeAnswer } from './challenge-answer.ts'
import { closeSession, openSession } from './sessions.ts'
import { type AuthOutput, requireParameter } from './sign-in.ts'
import { postAuthentication } from './sign-in-triggers.ts'

/** Cognito's answer for a DeviceKey it does not know for the user (Amplify then drops the key and retries). */
export const deviceNotFound = (): CognitoError =>
  new CognitoError('ResourceNotFoundException', 'Device does not exist.')

/** Whether the pool tracks devices at all: only when it has a DeviceConfiguration. */
export const tracksDevices = (pool: PoolRecord): boolean => pool.config.DeviceConfiguration !== undefined

/** Whether a remembered device stands in for MFA (DeviceConfiguration.ChallengeRequiredOnNewDevice). */
export const rememberedSkipsMfa = (pool: PoolRecord): boolean =>
  (pool.config.DeviceConfiguration as { ChallengeRequiredOnNewDevice?: boolean } | undefined)
    ?.ChallengeRequiredOnNewDevice === true

/** The user's device with this key; a key the user does not have is `Device does not exist.` */
export function findDevice(user: UserRecord, deviceKey: string | undefined): DeviceRecord | undefined {
  if (deviceKey === undefined || deviceKey === '') return undefined
  const device = ownEntry(user.devices, deviceKey)
  if (!device) throw deviceNotFound()
  return device
}

/** The device a sign-in can authenticate with device SRP: known to the user and confirmed by ConfirmDevice. */
export function confirmedDevice(user: UserRecord, deviceKey: string | undefined): DeviceRecord | undefined {
  const device = findDevice(user, deviceKey)
  return device?.verifier ? device : undefined
}

/** DEVICE_SRP_AUTH: asks the client to prove it holds the device's secret. */
export function deviceSrpChallenge(
  ctx: Context,
  pool: PoolRecord,
  client: ClientRecord,
  user: UserRecord,
  device: DeviceRecord,
): AuthOutput {
  return {
    ChallengeName: 'DEVICE_SRP_AUTH',
    Session: openSession(ctx, pool, client, user.username, 'DEVICE_SRP_AUTH', {
      deviceKey: device.deviceKey,
    }),
    ChallengeParameters: { USERNAME: user.username, DEVICE_KEY: device.deviceKey },
  }
}

/** The DEVICE_SRP_AUTH answer (SRP_A, DEVICE_KEY): DEVICE_PASSWORD_VERIFIER with the device's salt. */
export function answerDeviceSrpAuth(call: ChallengeAnswer): AuthOutput {
  const { ctx, pool, client, user, sessionKey, session, responses } = call
  const srpA = requireParameter(responses, 'SRP_A')
  const deviceKey = requireParameter(responses, 'DEVICE_KEY')
  const device = confirmedDevice(user, deviceKey)
  if (!device?.verifier || deviceKey !== session.data?.deviceKey) throw deviceNotFound()
  const started = startDevicePasswordVerifier(srpA, deviceVerifier(device.verifier))
  if (!started) throw errors.invalidParameter('Invalid SRP_A value.')
  closeSession(ctx, sessionKey)
  return {
    ChallengeName: 'DEVICE_PASSWORD_VERIFIER',
    Session: openSession(ctx, pool, client, user.username, 'DEVICE_PASSWORD_VERIFIER', {
      deviceKey,
      srp: started.session,
    }),
    ChallengeParameters: { ...started.challengeParameters, USERNAME: user.username, DEVICE_KEY: deviceKey },
  }
}

/** The DEVICE_PASSWORD_VERIFIER answer: the claim signed with DeviceGroupKey and DeviceKey; then tokens. */
export function answerDevicePasswordVerifier(call: ChallengeAnswer): AuthOutput | Promise<AuthOutput> {
  const { ctx, pool, client, user, sessionKey, session, responses } = call
  const signature = requireParameter(responses, 'PASSWORD_CLAIM_SIGNATURE')
  const secretBlock = requireParameter(responses, 'PASSWORD_CLAIM_SECRET_BLOCK')
  const timestamp = requireParameter(responses, 'TIMESTAMP')
  const deviceKey = requireParameter(responses, 'DEVICE_KEY')
  const device = confirmedDevice(user, deviceKey)
  const data = session.data as { deviceKey: string; srp: SrpSession }
  closeSession(ctx, sessionKey) // one attempt per exchange
  if (!device || deviceKey !== data.deviceKey) throw deviceNotFound()
  const ok = verifyDevicePasswordClaim(data.srp, {
    deviceGroupKey: device.deviceGroupKey,
    deviceKey,
    secretBlock,
    timestamp,
    signature,
  })
  if (!ok) throw new CognitoError('NotAuthorizedException', 'Incorrect username or password.')
  return finishSignIn(ctx, pool, client, user, device, 'AuthenticateDevice')
}

/**
 * Tokens for a user who passed every challenge. PostAuthentication runs first (it may still refuse the sign-in);
 * then, with a known device, its key goes into the access token; else, where the pool tracks devices, a new device
 * is registered and returned as NewDeviceMetadata for ConfirmDevice. `source` is what PreTokenGeneration is told.
 * Without triggers (and in Node) it finishes without waiting.
 */
export function finishSignIn(
  ctx: Context,
  pool: PoolRecord,
  client: ClientRecord,
  signingIn: UserRecord,
  known?: DeviceRecord,
  source: TokenSource = 'Authentication',
): AuthOutput | Promise<AuthOutput> {
  const post = postAuthentication(ctx, pool, signingIn, !known && tracksDevices(pool))
  if (post) return post.then(() => withTokens(ctx, pool, client, signingIn, known, source))
  return withTokens(ctx, pool, client, signingIn, known, source)
}

function withTokens(
  ctx: Context,
  pool: PoolRecord,
  client: ClientRecord,
  signingIn: UserRecord,
  known: DeviceRecord | undefined,
  source: TokenSource,
): AuthOutput | Promise<AuthOutput> {
  // Re-read after the trigger: the user (or the device) may have gone meanwhile.
  const user = getUserByUsername(pool, signingIn.username)
  if (!user) throw errors.userNotFound()
  const device = known ? findDevice(user, known.deviceKey) : undefined
  const now = nowSeconds(ctx)
  let deviceKey = device?.deviceKey
  let NewDeviceMetadata: { DeviceKey: string; DeviceGroupKey: string } | undefined
  if (device) {
    device.lastAuthenticated = now
  } else if (tracksDevices(pool)) {
    const created: DeviceRecord = {
      deviceKey: `${pool.config.Id.split('_')[0]}_${uuid()}`,
      deviceGroupKey: `-${randomGroupKey()}`,
      remembered: false,
      created: now,
      modified: now,
      lastAuthenticated: now,
    }
    user.devices ??= {}
    user.devices[created.deviceKey] = created
    deviceKey = created.deviceKey
    NewDeviceMetadata = { DeviceKey: created.deviceKey, DeviceGroupKey: created.deviceGroupKey }
  }
  const answer = (result: AuthenticationResult): AuthOutput => ({
    AuthenticationResult: { ...result, ...(NewDeviceMetadata ? { NewDeviceMetadata } : {}) },
    ChallengeParameters: {},
  })
  const result = issueTokens(ctx, pool, client, user, { source, ...(deviceKey ? { deviceKey } : {}) })
  return result instanceof Promise ? result.then(answer) : answer(result)
}

/** AWS's DeviceGroupKey values look like `-` and nine letters and digits. */
function randomGroupKey(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
  return Array.from(randomBytes(9), (b) => alphabet[b % alphabet.length]).join('')
}
