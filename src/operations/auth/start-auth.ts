import type { Context } from '../../core/context.ts'
import { errors } from '../../core/errors.ts'
import { checkSecretHash } from '../../core/secret-hash.ts'
import type { ClientRecord, PoolRecord } from '../../core/state.ts'
import { findUser } from '../../core/users.ts'
import { startCustomAuth } from './custom-auth.ts'
import { requireFlow } from './flows.ts'
import { refreshTokens, rotates } from './refresh.ts'
import {
  type AuthOutput,
  afterPassword,
  checkPassword,
  requireEnabled,
  requireParameter,
  signInUser,
} from './sign-in.ts'
import { clientMetadataAsValidationData, preAuthentication } from './sign-in-triggers.ts'
import { startSrpAuth } from './srp-auth.ts'
import { startUserAuth } from './user-auth.ts'
import { migrates, migrateUser } from './user-migration.ts'

/** The AuthFlow values of InitiateAuth and AdminInitiateAuth. */
const CLIENT_FLOWS = new Set([
  'USER_PASSWORD_AUTH',
  'USER_SRP_AUTH',
  'REFRESH_TOKEN_AUTH',
  'REFRESH_TOKEN',
  'USER_AUTH',
  'CUSTOM_AUTH',
])
const ADMIN_FLOWS = new Set([
  'CUSTOM_AUTH',
  'USER_AUTH',
  'ADMIN_USER_PASSWORD_AUTH',
  'ADMIN_NO_SRP_AUTH',
  'USER_SRP_AUTH',
  'REFRESH_TOKEN_AUTH',
  'REFRESH_TOKEN',
])
/**
 * The first step of every sign-in, shared by InitiateAuth (`admin: false`) and AdminInitiateAuth: the flow
 * must be one the operation accepts and the client allows; SECRET_HASH is checked for clients with a secret.
 */
export function startAuth(
  ctx: Context,
  pool: PoolRecord,
  client: ClientRecord,
  flow: string,
  params: Record<string, string> | undefined,
  admin: boolean,
): AuthOutput | Promise<AuthOutput> {
  if (!(admin ? ADMIN_FLOWS : CLIENT_FLOWS).has(flow)) {
    throw errors.invalidParameter('Initiate Auth method not supported.')
  }
  clientMetadataAsValidationData(ctx)
  switch (flow) {
    case 'USER_PASSWORD_AUTH':
      requireFlow(client, 'ALLOW_USER_PASSWORD_AUTH')
      return passwordAuth(ctx, pool, client, params)
    case 'ADMIN_USER_PASSWORD_AUTH':
    case 'ADMIN_NO_SRP_AUTH':
      requireFlow(client, 'ALLOW_ADMIN_USER_PASSWORD_AUTH')
      return passwordAuth(ctx, pool, client, params)
    case 'USER_SRP_AUTH':
      requireFlow(client, 'ALLOW_USER_SRP_AUTH')
      return withPreAuthentication(ctx, pool, client, params, () => startSrpAuth(ctx, pool, client, params))
    case 'USER_AUTH':
      requireFlow(client, 'ALLOW_USER_AUTH')
      return withPreAuthentication(ctx, pool, client, params, () => startUserAuth(ctx, pool, client, params))
    case 'CUSTOM_AUTH':
      requireFlow(client, 'ALLOW_CUSTOM_AUTH')
      return startCustomAuth(ctx, pool, client, params)
    default:
      return refreshAuth(ctx, pool, client, params)
  }
}

/**
 * USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH: PreAuthentication, then the password. A user the pool does not
 * know goes to the UserMigration trigger, if any, with the password given; the user it returns is created and
 * signed in. Without triggers (and in Node) it finishes without waiting.
 */
function passwordAuth(
  ctx: Context,
  pool: PoolRecord,
  client: ClientRecord,
  params: Record<string, string> | undefined,
): AuthOutput | Promise<AuthOutput> {
  const name = requireParameter(params, 'USERNAME')
  const password = requireParameter(params, 'PASSWORD')
  const found = findUser(pool, name)
  checkSecretHash(client, params?.SECRET_HASH, [name, found?.username])
  // Read again after any trigger: the user may have changed meanwhile.
  const signIn = () => {
    const user = signInUser(pool, client, name)
    checkPassword(ctx, pool, user, password)
    return afterPassword(ctx, pool, client, user, params?.DEVICE_KEY)
  }
  if (!found && migrates(ctx, pool)) {
    return (async () => {
      const migrated = await migrateUser(ctx, pool, name, 'UserMigration_Authentication', password).catch(
        (error: unknown) => {
          // A client that hides users answers a failed migration as any unknown user.
          if (client.PreventUserExistenceErrors === 'ENABLED') return undefined
          throw error
        },
      )
      if (!migrated) return signIn()
      checkPassword(ctx, pool, migrated, password)
      return afterPassword(ctx, pool, client, migrated, params?.DEVICE_KEY)
    })()
  }
  const pre = preAuthentication(ctx, pool, client, name, found)
  return pre ? pre.then(signIn) : signIn()
}

/** PreAuthentication before a flow that checks the credentials later (SRP, USER_AUTH). */
function withPreAuthentication(
  ctx: Context,
  pool: PoolRecord,
  client: ClientRecord,
  params: Record<string, string> | undefined,
  start: () => AuthOutput | Promise<AuthOutput>,
): AuthOutput | Promise<AuthOutput> {
  const name = requireParameter(params, 'USERNAME')
  const found = findUser(pool, name)
  checkSecretHash(client, params?.SECRET_HASH, [name, found?.username])
  if (found) requireEnabled(found)
  const pre = preAuthentication(ctx, pool, client, name, found)
  return pre ? pre.then(start) : start()
}

async function refreshAuth(
  ctx: Context,
  pool: PoolRecord,
  client: ClientRecord,
  params: Record<string, string> | undefined,
): Promise<AuthOutput> {
  requireFlow(client, 'ALLOW_REFRESH_TOKEN_AUTH')
  const token = requireParameter(params, 'REFRESH_TOKEN')
  if (rotates(client)) {
    throw errors.invalidParameter(
      'Refresh token rotation is enabled for this client; refresh tokens with GetTokensFromRefreshToken.',
    )
  }
  if (client.ClientSecret) {
    const record = pool.refreshTokens[token]
    const user = record ? pool.users[record.username] : undefined
    checkSecretHash(client, params?.SECRET_HASH, [params?.USERNAME, record?.username, user?.attributes.sub])
  }
  const AuthenticationResult = await refreshTokens(ctx, pool, client, token, false)
  return { AuthenticationResult, ChallengeParameters: {} }
}
