import type { Context } from '../core/context.ts'
import { generatePassword } from '../core/passwords.ts'
import type { ClientRecord, PoolRecord } from '../core/state.ts'
import { type AuthenticationResult, issueTokens } from '../core/tokens.ts'
import { SeedError, seedUser } from '../seed/apply-seed.ts'

/**
 * What `cognito.createUser` creates.
 *
 * @example
 * ```ts
 * await cognito.createUser({ username: 'alice', attributes: { email: 'alice@example.com' }, groups: ['admins'] })
 * ```
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminCreateUser.html
 */
export interface CreateUserOptions {
  /** The pool; may be left out when there is only one. */
  poolId?: string
  /** The app client the tokens are for; default the pool's first client. */
  clientId?: string
  username: string
  /** Default: a generated password that meets the pool's policy (returned). */
  password?: string
  /** Attribute values by name, e.g. `{ email: 'alice@example.com', email_verified: 'true' }`. */
  attributes?: Record<string, string>
  /** Names of existing groups of the pool. */
  groups?: string[]
}

/**
 * A user made by `cognito.createUser`, signed in.
 *
 * @example
 * ```ts
 * const { tokens } = await cognito.createUser({ username: 'alice' })
 * const headers = { Authorization: `Bearer ${tokens.AccessToken}` }
 * ```
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AuthenticationResultType.html
 */
export interface CreatedUser {
  /** The stored username (the `sub` where the pool signs in with email or phone number). */
  username: string
  sub: string
  password: string
  /** Tokens as InitiateAuth answers them in AuthenticationResult. */
  tokens: AuthenticationResult
}

/** Creates a CONFIRMED user (checked as AdminCreateUser and AdminSetUserPassword do) and issues its tokens. */
export async function createUser(ctx: Context, options: CreateUserOptions): Promise<CreatedUser> {
  const pool = choosePool(ctx, options.poolId)
  const client = chooseClient(pool, options.clientId)
  const password = options.password ?? generatePassword(pool)
  let user: ReturnType<typeof seedUser>
  try {
    user = seedUser(
      ctx,
      pool,
      {
        username: options.username,
        password,
        ...(options.attributes ? { attributes: options.attributes } : {}),
        ...(options.groups ? { groups: options.groups } : {}),
      },
      'user',
    )
  } catch (error) {
    if (!(error instanceof SeedError)) throw error
    throw new Error(`Failed to call "cognito.createUser()": ${error.message.replace(/^user(\.|: )/, '')}`)
  }
  const tokens = await issueTokens(ctx, pool, client, user)
  return { username: user.username, sub: user.attributes.sub as string, password, tokens }
}

function choosePool(ctx: Context, poolId: string | undefined): PoolRecord {
  const pools = Object.values(ctx.state.pools)
  if (poolId !== undefined) {
    const pool = ctx.state.pools[poolId]
    if (!pool) throw new Error(`Failed to call "cognito.createUser()": there is no user pool ${poolId}.`)
    return pool
  }
  if (pools.length !== 1) {
    throw new Error(
      `Failed to call "cognito.createUser()": there are ${pools.length} user pools. Pass "poolId" to choose one.`,
    )
  }
  return pools[0] as PoolRecord
}

function chooseClient(pool: PoolRecord, clientId: string | undefined): ClientRecord {
  const client = clientId === undefined ? Object.values(pool.clients)[0] : pool.clients[clientId]
  if (!client) {
    const why = clientId === undefined ? 'has no app client' : `has no app client ${clientId}`
    throw new Error(
      `Failed to call "cognito.createUser()": user pool ${pool.config.Id} ${why}. Create one first, or pass "clientId".`,
    )
  }
  return client
}
