import { decodeProtectedHeader, importJWK, jwtVerify } from 'jose'
import { groupClaims } from '../operations/groups/group-claims.ts'
import { type Context, nowSeconds } from './context.ts'
import { CognitoError } from './errors.ts'
import { randomSegments, uuid } from './ids.ts'
import { addRefreshToken } from './indexes.ts'
import { canSignNow, signJwt, signTokensNow, verifyRs256 } from './jwt-sign.ts'
import { poolKeys } from './keys.ts'
import type { ClientRecord, PoolRecord, SigningKey, UserRecord } from './state.ts'
import {
  customizeClaims,
  preTokenGeneration,
  type TokenCustomization,
  type TokenSource,
} from './trigger-tokens.ts'

export interface AuthenticationResult {
  AccessToken: string
  IdToken: string
  RefreshToken?: string
  ExpiresIn: number
  TokenType: 'Bearer'
  /** A device Cognito starts tracking with this sign-in (the pool's DeviceConfiguration). */
  NewDeviceMetadata?: { DeviceKey: string; DeviceGroupKey: string }
}

const UNIT_SECONDS: Record<string, number> = { seconds: 1, minutes: 60, hours: 3600, days: 86400 }
/** Each token's validity member of an app client (a constant name, not one built per call). */
const VALIDITY = {
  AccessToken: 'AccessTokenValidity',
  IdToken: 'IdTokenValidity',
  RefreshToken: 'RefreshTokenValidity',
} as const
const NO_UNITS: Record<string, string> = Object.freeze({})

/** A token lifetime in seconds, from the client's validity and unit (AWS's default units: hours, hours, days). */
export function tokenLifetime(
  client: ClientRecord,
  token: 'AccessToken' | 'IdToken' | 'RefreshToken',
): number {
  const units = (client.TokenValidityUnits ?? NO_UNITS) as Record<string, string>
  const value = client[VALIDITY[token]] as number | undefined
  if (token === 'RefreshToken') return (value ?? 30) * UNIT_SECONDS[units.RefreshToken ?? 'days']!
  return value === undefined ? 3600 : value * UNIT_SECONDS[units[token] ?? 'hours']!
}

export const issuer = (poolId: string): string => {
  const cut = poolId.indexOf('_')
  return `https://cognito-idp.${cut === -1 ? poolId : poolId.slice(0, cut)}.amazonaws.com/${poolId}`
}

const BOOLEAN_ATTRIBUTES = new Set(['email_verified', 'phone_number_verified'])
const REFRESH_HEADER = 'eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIiwiYWxnIjoiUlNBLU9BRVAifQ'
/** The refresh token's JWE parts after its header, in bytes: encrypted key, IV, ciphertext, tag. */
const REFRESH_PARTS = [256, 12, 96, 16] as const

export interface IssueOptions {
  /** Kept from the original sign-in when refreshing. */
  authTime?: number
  originJti?: string
  /** Whether to mint a new refresh token (sign-in, or refresh with rotation). */
  withRefreshToken?: boolean
  /** What the PreTokenGeneration trigger is told (`TokenGeneration_<source>`). Default `Authentication`. */
  source?: TokenSource
  /** The tracked device of the sign-in: the access token's `device_key`, kept with the refresh token. */
  deviceKey?: string
}

/**
 * Mints ID and access tokens (and a refresh token) for a user, with Cognito's claims. Without a PreTokenGeneration
 * trigger, with the pool's keys made and in Node (synchronous signing) it finishes without waiting, so a sign-in
 * costs no turns of the microtask queue; otherwise it answers a promise. Either way the refresh token record is
 * written in the same synchronous step as the claims are read, after the trigger (if any) has answered.
 */
