/**
 * The emulator's whole state: plain, JSON-serializable data. Lookups that can be derived from it
 * (users by alias, by sub, ...) live in `indexes.ts`, rebuilt from this data, never stored here.
 */
export interface State {
  version: 1
  /** User pools by id. */
  pools: Record<string, PoolRecord>
  /** Every email or SMS Cognito would have sent, oldest first. */
  outbox: OutboxMessage[]
  /** Authentication sessions handed out with challenges, by session string. */
  sessions: Record<string, AuthSession>
}

/**
 * A message Cognito would have delivered by email or SMS.
 *
 * @example
 * ```ts
 * const { code } = cognito.outbox.findLast((m) => m.username === 'alice' && m.reason === 'SignUp')!
 * ```
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CodeDeliveryDetailsType.html
 */
export interface OutboxMessage {
  userPoolId: string
  username: string
  deliveryMedium: 'EMAIL' | 'SMS'
  destination: string
  /** Why it was sent, e.g. `SignUp`, `AdminCreateUser`, `ResendCode`, `ForgotPassword`. */
  reason: string
  code?: string
  /** The temporary password of an invitation. */
  temporaryPassword?: string
  subject?: string
  message: string
  /** Epoch milliseconds. */
  sentAt: number
}

/** A signing key of a pool, kept as JWK so that a snapshot keeps tokens verifiable. */
export interface SigningKey {
  kid: string
  privateJwk: JsonWebKeyLike
  publicJwk: JsonWebKeyLike
}

export type JsonWebKeyLike = Record<string, unknown>

export interface PoolRecord {
  /** The pool as DescribeUserPool returns it (UserPoolType), without derived members. Dates in epoch seconds. */
  config: Record<string, unknown> & { Id: string; Name: string }
  clients: Record<string, ClientRecord>
  /** Users by their canonical username. */
  users: Record<string, UserRecord>
  groups: Record<string, Record<string, unknown>>
  /** Signing keys for ID and access tokens, made on first use. */
  keys?: { id: SigningKey; access: SigningKey }
  /** Refresh tokens by token string. */
  refreshTokens: Record<string, RefreshTokenRecord>
  /** `origin_jti` values whose tokens were revoked (RevokeToken, GlobalSignOut). */
  revokedOrigins: Record<string, number>
  /** The MFA factors SetUserPoolMfaConfig enabled (MfaConfiguration itself stays in `config`). */
  mfaConfig?: PoolMfaConfig
}

/** A pool's MFA factors as GetUserPoolMfaConfig returns them; a member is present when that factor is on. */
export interface PoolMfaConfig {
  SmsMfaConfiguration?: Record<string, unknown>
  SoftwareTokenMfaConfiguration?: { Enabled: boolean }
  EmailMfaConfiguration?: Record<string, unknown>
  WebAuthnConfiguration?: Record<string, unknown>
}

/** A user's MFA settings (SetUserMFAPreference, AdminSetUserSettings, VerifySoftwareToken). */
export interface UserMfa {
  sms?: boolean
  softwareToken?: boolean
  email?: boolean
  preferred?: 'SMS_MFA' | 'SOFTWARE_TOKEN_MFA' | 'EMAIL_OTP'
  /** The verified TOTP secret (base32). */
  totpSecret?: string
  /** A secret from AssociateSoftwareToken that VerifySoftwareToken has not confirmed yet. */
  pendingTotpSecret?: string
  /** The last TOTP step whose code was accepted: a code is good once. */
  totpUsedStep?: number
}

/** A device Cognito handed out in NewDeviceMetadata; ConfirmDevice stores its SRP verifier. */
export interface DeviceRecord {
  deviceKey: string
  deviceGroupKey: string
  /** Set by ConfirmDevice; until then the device cannot sign in. */
  verifier?: { Salt: string; PasswordVerifier: string }
  name?: string
  remembered: boolean
  /** Epoch seconds. */
  created: number
  modified: number
  lastAuthenticated: number
}

/** The app client as DescribeUserPoolClient returns it (UserPoolClientType). */
export type ClientRecord = Record<string, unknown> & {
  ClientId: string
  ClientName: string
  UserPoolId: string
}

