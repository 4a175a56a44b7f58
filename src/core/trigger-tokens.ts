import type { Context } from './context.ts'
import type { PoolRecord, UserRecord } from './state.ts'
import { eventAttributes, fireTrigger, hasTrigger, invalidLambdaResponse, triggerEvent } from './triggers.ts'

/** The trigger source suffixes of PreTokenGeneration (`TokenGeneration_<source>`); no hosted UI, so no `HostedAuth`. */
export type TokenSource = 'Authentication' | 'NewPasswordChallenge' | 'AuthenticateDevice' | 'RefreshTokens'

interface ClaimChanges {
  add: Record<string, unknown>
  suppress: string[]
}

/** What a PreTokenGeneration function asked for, normalized over the V1_0, V2_0 and V3_0 responses. */
export interface TokenCustomization {
  id: ClaimChanges
  access: ClaimChanges & { scopesToAdd: string[]; scopesToSuppress: string[] }
  groups?: { groupsToOverride?: string[]; iamRolesToOverride?: string[]; preferredRole?: string | null }
}

/**
 * Claims no function can add, change or suppress: Cognito keeps its own values (and ignores the request).
 *
 * @note See decisions/0007-triggers.md.
 */
const RESERVED = new Set([
  'acr',
  'amr',
  'aud',
  'at_hash',
  'auth_time',
  'azp',
  'client_id',
  'cognito:username',
  'device_key',
  'event_id',
  'exp',
  'iat',
  'identities',
  'iss',
  'jti',
  'nbf',
  'nonce',
  'origin_jti',
  'scope',
  'sub',
  'token_use',
  'username',
  'cognito:groups',
  'cognito:roles',
  'cognito:preferred_role',
])

/**
 * Runs the pool's PreTokenGeneration trigger, if any, with the event of its LambdaVersion: `V1_0` (version "1",
 * `claimsOverrideDetails`, ID token only) or `V2_0` / `V3_0` (version "2" / "3", `claimsAndScopeOverrideDetails`,
 * both tokens and the access token's scopes).
 *
 * Without a trigger it answers `undefined` at once (nothing to wait for, nothing to customize).
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-token-generation.html
 */
export function preTokenGeneration(
  ctx: Context,
  pool: PoolRecord,
  user: UserRecord,
  source: TokenSource,
  group: { groups: string[]; roles: string[]; preferredRole: string | null },
  scopes: string[],
): Promise<TokenCustomization | undefined> | undefined {
  if (!hasTrigger(ctx, pool, 'PreTokenGeneration')) return undefined
  let v1 = true
  const fired = fireTrigger(ctx, pool, 'PreTokenGeneration', (trigger) => {
    v1 = trigger.version === 'V1_0'
    const request: Record<string, unknown> = {
      userAttributes: eventAttributes(pool, user),
      groupConfiguration: {
        groupsToOverride: group.groups,
        iamRolesToOverride: group.roles,
        preferredRole: group.preferredRole,
      },
      ...(v1 ? {} : { scopes }),
    }
    const response = v1 ? { claimsOverrideDetails: null } : { claimsAndScopeOverrideDetails: null }
    const version = v1 ? '1' : trigger.version === 'V2_0' ? '2' : '3'
    return triggerEvent(ctx, pool, `TokenGeneration_${source}`, user.username, request, response, version)
  })
  return fired.then((result) => {
    if (!result) return undefined
    return v1
      ? fromV1(result.response.claimsOverrideDetails)
      : fromV2(result.response.claimsAndScopeOverrideDetails)
  })
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

function optionalObject(value: unknown): Record<string, unknown> {
  if (value === undefined || value === null) return {}
  if (!isObject(value)) throw invalidLambdaResponse()
  return value
}

function stringList(value: unknown): string[] {
  if (value === undefined || value === null) return []
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw invalidLambdaResponse()
  return value as string[]
}

function claims(value: unknown, stringsOnly: boolean): Record<string, unknown> {
  const map = optionalObject(value)
  if (stringsOnly && Object.values(map).some((v) => typeof v !== 'string')) throw invalidLambdaResponse()
  return map
}

function groupOverride(value: unknown): TokenCustomization['groups'] {
  if (value === undefined || value === null) return undefined
  const details = optionalObject(value)
  const preferred = details.preferredRole
  if (preferred !== undefined && preferred !== null && typeof preferred !== 'string')
    throw invalidLambdaResponse()
  return {
    ...(details.groupsToOverride == null ? {} : { groupsToOverride: stringList(details.groupsToOverride) }),
    ...(details.iamRolesToOverride == null
      ? {}
      : { iamRolesToOverride: stringList(details.iamRolesToOverride) }),
    ...(preferred === undefined ? {} : { preferredRole: preferred as string | null }),
  }
}

function fromV1(value: unknown): TokenCustomization {
  const details = optionalObject(value)
  const groups = groupOverride(details.groupOverrideDetails)
  return {
    id: { add: claims(details.claimsToAddOrOverride, true), suppress: stringList(details.claimsToSuppress) },
    access: { add: {}, suppress: [], scopesToAdd: [], scopesToSuppress: [] },
    ...(groups ? { groups } : {}),
  }
}

function fromV2(value: unknown): TokenCustomization {
  const details = optionalObject(value)
  const id = optionalObject(details.idTokenGeneration)
  const access = optionalObject(details.accessTokenGeneration)
  const groups = groupOverride(details.groupOverrideDetails)
  return {
    id: { add: claims(id.claimsToAddOrOverride, false), suppress: stringList(id.claimsToSuppress) },
    access: {
      add: claims(access.claimsToAddOrOverride, false),
      suppress: stringList(access.claimsToSuppress),
      scopesToAdd: stringList(access.scopesToAdd),
      scopesToSuppress: stringList(access.scopesToSuppress),
    },
    ...(groups ? { groups } : {}),
  }
}

function change(target: Record<string, unknown>, changes: ClaimChanges): void {
  for (const name of changes.suppress) if (!RESERVED.has(name)) delete target[name]
  for (const [name, value] of Object.entries(changes.add)) if (!RESERVED.has(name)) target[name] = value
}

function setOrDrop(target: Record<string, unknown>, name: string, value: unknown): void {
  if (value === null || (Array.isArray(value) && value.length === 0)) delete target[name]
  else target[name] = value
}

/** Applies a function's customization to the claims of the ID and access tokens about to be signed. */
export function customizeClaims(
  custom: TokenCustomization | undefined,
  idClaims: Record<string, unknown>,
  accessClaims: Record<string, unknown>,
): void {
  if (!custom) return
  const { groups } = custom
  if (groups?.groupsToOverride) {
    setOrDrop(idClaims, 'cognito:groups', groups.groupsToOverride)
    setOrDrop(accessClaims, 'cognito:groups', groups.groupsToOverride)
  }
  if (groups?.iamRolesToOverride) setOrDrop(idClaims, 'cognito:roles', groups.iamRolesToOverride)
  if (groups?.preferredRole !== undefined) setOrDrop(idClaims, 'cognito:preferred_role', groups.preferredRole)
  change(idClaims, custom.id)
  change(accessClaims, custom.access)
  const scopes = String(accessClaims.scope ?? '')
    .split(' ')
    .filter(Boolean)
  const scope = [...new Set([...scopes, ...custom.access.scopesToAdd])].filter(
    (s) => !custom.access.scopesToSuppress.includes(s),
  )
  accessClaims.scope = scope.join(' ')
}