export function issueTokens(
  ctx: Context,
  pool: PoolRecord,
  client: ClientRecord,
  user: UserRecord,
  options: IssueOptions = {},
): AuthenticationResult | Promise<AuthenticationResult> {
  const iat = nowSeconds(ctx)
  const { both: groups, idOnly: groupRoles } = groupClaims(pool, user)
  const custom = preTokenGeneration(
    ctx,
    pool,
    user,
    options.source ?? 'Authentication',
    {
      groups: (groups['cognito:groups'] as string[] | undefined) ?? [],
      roles: (groupRoles['cognito:roles'] as string[] | undefined) ?? [],
      preferredRole: (groupRoles['cognito:preferred_role'] as string | undefined) ?? null,
    },
    ['aws.cognito.signin.user.admin'],
  )
  const claims = { iat, groups, groupRoles }
  if (custom === undefined && pool.keys && canSignNow) {
    const minted = mint(pool, client, user, options, claims, undefined)
    const [idToken, accessToken] = signTokensNow(minted.id, pool.keys.id, minted.access, pool.keys.access)
    return signed(minted, idToken, accessToken)
  }
  return (async () => {
    const customized = await custom
    // The list of pools is needed only to choose a pool's keys the first time it signs.
    const keys = pool.keys ?? (await poolKeys(pool, Object.values(ctx.state.pools)))
    const minted = mint(pool, client, user, options, claims, customized)
    const [IdToken, AccessToken] = await Promise.all([
      signJwt(minted.id, keys.id),
      signJwt(minted.access, keys.access),
    ])
    return signed(minted, IdToken, AccessToken)
  })()
}

interface Minted {
  id: Record<string, unknown>
  access: Record<string, unknown>
  accessLifetime: number
  RefreshToken: string | undefined
}

const signed = (minted: Minted, IdToken: string, AccessToken: string): AuthenticationResult => ({
  AccessToken,
  ExpiresIn: minted.accessLifetime,
  IdToken,
  ...(minted.RefreshToken ? { RefreshToken: minted.RefreshToken } : {}),
  TokenType: 'Bearer',
})

/** Stores the refresh token (if one is due) and makes both tokens' claims. */
function mint(
  pool: PoolRecord,
  client: ClientRecord,
  user: UserRecord,
  options: IssueOptions,
  {
    iat,
    groups,
    groupRoles,
  }: { iat: number; groups: Record<string, unknown>; groupRoles: Record<string, unknown> },
  custom: TokenCustomization | undefined,
): Minted {
  const authTime = options.authTime ?? iat
  const originJti = options.originJti ?? uuid()
  const eventId = uuid()
  const iss = issuer(pool.config.Id)
  const accessLifetime = tokenLifetime(client, 'AccessToken')
  const idLifetime = tokenLifetime(client, 'IdToken')

  let RefreshToken: string | undefined
  if (options.withRefreshToken !== false) {
    RefreshToken = `${REFRESH_HEADER}.${randomSegments(REFRESH_PARTS)}`
    addRefreshToken(pool, RefreshToken, {
      username: user.username,
      clientId: client.ClientId,
      originJti,
      authTime,
      expires: iat + tokenLifetime(client, 'RefreshToken'),
      ...(options.deviceKey ? { deviceKey: options.deviceKey } : {}),
    })
  }

  const readable = client.ReadAttributes as string[] | undefined
  const attributes: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(user.attributes)) {
    if (name === 'sub' || (readable && !readable.includes(name))) continue
    attributes[name] = BOOLEAN_ATTRIBUTES.has(name) ? value === 'true' : value
  }

  const id: Record<string, unknown> = {
    sub: user.attributes.sub,
    ...groups,
    ...groupRoles,
    ...attributes,
    iss,
    'cognito:username': user.username,
    origin_jti: originJti,
    aud: client.ClientId,
    event_id: eventId,
    token_use: 'id',
    auth_time: authTime,
    exp: iat + idLifetime,
    iat,
    jti: uuid(),
  }
  const access: Record<string, unknown> = {
    sub: user.attributes.sub,
    ...(options.deviceKey ? { device_key: options.deviceKey } : {}),
    ...groups,
    iss,
    client_id: client.ClientId,
    origin_jti: originJti,
    event_id: eventId,
    token_use: 'access',
    scope: 'aws.cognito.signin.user.admin',
    auth_time: authTime,
    exp: iat + accessLifetime,
    iat,
    jti: uuid(),
    username: user.username,
  }
  if (custom) customizeClaims(custom, id, access)
  return { id, access, accessLifetime, RefreshToken }
}