export type UserStatus =
  | 'UNCONFIRMED'
  | 'CONFIRMED'
  | 'ARCHIVED'
  | 'COMPROMISED'
  | 'UNKNOWN'
  | 'RESET_REQUIRED'
  | 'FORCE_CHANGE_PASSWORD'
  | 'EXTERNAL_PROVIDER'

export interface UserRecord {
  /** The canonical username: what the user signed up with, or the `sub` where email/phone are the username. */
  username: string
  /** Consecutive wrong passwords, and the end (epoch milliseconds) of the lock-out they caused. */
  lockout?: { failures: number; until?: number } | undefined
  /** Attributes by name, `sub` included, in the order they were set. */
  attributes: Record<string, string>
  enabled: boolean
  status: UserStatus
  /** Epoch seconds. */
  created: number
  modified: number
  /**
   * SHA-256 (hex) of `<pool name part> + <username> + ":" + <password>`: the inner hash of Cognito's SRP, so it
   * serves both USER_PASSWORD_AUTH and SRP without keeping the password.
   */
  passwordHash?: string
  /**
   * Epoch seconds when a temporary password stops working. Cleared by setting `undefined`, never by `delete`:
   * deleting a member turns the record into a slow dictionary object in V8, and every later read of the user
   * (each sign-in, each ListUsers page) pays for it.
   */
  temporaryPasswordExpires?: number | undefined
  /** Pending one-time codes by purpose (`signUp`, `forgotPassword`, `verify:email`, ...). */
  codes: Record<string, CodeRecord>
  /** Group names the user belongs to. */
  groups: string[]
  mfa?: UserMfa
  /** Tracked devices by DeviceKey (only when the pool's DeviceConfiguration turns tracking on). */
  devices?: Record<string, DeviceRecord>
}

export interface CodeRecord {
  code: string
  /** Epoch milliseconds. */
  expires: number
}

export interface RefreshTokenRecord {
  username: string
  clientId: string
  originJti: string
  /** Epoch seconds of the original sign-in. */
  authTime: number
  /** Epoch seconds. */
  expires: number
  revoked?: boolean
  /**
   * Epoch seconds, with the milliseconds as a fraction, from which a rotated-out token stops working: the rotation's
   * instant plus RefreshTokenRotation's grace period. Whole seconds would cut up to a second off the grace period.
   */
  rotatedUntil?: number
  /** The device the sign-in was made on, carried into refreshed access tokens as `device_key`. */
  deviceKey?: string
}

/** State carried between an auth challenge and its answer. */
export interface AuthSession {
  userPoolId: string
  clientId: string
  username: string
  challengeName: string
  /** Epoch milliseconds. */
  expires: number
  /** Challenge-specific data (SRP secrets, codes, ...). */
  data?: Record<string, unknown>
}

/**
 * A keyed record without a prototype. Keys come from callers (usernames, group names, tokens), and on a plain
 * object `__proto__` or `constructor` would hit Object.prototype instead of an entry.
 */
export const dict = <T>(): Record<string, T> => Object.create(null)

/** The entry under `key` of a record, never a member inherited from Object.prototype (`constructor`, ...). */
export const ownEntry = <T>(record: Record<string, T> | undefined, key: string): T | undefined =>
  record && Object.hasOwn(record, key) ? record[key] : undefined

export const emptyState = (): State => ({ version: 1, pools: dict(), outbox: [], sessions: dict() })

/** Copies plain records into prototype-less ones: for state that comes from JSON or structuredClone. */
export function normalizeState(state: State): State {
  const copy = <T>(record: Record<string, T> | undefined): Record<string, T> =>
    Object.assign(dict<T>(), record ?? {})
  state.pools = copy(state.pools)
  state.sessions = copy(state.sessions)
  for (const pool of Object.values(state.pools)) {
    pool.clients = copy(pool.clients)
    pool.users = copy(pool.users)
    pool.groups = copy(pool.groups)
    pool.refreshTokens = copy(pool.refreshTokens)
    pool.revokedOrigins = copy(pool.revokedOrigins)
  }
  return state
}
