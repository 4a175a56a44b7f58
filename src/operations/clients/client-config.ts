import { errors } from '../../core/errors.ts'
import { schemaAttributes } from '../../core/schema-attributes.ts'
import type { ClientRecord, PoolRecord } from '../../core/state.ts'
import type { Input } from '../types.ts'

type Config = Record<string, unknown>

/** The members CreateUserPoolClient and UpdateUserPoolClient both set; an update resets those it is not given. */
export const CONFIGURABLE = [
  'RefreshTokenValidity',
  'AccessTokenValidity',
  'IdTokenValidity',
  'TokenValidityUnits',
  'ReadAttributes',
  'WriteAttributes',
  'ExplicitAuthFlows',
  'SupportedIdentityProviders',
  'CallbackURLs',
  'LogoutURLs',
  'DefaultRedirectURI',
  'AllowedOAuthFlows',
  'AllowedOAuthScopes',
  'AllowedOAuthFlowsUserPoolClient',
  'AnalyticsConfiguration',
  'PreventUserExistenceErrors',
  'EnableTokenRevocation',
  'EnablePropagateAdditionalUserContextData',
  'AuthSessionValidity',
  'RefreshTokenRotation',
] as const

const UNIT_SECONDS: Record<string, number> = { seconds: 1, minutes: 60, hours: 3600, days: 86400 }
const MINUTE = 60
const DAY = 86400

/**
 * The configurable members of an app client from a create or update input, with the defaults AWS echoes for
 * an API-created client: refresh tokens for 30 days, `TokenValidityUnits: {}`, token revocation on, 3-minute
 * auth sessions. Access and ID token validity stay absent (60 minutes, see `tokenLifetime`).
 */
export function clientMembers(input: Input): Config {
  const config: Config = {}
  for (const name of CONFIGURABLE) if (input[name] !== undefined) config[name] = structuredClone(input[name])
  if (!config.RefreshTokenValidity) config.RefreshTokenValidity = 30
  config.TokenValidityUnits ??= {}
  config.AllowedOAuthFlowsUserPoolClient ??= false
  config.EnableTokenRevocation ??= true
  config.EnablePropagateAdditionalUserContextData ??= false
  config.AuthSessionValidity ??= 3
  return config
}

function seconds(config: Config, token: 'AccessToken' | 'IdToken' | 'RefreshToken'): number | undefined {
  const value = config[`${token}Validity`] as number | undefined
  if (value === undefined) return undefined
  const units = config.TokenValidityUnits as Record<string, string>
  return value * UNIT_SECONDS[units[token] ?? (token === 'RefreshToken' ? 'days' : 'hours')]!
}

/**
 * Checks an app client's configuration as Cognito does: token lifetimes within their ranges, and read and write
 * attributes that exist in the pool's schema (write attributes also covering every required attribute).
 */
export function checkClientConfig(pool: PoolRecord, config: Config, action: 'creating' | 'updating'): void {
  const inRange = (s: number | undefined, min: number, max: number) =>
    s === undefined || (s >= min && s <= max)
  if (
    !inRange(seconds(config, 'AccessToken'), 5 * MINUTE, DAY) ||
    !inRange(seconds(config, 'IdToken'), 5 * MINUTE, DAY) ||
    !inRange(seconds(config, 'RefreshToken'), 60 * MINUTE, 3650 * DAY)
  ) {
    throw errors.invalidParameter('Invalid range for token validity.')
  }
  const schema = schemaAttributes(pool)
  const known = (name: string) => schema.some((a) => a.Name === name)
  const read = config.ReadAttributes as string[] | undefined
  if (read && !read.every(known)) {
    throw errors.invalidParameter(`Invalid read attributes specified while ${action} a client`)
  }
  const write = config.WriteAttributes as string[] | undefined
  if (write) {
    const writable = (name: string) =>
      known(name) && !/^(sub|email_verified|phone_number_verified)$/.test(name)
    const required = schema.filter((a) => a.Required && a.Name !== 'sub').map((a) => a.Name)
    if (!write.every(writable) || !required.every((name) => write.includes(name))) {
      throw errors.invalidParameter(`Invalid write attributes specified while ${action} a client`)
    }
  }
}

/** The app client as DescribeUserPoolClient returns it. */
export const describeClient = (client: ClientRecord): Config => structuredClone(client)