const publicKeys = new Map<string, Promise<CryptoKey>>()
function publicKey(key: SigningKey): Promise<CryptoKey> {
  let k = publicKeys.get(key.kid)
  if (!k) {
    k = importJWK(key.publicJwk as Parameters<typeof importJWK>[0], 'RS256') as Promise<CryptoKey>
    publicKeys.set(key.kid, k)
  }
  return k
}

export interface VerifiedAccessToken {
  pool: PoolRecord
  user: UserRecord
  claims: Record<string, unknown>
}

const invalid = (): CognitoError => new CognitoError('NotAuthorizedException', 'Invalid Access Token')

/**
 * Checks an access token as Cognito does before any access-token operation: our signature with the pool's
 * access key (so `alg: none`, HS256, another pool's or an ID token all fail), then expiry, then revocation.
 */
export async function verifyAccessToken(ctx: Context, token: string): Promise<VerifiedAccessToken> {
  let header: { kid?: string; alg?: string }
  let payload: Record<string, unknown>
  try {
    header = decodeProtectedHeader(token)
    payload = JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/')))
  } catch {
    throw invalid()
  }
  if (typeof payload !== 'object' || payload === null) throw invalid()
  const iss = typeof payload.iss === 'string' ? payload.iss : ''
  const poolId = iss.slice(iss.lastIndexOf('/') + 1)
  const pool = ownPool(ctx, poolId)
  if (!pool?.keys || header.alg !== 'RS256' || header.kid !== pool.keys.access.kid) throw invalid()
  // In Node the signature is checked synchronously (no turn of the event loop); elsewhere with jose.
  const checked = verifyRs256(token, pool.keys.access)
  if (checked === false || (checked === true && iss !== issuer(poolId))) throw invalid()
  if (checked === undefined) {
    try {
      await jwtVerify(token, await publicKey(pool.keys.access), {
        algorithms: ['RS256'],
        issuer: issuer(poolId),
        currentDate: new Date(0), // expiry is checked below against the emulator's clock
      })
    } catch {
      throw invalid()
    }
  }
  if (payload.token_use !== 'access') throw invalid()
  if (typeof payload.exp !== 'number' || payload.exp <= nowSeconds(ctx)) {
    throw new CognitoError('NotAuthorizedException', 'Access Token has expired')
  }
  // Read state only after the last await, so callers can act on it atomically.
  const current = ownPool(ctx, poolId)
  const user = current ? findByUsername(current, payload.username) : undefined
  if (!current || Object.hasOwn(current.revokedOrigins, String(payload.origin_jti))) {
    throw new CognitoError('NotAuthorizedException', 'Access Token has been revoked')
  }
  // A user deleted and re-created under the same username is another user (another sub).
  if (!user || user.attributes.sub !== payload.sub) {
    throw new CognitoError('NotAuthorizedException', 'User does not exist.')
  }
  // Trigger events of access-token operations name the token's app client (callerContext.clientId).
  if (ctx.call && ctx.call.clientId === undefined && typeof payload.client_id === 'string') {
    ctx.call.clientId = payload.client_id
  }
  return { pool: current, user, claims: payload }
}

function findByUsername(pool: PoolRecord, username: unknown): UserRecord | undefined {
  return typeof username === 'string' && Object.hasOwn(pool.users, username)
    ? pool.users[username]
    : undefined
}

/** The pool with this id; never a property every object inherits (`constructor`, `__proto__`). */
function ownPool(ctx: Context, poolId: string): PoolRecord | undefined {
  return Object.hasOwn(ctx.state.pools, poolId) ? ctx.state.pools[poolId] : undefined
}
